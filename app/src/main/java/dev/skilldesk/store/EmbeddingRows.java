package dev.skilldesk.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The persisted embedding cache ({@code embedding_cache}): passage vectors keyed by model and the SHA-256 of
 * the embedded text, stored as little-endian float32, so that re-importing or reindexing unchanged text
 * costs nothing and the vector index can be rebuilt without the model.
 */
public final class EmbeddingRows {
    private final Database db;

    public EmbeddingRows(Database db) {
        this.db = db;
    }

    /** Stored vectors for the given text hashes (those found). */
    public Map<String, float[]> get(String modelId, List<String> textHashes) {
        Map<String, float[]> out = new HashMap<>();
        if (textHashes.isEmpty()) {
            return out;
        }
        db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT vector FROM embedding_cache WHERE model_id = ? AND text_sha256 = ?")) {
                for (String h : textHashes) {
                    ps.setString(1, modelId);
                    ps.setString(2, h);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            out.put(h, fromBytes(rs.getBytes(1)));
                        }
                    }
                }
            }
            return null;
        });
        return out;
    }

    /** Stores vectors by text hash, keeping any already there (in the caller's transaction when there is one). */
    public void put(String modelId, Map<String, float[]> byHash, long now) {
        db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO embedding_cache"
                    + " (model_id, text_sha256, dimension, vector, created_at) VALUES (?, ?, ?, ?, ?)")) {
                for (Map.Entry<String, float[]> e : byHash.entrySet()) {
                    ps.setString(1, modelId);
                    ps.setString(2, e.getKey());
                    ps.setInt(3, e.getValue().length);
                    ps.setBytes(4, toBytes(e.getValue()));
                    ps.setLong(5, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** A vector as the column stores it. */
    public static byte[] toBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    public static float[] fromBytes(byte[] bytes) {
        float[] v = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
