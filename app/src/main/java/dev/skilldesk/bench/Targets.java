package dev.skilldesk.bench;

import java.util.function.Predicate;

/**
 * The performance goals, attached to the rows they judge. The goals are stated for a library of 10,000
 * skills (and, for vector search, 100,000); a smaller library is held to the 10,000 goals too, and sizes
 * in between get none.
 */
public final class Targets {
    public static final int GOAL_SIZE = 10_000;
    public static final int LARGE_GOAL_SIZE = 100_000;

    private record Goal(String text, Predicate<BenchRow> met) {
    }

    private Targets() {
    }

    /** The row with its goal and whether it meets it (unchanged when it has none). */
    public static BenchRow judge(BenchRow row) {
        Goal g = goal(row.size(), row.key());
        if (g == null) {
            return row;
        }
        if (row.skipped()) {
            return row.withTarget(g.text(), null);
        }
        return row.withTarget(g.text(), g.met().test(row));
    }

    private static Goal goal(int size, String key) {
        if (key.equals("activation.lost")) {
            return new Goal("= 0", r -> r.value() != null && r.value() == 0);
        }
        if (size >= LARGE_GOAL_SIZE) {
            return switch (key) {
                case "vector.exact" -> p95(3);
                case "vector.graph" -> p95AndRecall(3, 0.98);
                default -> null;
            };
        }
        if (size <= 0 || size > GOAL_SIZE) {
            return null;
        }
        return switch (key) {
            case "get.exact" -> p95(0.1);
            case "get.layer1", "get.layer2", "get.layer3" -> p95(0.2);
            case "vector.exact" -> p95(1);
            case "vector.graph" -> p95AndRecall(1, 0.98);
            case "search.hybrid.miss" -> p95(10);
            case "search.hybrid.hit" -> p95(2);
            case "activation.enqueue" -> p95(0.05);
            case "activation.sustained" -> new Goal("≥ 50,000 rows/s", r -> r.value() != null && r.value() >= 50_000);
            case "create.save" -> p95(2);
            case "concurrent.100" -> new Goal("wall ≤ 1 s", r -> r.value() != null && r.value() <= 1_000);
            case "memory.heap" -> new Goal("≤ 256 MB", r -> r.value() != null && r.value() <= 256);
            default -> null;
        };
    }

    private static Goal p95(double ms) {
        return new Goal("P95 ≤ " + BenchReport.ms(ms) + " ms", r -> r.p95Ms() != null && r.p95Ms() <= ms);
    }

    private static Goal p95AndRecall(double ms, double recall) {
        return new Goal("P95 ≤ " + BenchReport.ms(ms) + " ms, recall@10 ≥ " + recall,
                r -> r.p95Ms() != null && r.p95Ms() <= ms && r.value() != null && r.value() >= recall);
    }
}
