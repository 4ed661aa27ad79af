package dev.skilldesk.search;

/** Where a search spent its time, stage by stage, in nanoseconds. */
public record SearchTimings(long embedNanos, long vectorNanos, long keywordNanos, long fusionNanos,
                            long fetchNanos, long accessNanos, long totalNanos) {
    public double totalMillis() {
        return totalNanos / 1e6;
    }

    /**
     * A one-line breakdown such as {@code total 3.21 ms = embed 2.10 (cache miss) + vector 0.41 + …}; a search
     * that embedded nothing (keyword mode) says nothing of the embedding or its cache.
     */
    public String describe(boolean cacheHit) {
        if (embedNanos == 0 && vectorNanos == 0) {
            return String.format(java.util.Locale.ROOT, "total %.2f ms = keyword %.2f + fusion %.2f + fetch %.2f + access %.2f",
                    totalNanos / 1e6, keywordNanos / 1e6, fusionNanos / 1e6, fetchNanos / 1e6, accessNanos / 1e6);
        }
        return String.format(java.util.Locale.ROOT,
                "total %.2f ms = embed %.2f (%s) + vector %.2f + keyword %.2f + fusion %.2f + fetch %.2f + access %.2f",
                totalNanos / 1e6, embedNanos / 1e6, cacheHit ? "cache hit" : "cache miss", vectorNanos / 1e6,
                keywordNanos / 1e6, fusionNanos / 1e6, fetchNanos / 1e6, accessNanos / 1e6);
    }
}
