package dev.skilldesk.bench;

import dev.skilldesk.search.Embedder;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deterministic 384-d unit vectors standing in for model embeddings where embedding with the real model
 * would take too long. Each is the sum of fixed random directions for a skill's verb, object and domain
 * (and one more tag) plus Gaussian noise, normalised: vectors of skills that share words are close, as
 * text embeddings of such skills are, rather than spread uniformly over the sphere.
 */
public final class SyntheticVectors {
    public static final int DIM = 384;
    private static final double NOISE = 0.05;

    private final long seed;
    private final Map<String, float[]> words = new ConcurrentHashMap<>();

    public SyntheticVectors(long seed) {
        this.seed = seed;
    }

    /** The vector of the {@code i}-th generated entry (words drawn from the corpus vocabulary). */
    public float[] forIndex(int i) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + i);
        return mix(pick(r, SyntheticCorpus.VERBS), pick(r, SyntheticCorpus.OBJECTS), pick(r, SyntheticCorpus.DOMAINS),
                pick(r, SyntheticCorpus.VERBS), r);
    }

    /** The {@code q}-th query vector: like an entry, from its own stream of random numbers. */
    public float[] query(int q) {
        Random r = new Random(seed * 0xC2B2AE3D27D4EB4FL + q + (1L << 40));
        return mix(pick(r, SyntheticCorpus.VERBS), pick(r, SyntheticCorpus.OBJECTS), pick(r, SyntheticCorpus.DOMAINS),
                pick(r, SyntheticCorpus.VERBS), r);
    }

    /**
     * The vector of a stored skill, from its name ({@code verb-object-domain-index}) and tags
     * ({@code object, domain, verb}); {@code noiseSeed} makes it differ from its namesakes.
     */
    public float[] forSkill(String name, List<String> tags, long noiseSeed) {
        int dash = name.indexOf('-');
        String verb = dash > 0 ? name.substring(0, dash) : name;
        String object = tags.size() > 0 ? tags.get(0) : "";
        String domain = tags.size() > 1 ? tags.get(1) : "";
        String extra = tags.size() > 2 ? tags.get(2) : "";
        return mix(verb, object, domain, extra, new Random(seed * 31 + noiseSeed));
    }

    private static String pick(Random r, String[] from) {
        return from[r.nextInt(from.length)];
    }

    private float[] mix(String verb, String object, String domain, String extra, Random noise) {
        float[] v = new float[DIM];
        add(v, word(verb), 1.0f);
        add(v, word(object), 1.0f);
        add(v, word(domain), 0.8f);
        add(v, word(extra), 0.4f);
        for (int i = 0; i < DIM; i++) {
            v[i] += (float) (noise.nextGaussian() * NOISE);
        }
        return Embedder.normalize(v);
    }

    private static void add(float[] into, float[] w, float weight) {
        for (int i = 0; i < DIM; i++) {
            into[i] += w[i] * weight;
        }
    }

    private float[] word(String w) {
        return words.computeIfAbsent(w, k -> {
            Random r = new Random(seed ^ (k.hashCode() * 0x2545F4914F6CDD1DL));
            float[] v = new float[DIM];
            for (int i = 0; i < DIM; i++) {
                v[i] = (float) r.nextGaussian();
            }
            return Embedder.normalize(v);
        });
    }
}
