package dev.skilldesk.search;

import dev.skilldesk.store.Database;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeddings keyed by (model, sha256 of text): persisted in SQLite so that re-importing or reindexing
 * unchanged text costs nothing, plus an in-memory LRU for query embeddings.
 */
public final class EmbeddingCache {
    private final Database db;
    private final Map<String, float[]> queries;

    public EmbeddingCache(Database db, int queryCapacity) {
        this.db = db;
        this.queries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > queryCapacity;
            }
        };
    }

    /** A cached query vector, or null. */
    public synchronized float[] query(String modelId, String query) {
        return queries.get(modelId + '\u0000' + query);
    }

    public synchronized void putQuery(String modelId, String query, float[] vector) {
        queries.put(modelId + '\u0000' + query, vector);
    }

    /** Stored passage vectors for the given text hashes (those found). */
    public Map<String, float[]> passages(String modelId, List<String> textHashes) {
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

    /** Stores passage vectors (in the caller's transaction when there is one). */
    public void putPassages(String modelId, Map<String, float[]> byHash, long now) {
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

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] toBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static float[] fromBytes(byte[] bytes) {
        float[] v = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
