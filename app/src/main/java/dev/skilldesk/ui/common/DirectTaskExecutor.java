package dev.skilldesk.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs everything on the calling thread: for view-model tests, which need no toolkit. */
public final class DirectTaskExecutor implements TaskExecutor {
    @Override
    public <T> void run(String title, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onError.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public void onUiThread(Runnable action) {
        action.run();
    }

    @Override
    public void later(long millis, Runnable action) {
        action.run();
    }
}
