package dev.skilldesk.map;

import dev.skilldesk.search.VectorMath;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Confusable skills: pairs whose descriptions an agent cannot tell apart. An agent picks a skill by its name and
 * description, so the vectors compared are of "name: description". A pair is confusable when its cosine similarity
 * is at or above a threshold, or when the two are each other's nearest neighbour and the next nearest is only a
 * small margin further (then neither stands out against the other, whatever the absolute score). Pairs across
 * namespaces and sources count too: the same skill imported twice from two places is the plainest case.
 */
public final class Overlaps {
    /** The similarity at or above which two descriptions are confusable. */
    public static final double DEFAULT_THRESHOLD = 0.85;
    /** For mutual nearest neighbours: confusable when the second nearest is less than this much further. */
    public static final double MARGIN = 0.03;
    /** ... and at least this similar (a lone pair in a sparse library is not confusable for being alone). */
    public static final double MUTUAL_FLOOR = 0.70;

    /** A skill as compared: its reference ({@code namespace/name}) and description. */
    public record Item(String ref, String description) {
    }

    /**
     * A confusable pair: the two skills, their similarity, whether they are each other's nearest neighbour, the
     * words only one description has (what tells them apart, if anything), and the trigger-lab requests that
     * confuse them (written for one, won by the other).
     */
    public record Pair(String a, String b, double similarity, boolean mutualNearest, List<String> onlyA,
                       List<String> onlyB, List<String> requests) {
    }

    private Overlaps() {
    }

    /**
     * The confusable pairs among {@code items} (each with its unit vector, same order), most similar first;
     * {@code threshold} as {@link #DEFAULT_THRESHOLD}.
     */
    public static List<Pair> find(List<Item> items, float[][] vectors, double threshold) {
        int n = items.size();
        if (n < 2) {
            return List.of();
        }
        int dim = vectors[0].length;
        float[] flat = new float[n * dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(vectors[i], 0, flat, i * dim, dim);
        }
        // each one's two nearest, and every pair over the threshold (i < j)
        int[] first = new int[n];
        float[] firstSim = new float[n];
        float[] secondSim = new float[n];
        List<List<float[]>> over = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            over.add(new ArrayList<>());
        }
        IntStream.range(0, n).parallel().forEach(i -> {
            float s1 = -2;
            float s2 = -2;
            int b1 = -1;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                float s = VectorMath.dot(vectors[i], flat, j * dim, dim);
                if (s > s1) {
                    s2 = s1;
                    s1 = s;
                    b1 = j;
                } else if (s > s2) {
                    s2 = s;
                }
                if (j > i && s >= threshold) {
                    over.get(i).add(new float[] {j, s});
                }
            }
            first[i] = b1;
            firstSim[i] = s1;
            secondSim[i] = s2;
        });
        List<Pair> out = new ArrayList<>();
        Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            for (float[] o : over.get(i)) {
                int j = (int) o[0];
                seen.add(((long) i << 32) | j);
                out.add(pair(items.get(i), items.get(j), o[1], first[i] == j && first[j] == i));
            }
        }
        for (int i = 0; i < n; i++) {
            int j = first[i];
            if (j > i && first[j] == i && firstSim[i] >= MUTUAL_FLOOR && !seen.contains(((long) i << 32) | j)
                    && firstSim[i] - Math.max(secondSim[i], secondSim[j]) < MARGIN) {
                out.add(pair(items.get(i), items.get(j), firstSim[i], true));
            }
        }
        out.sort(Comparator.comparingDouble(Pair::similarity).reversed().thenComparing(Pair::a).thenComparing(Pair::b));
        return out;
    }

    private static Pair pair(Item a, Item b, double similarity, boolean mutual) {
        Set<String> wa = words(a.description());
        Set<String> wb = words(b.description());
        List<String> onlyA = wa.stream().filter(w -> !wb.contains(w)).limit(8).toList();
        List<String> onlyB = wb.stream().filter(w -> !wa.contains(w)).limit(8).toList();
        return new Pair(a.ref(), b.ref(), Math.round(similarity * 1000) / 1000.0, mutual, onlyA, onlyB, List.of());
    }

    /** The pair with the trigger-lab requests that confuse it. */
    public static Pair withRequests(Pair p, List<String> requests) {
        return new Pair(p.a(), p.b(), p.similarity(), p.mutualNearest(), p.onlyA(), p.onlyB(), List.copyOf(requests));
    }

    private static final Set<String> STOP = Set.of("the", "and", "for", "with", "this", "that", "use", "when", "from",
            "into", "your", "you", "are", "any", "all", "its", "can", "not", "but", "has", "have", "will", "such", "via",
            "also", "more", "than", "then", "them", "they", "their", "which", "what", "who", "how", "skill", "skills",
            "using", "used", "user", "users", "asks", "ask", "need", "needs", "should", "would", "other", "like", "etc");

    /** A description's content words, in order, lower-cased, three letters or more, stop words left out. */
    static Set<String> words(String description) {
        Set<String> out = new LinkedHashSet<>();
        if (description == null) {
            return out;
        }
        for (String w : description.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}+#.-]+")) {
            String t = w.replaceAll("^[.-]+|[.-]+$", "");
            if (t.length() >= 3 && !STOP.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Unit length (the cosine is then the dot product). */
    public static float[] normalized(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        double norm = Math.sqrt(s);
        float[] out = Arrays.copyOf(v, v.length);
        if (norm > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] /= norm;
            }
        }
        return out;
    }
}
