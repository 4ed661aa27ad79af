package dev.skilldesk.bench;

import java.util.List;

/**
 * How to run the benchmark.
 *
 * @param sizes          library sizes to build and measure (none: only the crossover sweep)
 * @param quick          fewer iterations (CI)
 * @param chroma         also load the vectors into a Chroma server started from npm
 * @param crossoverSizes vector counts at which to compare the exact scan with the graph
 * @param seed           for the synthetic corpus, vectors and queries
 * @param threads        the pool size for the concurrent searches
 * @param command        the command line, for the report
 */
public record BenchOptions(List<Integer> sizes, boolean quick, boolean chroma, List<Integer> crossoverSizes, long seed,
                           int threads, String command) {
    public static final List<Integer> FULL_SIZES = List.of(1_000, 10_000, 100_000);
    public static final List<Integer> QUICK_SIZES = List.of(1_000);
    public static final List<Integer> FULL_CROSSOVER = List.of(10_000, 25_000, 50_000, 100_000);

    public BenchOptions {
        sizes = List.copyOf(sizes);
        crossoverSizes = List.copyOf(crossoverSizes);
        if (sizes.stream().anyMatch(s -> s < 100)) {
            throw new IllegalArgumentException("sizes must be at least 100 skills each");
        }
        if (sizes.isEmpty() && crossoverSizes.isEmpty()) {
            throw new IllegalArgumentException("nothing to measure: give library sizes or crossover sizes");
        }
        if (crossoverSizes.stream().anyMatch(s -> s < 100)) {
            throw new IllegalArgumentException("crossover sizes must be at least 100 vectors each");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }

    /** The defaults: full (1,000, 10,000, 100,000 and the crossover sweep) or quick (1,000, no sweep). */
    public static BenchOptions defaults(boolean quick, boolean chroma, String command) {
        return new BenchOptions(quick ? QUICK_SIZES : FULL_SIZES, quick, chroma, quick ? List.of() : FULL_CROSSOVER,
                42, 16, command);
    }
}
