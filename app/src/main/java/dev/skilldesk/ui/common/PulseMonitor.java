package dev.skilldesk.ui.common;

import javafx.animation.AnimationTimer;

/**
 * Measures how responsive the FX thread is: the longest gap between two pulses while running. A
 * blocked FX thread (I/O, a model, the database) shows up as a long gap.
 */
public final class PulseMonitor extends AnimationTimer {
    private long last;
    private long maxGapNanos;
    private long maxGapEndedNanos;
    private long pulses;
    private long over100ms;
    private long over50ms;
    private volatile long lastPulseNanos;

    @Override
    public void handle(long now) {
        if (last != 0) {
            long gap = now - last;
            if (gap > maxGapNanos) {
                maxGapNanos = gap;
                maxGapEndedNanos = now;
            }
            if (gap > 100_000_000L) {
                over100ms++;
            }
            if (gap > 50_000_000L) {
                over50ms++;
            }
        }
        last = now;
        lastPulseNanos = System.nanoTime();
        pulses++;
    }

    @Override
    public void start() {
        last = 0;
        maxGapNanos = 0;
        maxGapEndedNanos = 0;
        pulses = 0;
        over100ms = 0;
        over50ms = 0;
        super.start();
    }

    /** System.nanoTime() of the last pulse (for a watchdog on another thread). */
    public long lastPulseNanos() {
        return lastPulseNanos;
    }

    public double maxGapMillis() {
        return maxGapNanos / 1e6;
    }

    /** When the longest gap ended, in the pulse clock (System.nanoTime in JavaFX), or 0 before two pulses. */
    public long maxGapEndedNanos() {
        return maxGapEndedNanos;
    }

    public long pulses() {
        return pulses;
    }

    public long gapsOver50ms() {
        return over50ms;
    }

    public long gapsOver100ms() {
        return over100ms;
    }
}
