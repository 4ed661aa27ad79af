package dev.skilldesk.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place background work goes (JabRef's habit). The app's implementation runs work as a
 * {@code javafx.concurrent.Task} on a shared pool and calls back on the FX thread; tests use one that
 * runs everything on the calling thread, so view models are tested without the toolkit.
 */
public interface TaskExecutor {
    /** Runs {@code work} in the background, then {@code onSuccess} or {@code onError} on the UI thread. */
    <T> void run(String title, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError);

    /**
     * As {@link #run(String, Callable, Consumer, Consumer)}, for work the author is waiting on this moment (a search
     * as they type): it never queues behind the background loads of the start or an import.
     */
    default <T> void runNow(String title, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        run(title, work, onSuccess, onError);
    }

    /** Runs {@code action} on the UI thread (for events that arrive on other threads). */
    void onUiThread(Runnable action);

    /**
     * Runs {@code action} on the UI thread after {@code millis}, so that it lands in a later pulse than
     * the work just done (the app's implementation; the direct one runs it at once).
     */
    void later(long millis, Runnable action);

    /** Runs work with no callback; a failure is logged. */
    default void run(String title, Runnable work) {
        run(title, () -> {
            work.run();
            return null;
        }, r -> { }, logged(title));
    }

    /**
     * A failure handler for work whose failure the author need not be told of (a check that runs again, a refresh that
     * the next one repeats): it is logged, with what was being done, and never dropped in silence.
     */
    static Consumer<Throwable> logged(String what) {
        return e -> Logger.getLogger(TaskExecutor.class.getName())
                .log(Level.INFO, what + " failed: " + e.getMessage(), e);
    }
}
