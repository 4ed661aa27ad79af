package dev.skilldesk.search;

import java.util.List;

/**
 * Turns text into unit-length vectors. The model id and dimension are stored beside every vector, so
 * vectors of different models are never mixed in one index.
 */
public interface Embedder {
    /** A stable id naming the model and its variant, e.g. {@code onnx:all-minilm-l6-v2-q}. */
    String modelId();

    int dimension();

    /** Embeds a search request (some models want a query prefix). */
    float[] embedQuery(String query);

    /** Embeds documents in one batch; the result has one vector per text, in order. */
    List<float[]> embedPassages(List<String> passages);

    /** Whether a text can be embedded now without first loading a model (a server's embedder always can). */
    default boolean loaded() {
        return true;
    }

    /** Starts loading the model in the background, for a search that is likely soon (the Search tab shown). */
    default void preload() {
    }

    /** Returns once the model is loaded (loading it here if no one has started to): after a provisional answer. */
    default void awaitLoaded() {
    }

    /** Scales to unit length so that a dot product is the cosine similarity. */
    static float[] normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        if (sum == 0) {
            return v;
        }
        float inv = (float) (1.0 / Math.sqrt(sum));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }
}
