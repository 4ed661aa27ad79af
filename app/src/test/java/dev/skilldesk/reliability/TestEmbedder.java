package dev.skilldesk.reliability;

import dev.skilldesk.search.Embedder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A tiny deterministic bag-of-words embedder: these tests are about recovery, not meaning. */
final class TestEmbedder implements Embedder {
    static final int DIM = 32;

    @Override
    public String modelId() {
        return "test:bow";
    }

    @Override
    public int dimension() {
        return DIM;
    }

    @Override
    public float[] embedQuery(String query) {
        return vector(query);
    }

    @Override
    public List<float[]> embedPassages(List<String> passages) {
        List<float[]> out = new ArrayList<>();
        passages.forEach(p -> out.add(vector(p)));
        return out;
    }

    static float[] vector(String text) {
        float[] v = new float[DIM];
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            v[Math.floorMod(w.hashCode(), DIM)] += 1;
        }
        v[0] += 0.01f;
        return Embedder.normalize(v);
    }
}
