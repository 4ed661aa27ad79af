package dev.skilldesk.ui.common;

import javafx.animation.AnimationTimer;
import javafx.scene.Scene;

/**
 * Measures how responsive the FX thread is, two ways:
 * <ul>
 *   <li>the longest <b>pulse</b>: the FX thread's work in one pulse, from the animation step at its start to
 *   the end of its CSS and layout passes (a scene's post-layout pulse listener). A blocked FX thread (I/O,
 *   a model, the database) or an expensive layout shows up here;</li>
 *   <li>the longest <b>gap between pulses</b>: the time from one pulse's start to the next, which also takes
 *   in work run between pulses, the wait for the renderer to finish the previous frame, and any wait for
 *   a core. It is what a user sees as a frame that came late.</li>
 * </ul>
 */
public final class PulseMonitor extends AnimationTimer {
    private final Scene scene;
    private final Runnable afterLayout = this::afterLayout;
    private long last;
    private long maxGapNanos;
    private long maxGapEndedNanos;
    private long pulses;
    private long over100ms;
    private long over50ms;
    private long pulseStartNanos;
    private long maxPulseNanos;
    private volatile long lastPulseNanos;

    /** Measures pulses and the gaps between them in {@code scene}'s window. */
    public PulseMonitor(Scene scene) {
        this.scene = scene;
    }

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
        pulseStartNanos = lastPulseNanos;
        pulses++;
    }

    private void afterLayout() {
        if (pulseStartNanos != 0) {
            maxPulseNanos = Math.max(maxPulseNanos, System.nanoTime() - pulseStartNanos);
            pulseStartNanos = 0;
        }
    }

    @Override
    public void start() {
        last = 0;
        maxGapNanos = 0;
        maxGapEndedNanos = 0;
        pulses = 0;
        over100ms = 0;
        over50ms = 0;
        pulseStartNanos = 0;
        maxPulseNanos = 0;
        scene.addPostLayoutPulseListener(afterLayout);
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        scene.removePostLayoutPulseListener(afterLayout);
    }

    /** System.nanoTime() of the last pulse (for a watchdog on another thread). */
    public long lastPulseNanos() {
        return lastPulseNanos;
    }

    /** The longest pulse: FX-thread work from the pulse's animation step to the end of its layout pass. */
    public double maxPulseMillis() {
        return maxPulseNanos / 1e6;
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
