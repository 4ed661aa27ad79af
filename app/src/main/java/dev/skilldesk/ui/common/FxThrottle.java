package dev.skilldesk.ui.common;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands the latest of a stream of values (progress, indexer status) to the UI thread at most once per
 * interval; values in between are merged, the last one is never lost. A background job that reports
 * after every item (the embedder does ~100 a second) then costs the window a few label updates a
 * second instead of a queue of runnables that compete with rendering.
 */
public final class FxThrottle<T> {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "skilldesk-ui-throttle");
        t.setDaemon(true);
        return t;
    });

    private final Executor uiThread;
    private final long intervalNanos;
    private final Consumer<T> onUiThread;
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastDelivery = System.nanoTime() - Long.MAX_VALUE / 4;

    /**
     * @param uiThread   runs an action on the UI thread ({@link TaskExecutor#onUiThread})
     * @param intervalMs the shortest time between two deliveries
     * @param onUiThread receives the latest value, on the UI thread
     */
    public FxThrottle(Executor uiThread, long intervalMs, Consumer<T> onUiThread) {
        this.uiThread = uiThread;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.onUiThread = onUiThread;
    }

    /** From any thread. */
    public void accept(T value) {
        latest.set(value);
        if (scheduled.compareAndSet(false, true)) {
            long wait = lastDelivery + intervalNanos - System.nanoTime();
            if (wait <= 0) {
                uiThread.execute(this::deliver);
            } else {
                TIMER.schedule(() -> uiThread.execute(this::deliver), wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void deliver() {
        scheduled.set(false); // before reading: a value set after this schedules its own delivery
        lastDelivery = System.nanoTime();
        onUiThread.accept(latest.get());
    }
}
