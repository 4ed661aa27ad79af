package dev.skilldesk.bench;

/**
 * One line of the benchmark table: a measurement at one library size. Latency fields are null for
 * figures that are not latencies (wall times, rates, sizes), which carry {@code value} instead.
 *
 * @param size       skills in the library (0: not tied to a size, e.g. the model's speed)
 * @param key        stable id, e.g. {@code search.hybrid.miss}
 * @param label      what was measured, in words
 * @param samples    timed operations
 * @param throughput operations per second of the timed loop (or the figure's rate)
 * @param value      the figure itself when it is not a latency (recall, wall time, rows lost, MB …)
 * @param note       how it was measured, or why it was skipped
 * @param target     the goal it is held to, in words, or null
 * @param met        whether it meets the goal; null when there is none or it was skipped
 */
public record BenchRow(int size, String key, String label, Double p50Ms, Double p95Ms, Double p99Ms, int samples,
                       Double throughput, String throughputUnit, Double value, String valueUnit, String note,
                       String target, Boolean met) {
    /** The throughput unit of a latency that has no meaningful rate (it is not shown). */
    public static final String NO_THROUGHPUT = "none";

    public static BenchRow latency(int size, String key, String label, Samples s, String throughputUnit, String note) {
        boolean rate = !NO_THROUGHPUT.equals(throughputUnit);
        return new BenchRow(size, key, label, s.percentileMs(50), s.percentileMs(95), s.percentileMs(99), s.count(),
                rate ? s.perSecond() : null, rate ? throughputUnit : null, null, null, note, null, null);
    }

    public static BenchRow value(int size, String key, String label, double value, String unit, Double throughput,
                                 String throughputUnit, String note) {
        return new BenchRow(size, key, label, null, null, null, 0, throughput, throughputUnit, value, unit, note,
                null, null);
    }

    public static BenchRow skipped(int size, String key, String label, String why) {
        return new BenchRow(size, key, label, null, null, null, 0, null, null, null, null, "skipped: " + why, null,
                null);
    }

    public BenchRow withValue(double v, String unit) {
        return new BenchRow(size, key, label, p50Ms, p95Ms, p99Ms, samples, throughput, throughputUnit, v, unit, note,
                target, met);
    }

    public BenchRow withTarget(String target, Boolean met) {
        return new BenchRow(size, key, label, p50Ms, p95Ms, p99Ms, samples, throughput, throughputUnit, value,
                valueUnit, note, target, met);
    }

    public boolean skipped() {
        return note != null && note.startsWith("skipped: ");
    }
}
