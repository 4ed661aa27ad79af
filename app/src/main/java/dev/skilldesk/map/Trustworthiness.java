package dev.skilldesk.map;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * How far a layout keeps neighbourhoods (Venna and Kaski's trustworthiness): 1 when each point's k nearest on the
 * map are among its k nearest by cosine, lower the further the intruders rank by cosine. The measure the map is
 * held to (at k = 10, against PCA on the same vectors).
 */
public final class Trustworthiness {
    private Trustworthiness() {
    }

    public static double of(float[][] unitVectors, double[][] layout, int k) {
        int n = unitVectors.length;
        if (n <= 2 * k + 1) {
            throw new IllegalArgumentException("trustworthiness at k = " + k + " needs more than " + (2 * k + 1) + " points");
        }
        double penalty = IntStream.range(0, n).parallel().mapToDouble(i -> {
            // rank of every other point by cosine (1 = nearest)
            Integer[] byCos = new Integer[n - 1];
            double[] sim = new double[n];
            int c = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    byCos[c++] = j;
                    double s = 0;
                    for (int d = 0; d < unitVectors[i].length; d++) {
                        s += unitVectors[i][d] * unitVectors[j][d];
                    }
                    sim[j] = s;
                }
            }
            Arrays.sort(byCos, (a, b) -> Double.compare(sim[b], sim[a]));
            int[] rank = new int[n];
            for (int r = 0; r < byCos.length; r++) {
                rank[byCos[r]] = r + 1;
            }
            Integer[] byMap = new Integer[n - 1];
            c = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    byMap[c++] = j;
                }
            }
            double[] d2 = new double[n];
            for (int j = 0; j < n; j++) {
                double dx = layout[i][0] - layout[j][0];
                double dy = layout[i][1] - layout[j][1];
                d2[j] = dx * dx + dy * dy;
            }
            Arrays.sort(byMap, (a, b) -> Double.compare(d2[a], d2[b]));
            double p = 0;
            for (int r = 0; r < k; r++) {
                int j = byMap[r];
                if (rank[j] > k) {
                    p += rank[j] - k;
                }
            }
            return p;
        }).sum();
        return 1 - 2.0 / (n * k * (2.0 * n - 3.0 * k - 1)) * penalty;
    }
}
