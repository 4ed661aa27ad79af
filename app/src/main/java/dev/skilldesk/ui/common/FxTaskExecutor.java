package dev.skilldesk.ui.common;

import dev.skilldesk.BackgroundPriority;
import dev.skilldesk.library.SkillNotFoundException;
import javafx.application.Platform;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.concurrent.Task;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Background work as JavaFX {@link Task}s on one shared pool; callbacks land on the FX thread. */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FxTaskExecutor.class.getName());
    private final ExecutorService pool;
    /** The lane of {@link #runNow}: one thread, at normal priority, for what the author waits on. */
    private final ExecutorService now = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "skilldesk-ui-now");
        t.setDaemon(true);
        return t;
    });
    private final IntegerProperty running = new SimpleIntegerProperty();

    public FxTaskExecutor() {
        AtomicInteger n = new AtomicInteger();
        // one more thread than cores: the embedding service's task holds one for as long as the window is open
        this.pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()) + 1, r -> {
            Thread t = new Thread(() -> {
                BackgroundPriority.lowerCurrentThread(); // the FX thread comes first
                r.run();
            }, "skilldesk-ui-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> void run(String title, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        submit(pool, title, work, onSuccess, onError);
    }

    @Override
    public <T> void runNow(String title, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        submit(now, title, work, onSuccess, onError);
    }

    private <T> void submit(ExecutorService lane, String title, Callable<T> work, Consumer<T> onSuccess,
                            Consumer<Throwable> onError) {
        if (pool.isShutdown()) {
            return; // the app is stopping: a debounced search or validation that fires now has nobody to show it to
        }
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> {
            running.set(running.get() - 1);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            running.set(running.get() - 1);
            Throwable failure = task.getException();
            // a skill deleted meanwhile is news the view handles, not a fault worth a stack trace
            LOG.log(failure instanceof SkillNotFoundException ? Level.FINE : Level.WARNING,
                    title + " failed", failure);
            onError.accept(task.getException());
        });
        task.setOnCancelled(e -> running.set(running.get() - 1));
        running.set(running.get() + 1);
        lane.submit(task);
    }

    @Override
    public void onUiThread(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public void later(long millis, Runnable action) {
        CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(() -> onUiThread(() -> {
            if (!pool.isShutdown()) { // the app stopped meanwhile
                action.run();
            }
        }));
    }

    /** The pool itself, for a {@link javafx.concurrent.Service} that runs its tasks here. */
    public Executor executor() {
        return pool;
    }

    /** How many tasks are in flight (the status bar shows it). */
    public IntegerProperty runningProperty() {
        return running;
    }

    @Override
    public void close() {
        now.shutdownNow();
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
