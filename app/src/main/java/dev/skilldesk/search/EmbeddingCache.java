package dev.skilldesk.search;

import dev.skilldesk.store.Database;
import dev.skilldesk.store.EmbeddingRows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeddings keyed by (model, sha256 of text): persisted in SQLite so that re-importing or reindexing
 * unchanged text costs nothing, plus an in-memory LRU for query embeddings.
 */
public final class EmbeddingCache {
    private final EmbeddingRows rows;
    private final Map<String, float[]> queries;

    public EmbeddingCache(Database db, int queryCapacity) {
        this.rows = new EmbeddingRows(db);
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
        return rows.get(modelId, textHashes);
    }

    /** Stores passage vectors (in the caller's transaction when there is one). */
    public void putPassages(String modelId, Map<String, float[]> byHash, long now) {
        rows.put(modelId, byHash, now);
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
        return EmbeddingRows.toBytes(v);
    }

    static float[] fromBytes(byte[] bytes) {
        return EmbeddingRows.fromBytes(bytes);
    }
}
