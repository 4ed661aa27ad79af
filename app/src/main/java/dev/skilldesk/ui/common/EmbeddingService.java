package dev.skilldesk.ui.common;

import dev.skilldesk.search.IndexStatus;
import dev.skilldesk.search.Indexer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Service;
import javafx.concurrent.Task;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Background embedding as the window sees it: a {@link Service} over the core's indexer, which embeds on
 * its own thread. While the service runs, its value is the indexer's latest status (JavaFX delivers at most
 * one per pulse, so a stream of per-skill reports costs the window nothing), its progress the share of
 * skills embedded and its message the status line; cancelling it pauses the indexer, restarting it resumes.
 */
public final class EmbeddingService extends Service<IndexStatus> {
    private final Indexer indexer;
    private final LinkedBlockingQueue<IndexStatus> reports = new LinkedBlockingQueue<>();
    private final ReadOnlyObjectWrapper<IndexStatus> latest =
            new ReadOnlyObjectWrapper<>();
    private final AtomicReference<IndexStatus> toShow =
            new AtomicReference<>();

    public EmbeddingService(Indexer indexer, Executor executor) {
        this.indexer = indexer;
        setExecutor(executor);
        indexer.onStatus(s -> {
            reports.clear(); // only the newest matters
            reports.offer(s);
            // paused or running, the window shows the newest status, at most once a pulse
            if (toShow.getAndSet(s) == null) {
                Platform.runLater(() -> latest.set(toShow.getAndSet(null)));
            }
        });
    }

    /** The indexer's newest status, whether the service runs or is paused (FX thread). */
    public ReadOnlyObjectProperty<IndexStatus> latestStatusProperty() {
        return latest.getReadOnlyProperty();
    }

    /** Pauses embedding (what is left stays pending in SQLite). */
    public void pause() {
        cancel();
    }

    /** Resumes embedding. */
    public void resume() {
        if (!isRunning()) {
            restart();
        }
    }

    @Override
    protected Task<IndexStatus> createTask() {
        return new Task<>() {
            @Override
            protected IndexStatus call() throws Exception {
                indexer.resume();
                IndexStatus s = indexer.status();
                show(s);
                try {
                    while (!isCancelled()) {
                        IndexStatus next = reports.poll(250, TimeUnit.MILLISECONDS);
                        if (next != null) {
                            s = next;
                            show(s);
                        }
                    }
                } catch (InterruptedException stopped) {
                    // cancelled (or the window's executor is shutting down)
                } finally {
                    if (isCancelled()) {
                        indexer.pause(); // here, off the FX thread: the pause reports a status (a query)
                    }
                }
                return s;
            }

            private void show(IndexStatus s) {
                updateValue(s);
                updateProgress(s.indexed(), Math.max(1, s.total()));
                updateMessage(s.message());
            }
        };
    }
}
