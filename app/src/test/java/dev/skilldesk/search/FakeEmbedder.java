package dev.skilldesk.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A deterministic bag-of-words embedder for tests that are about plumbing, not meaning: each word
 * hashes to a dimension. Can be told to fail for some texts.
 */
public final class FakeEmbedder implements Embedder {
    public static final int DIM = 64;
    final AtomicInteger passagesEmbedded = new AtomicInteger();
    volatile Predicate<String> failWhen = t -> false;

    @Override
    public String modelId() {
        return "fake:bow-64";
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
        for (String p : passages) {
            if (failWhen.test(p)) {
                throw new IllegalStateException("injected failure for: " + p.substring(0, Math.min(20, p.length())));
            }
            out.add(vector(p));
        }
        passagesEmbedded.addAndGet(passages.size());
        return out;
    }

    static float[] vector(String text) {
        float[] v = new float[DIM];
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!w.isEmpty()) {
                v[Math.floorMod(w.hashCode(), DIM)] += 1;
            }
        }
        v[0] += 0.01f; // never the zero vector
        return Embedder.normalize(v);
    }
}
