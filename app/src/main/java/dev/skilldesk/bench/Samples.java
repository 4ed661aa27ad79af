package dev.skilldesk.bench;

import java.util.Arrays;

/**
 * Latencies of one measurement, in nanoseconds, with percentiles (nearest rank) and the throughput of
 * the timed loop. Not thread-safe: each thread records its own and they are merged.
 */
public final class Samples {
    private long[] nanos;
    private int size;
    private long wallNanos;

    public Samples(int expected) {
        this.nanos = new long[Math.max(16, expected)];
    }

    public void add(long n) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = n;
    }

    /** The wall time of the whole timed loop (for throughput); defaults to the sum of the samples. */
    public void wall(long n) {
        this.wallNanos = n;
    }

    public void addAll(Samples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.nanos[i]);
        }
    }

    public int count() {
        return size;
    }

    /** The {@code p}-th percentile (0-100) in milliseconds, nearest rank; NaN when empty. */
    public double percentileMs(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }

    /** Operations per second over the timed loop's wall time (or the samples' sum). */
    public double perSecond() {
        long wall = wallNanos > 0 ? wallNanos : Arrays.stream(nanos, 0, size).sum();
        return wall == 0 ? Double.NaN : size / (wall / 1e9);
    }
}
