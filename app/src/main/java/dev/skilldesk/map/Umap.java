package dev.skilldesk.map;

import dev.skilldesk.search.VectorMath;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A 2-D layout of unit vectors that keeps each one's near neighbours near: UMAP (McInnes, Healy and Melville,
 * 2018), written here because the kept Java libraries that have it are GPL (Smile). The steps are the paper's:
 * exact cosine k-nearest neighbours, a fuzzy neighbour graph (each point's distances scaled so that its k
 * neighbours sum to log2 k, made symmetric), a PCA start, then stochastic gradient descent that pulls each edge's
 * ends together and pushes random pairs apart, edges sampled in proportion to their weight. It is deterministic:
 * the same vectors in the same order give the same layout (a fixed seed, a single-threaded descent; only the
 * neighbour search, whose result does not depend on order, runs on every core).
 *
 * <p>An update after a few saves ({@link #place}) does not start over: the changed points start at their
 * neighbours' weighted mean in the existing layout and only they move, for a short descent.
 */
public final class Umap {
    /** The neighbours each point keeps (UMAP's n_neighbors). */
    public static final int K = 10; // 15 (UMAP's default) kept neighbourhoods a little worse on the corpus
    private static final double A = 1.577; // min_dist 0.1, spread 1: UMAP's fitted curve parameters
    private static final double B = 0.8951;
    private static final int NEGATIVES = 5;
    private static final long SEED = 42;

    private Umap() {
    }

    /** Each point's k nearest neighbours (by cosine) and their distances (1 - cosine), nearest first. */
    public record Neighbours(int[][] index, float[][] distance) {
    }

    /** The layout: x and y of each point, in the order of the vectors given. */
    public static double[][] layout(float[][] vectors) {
        return layout(vectors, K, 0);
    }

    /** {@code epochs} 0: by the library's size. */
    static double[][] layout(float[][] vectors, int neighbours, int epochsOr0) {
        int n = vectors.length;
        if (n == 0) {
            return new double[0][2];
        }
        if (n == 1) {
            return new double[][] {{0, 0}};
        }
        int k = Math.min(neighbours, n - 1);
        Neighbours nn = neighbours(vectors, k);
        List<int[]> edges = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        graph(nn, n, edges, weights);
        double[][] y = pca(vectors);
        int epochs = epochsOr0 > 0 ? epochsOr0 : n <= 2_000 ? 500 : n <= 10_000 ? 200 : 120;
        descend(y, edges, weights, epochs, null, new SplittableRandom(SEED));
        return y;
    }

    /**
     * Places changed or new points into an existing layout: {@code fixed} holds the positions kept (a row of null for
     * each point to place), {@code vectors} every point's vector in the same order. Only the points placed move.
     */
    public static double[][] place(float[][] vectors, double[][] fixed) {
        int n = vectors.length;
        boolean[] moving = new boolean[n];
        double[][] y = new double[n][];
        int movingCount = 0;
        for (int i = 0; i < n; i++) {
            moving[i] = fixed[i] == null;
            movingCount += moving[i] ? 1 : 0;
            y[i] = fixed[i] == null ? null : fixed[i].clone();
        }
        if (movingCount == 0) {
            return y;
        }
        if (movingCount == n || n - movingCount <= K) {
            return layout(vectors);
        }
        int k = Math.min(K, n - 1);
        int[] movers = IntStream.range(0, n).filter(i -> moving[i]).toArray();
        Neighbours nn = neighboursOf(vectors, movers, k);
        // start: the weighted mean of the neighbours already placed
        for (int m = 0; m < movers.length; m++) {
            double sx = 0;
            double sy = 0;
            double sw = 0;
            for (int j = 0; j < k; j++) {
                int o = nn.index()[m][j];
                if (!moving[o]) {
                    double w = Math.exp(-nn.distance()[m][j] * 10);
                    sx += w * y[o][0];
                    sy += w * y[o][1];
                    sw += w;
                }
            }
            y[movers[m]] = sw == 0 ? new double[] {0, 0} : new double[] {sx / sw, sy / sw};
        }
        // the movers' edges only, and a short descent in which nothing else moves
        List<int[]> edges = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int m = 0; m < movers.length; m++) {
            double[] w = memberships(nn.distance()[m], k);
            for (int j = 0; j < k; j++) {
                edges.add(new int[] {movers[m], nn.index()[m][j]});
                weights.add(w[j]);
            }
        }
        descend(y, edges, weights, 100, moving, new SplittableRandom(SEED + n));
        return y;
    }

    // ---- neighbours --------------------------------------------------------------------------

    /** Exact k nearest neighbours of every point, on every core. */
    public static Neighbours neighbours(float[][] vectors, int k) {
        return neighboursOf(vectors, IntStream.range(0, vectors.length).toArray(), k);
    }

    static Neighbours neighboursOf(float[][] vectors, int[] of, int k) {
        int n = vectors.length;
        int dim = vectors[0].length;
        float[] flat = new float[n * dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(vectors[i], 0, flat, i * dim, dim);
        }
        int[][] index = new int[of.length][];
        float[][] distance = new float[of.length][];
        IntStream.range(0, of.length).parallel().forEach(m -> {
            int i = of[m];
            int[] best = new int[k];
            float[] bestD = new float[k];
            Arrays.fill(bestD, Float.MAX_VALUE);
            Arrays.fill(best, -1);
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                float d = 1f - VectorMath.dot(vectors[i], flat, j * dim, dim);
                if (d < bestD[k - 1] || (d == bestD[k - 1] && best[k - 1] > j)) {
                    int p = k - 1;
                    while (p > 0 && (bestD[p - 1] > d)) {
                        bestD[p] = bestD[p - 1];
                        best[p] = best[p - 1];
                        p--;
                    }
                    bestD[p] = d;
                    best[p] = j;
                }
            }
            index[m] = best;
            distance[m] = bestD;
        });
        return new Neighbours(index, distance);
    }

    // ---- the fuzzy graph ---------------------------------------------------------------------

    /** One point's membership strengths to its k neighbours: exp(-(d - rho) / sigma), summing to log2 k. */
    static double[] memberships(float[] d, int k) {
        double rho = d[0];
        double target = Math.log(k) / Math.log(2);
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double sigma = 1;
        for (int it = 0; it < 64; it++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(-Math.max(0, d[j] - rho) / sigma);
            }
            if (Math.abs(sum - target) < 1e-5) {
                break;
            }
            if (sum > target) {
                hi = sigma;
                sigma = (lo + hi) / 2;
            } else {
                lo = sigma;
                sigma = hi == Double.POSITIVE_INFINITY ? sigma * 2 : (lo + hi) / 2;
            }
        }
        double[] w = new double[k];
        for (int j = 0; j < k; j++) {
            w[j] = Math.exp(-Math.max(0, d[j] - rho) / Math.max(sigma, 1e-12));
        }
        return w;
    }

    /** The symmetric graph: w(i,j) + w(j,i) - w(i,j) w(j,i), one edge per pair. */
    private static void graph(Neighbours nn, int n, List<int[]> edges, List<Double> weights) {
        int k = nn.index()[0].length;
        java.util.Map<Long, Double> w = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            double[] m = memberships(nn.distance()[i], k);
            for (int j = 0; j < k; j++) {
                int o = nn.index()[i][j];
                long key = i < o ? ((long) i << 32) | o : ((long) o << 32) | i;
                Double other = w.get(key);
                w.put(key, other == null ? m[j] : other + m[j] - other * m[j]);
            }
        }
        long[] keys = w.keySet().stream().mapToLong(Long::longValue).sorted().toArray(); // a fixed order
        for (long key : keys) {
            edges.add(new int[] {(int) (key >>> 32), (int) key});
            weights.add(w.get(key));
        }
    }

    // ---- the start and the descent -----------------------------------------------------------

    /** The first two principal components (power iteration), scaled to a span of 20. */
    public static double[][] pca(float[][] v) {
        int n = v.length;
        int dim = v[0].length;
        double[] mean = new double[dim];
        for (float[] x : v) {
            for (int d = 0; d < dim; d++) {
                mean[d] += x[d] / (double) n;
            }
        }
        double[][] comps = new double[2][];
        for (int c = 0; c < 2; c++) {
            double[] q = new double[dim];
            for (int d = 0; d < dim; d++) {
                q[d] = ((d * 7919 + c * 104729) % 1000) / 1000.0 - 0.5; // a fixed start
            }
            for (int it = 0; it < 60; it++) {
                double[] next = new double[dim];
                for (float[] x : v) {
                    double p = 0;
                    for (int d = 0; d < dim; d++) {
                        p += (x[d] - mean[d]) * q[d];
                    }
                    for (int d = 0; d < dim; d++) {
                        next[d] += p * (x[d] - mean[d]);
                    }
                }
                for (int prev = 0; prev < c; prev++) { // orthogonal to the components found
                    double p = 0;
                    for (int d = 0; d < dim; d++) {
                        p += next[d] * comps[prev][d];
                    }
                    for (int d = 0; d < dim; d++) {
                        next[d] -= p * comps[prev][d];
                    }
                }
                double norm = Math.sqrt(Arrays.stream(next).map(a -> a * a).sum());
                if (norm == 0) {
                    break;
                }
                for (int d = 0; d < dim; d++) {
                    q[d] = next[d] / norm;
                }
            }
            comps[c] = q;
        }
        double[][] y = new double[n][2];
        double max = 1e-12;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 2; c++) {
                double p = 0;
                for (int d = 0; d < dim; d++) {
                    p += (v[i][d] - mean[d]) * comps[c][d];
                }
                y[i][c] = p;
                max = Math.max(max, Math.abs(p));
            }
        }
        for (double[] p : y) {
            p[0] = p[0] / max * 10;
            p[1] = p[1] / max * 10;
        }
        return y;
    }

    /**
     * UMAP's descent: each edge sampled in proportion to its weight, pulled together, then {@value #NEGATIVES} random
     * points pushed away; the step shrinks linearly to 0. {@code moving}: only these points move (null: all).
     */
    private static void descend(double[][] y, List<int[]> edges, List<Double> weights, int epochs, boolean[] moving,
                                SplittableRandom random) {
        int n = y.length;
        int e = edges.size();
        double maxW = weights.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double[] every = new double[e];
        double[] next = new double[e];
        for (int i = 0; i < e; i++) {
            every[i] = maxW / Math.max(weights.get(i), 1e-12);
            next[i] = every[i];
        }
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double alpha = 1.0 - (epoch - 1) / (double) epochs;
            for (int s = 0; s < e; s++) {
                if (next[s] > epoch) {
                    continue;
                }
                next[s] += every[s];
                int i = edges.get(s)[0];
                int j = edges.get(s)[1];
                boolean moveI = moving == null || moving[i];
                boolean moveJ = moving == null || moving[j];
                double[] yi = y[i];
                double[] yj = y[j];
                double dx = yi[0] - yj[0];
                double dy = yi[1] - yj[1];
                double d2 = dx * dx + dy * dy;
                if (d2 > 0) {
                    double coef = -2 * A * B * Math.pow(d2, B - 1) / (1 + A * Math.pow(d2, B));
                    double gx = clip(coef * dx) * alpha;
                    double gy = clip(coef * dy) * alpha;
                    if (moveI) {
                        yi[0] += gx;
                        yi[1] += gy;
                    }
                    if (moveJ) {
                        yj[0] -= gx;
                        yj[1] -= gy;
                    }
                }
                for (int neg = 0; neg < NEGATIVES; neg++) {
                    int o = random.nextInt(n);
                    if (o == i) {
                        continue;
                    }
                    double[] yo = y[o];
                    double ex = yi[0] - yo[0];
                    double ey = yi[1] - yo[1];
                    double e2 = ex * ex + ey * ey;
                    double coef = 2 * B / ((0.001 + e2) * (1 + A * Math.pow(e2, B)));
                    if (moveI) {
                        yi[0] += (e2 > 0 ? clip(coef * ex) : 4) * alpha;
                        yi[1] += (e2 > 0 ? clip(coef * ey) : 4) * alpha;
                    }
                }
            }
        }
    }

    private static double clip(double g) {
        return g > 4 ? 4 : g < -4 ? -4 : g;
    }
}
