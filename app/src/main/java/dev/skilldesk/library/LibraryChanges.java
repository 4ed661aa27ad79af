package dev.skilldesk.library;

import dev.skilldesk.skill.LibraryChange;
import dev.skilldesk.store.ChangeFeed;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the library's changes, this process's and every other process's, to subscribers within a
 * second: one background thread polls the change feed's newest sequence number (one indexed read) every
 * {@link #POLL} and reads what came after the last position it delivered. A subscriber that must rebuild
 * (the feed was pruned past its position) is told so. The thread starts with the first subscription.
 */
public final class LibraryChanges implements AutoCloseable {
    /** How often the newest sequence number is read. */
    public static final Duration POLL = Duration.ofMillis(250);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
    private static final int READ_LIMIT = 10_000;
    private static final Logger LOG = Logger.getLogger(LibraryChanges.class.getName());

    /** Receives the changes since the last call, oldest first; {@code rebuild} when some were pruned unseen. */
    @FunctionalInterface
    public interface Listener {
        void changed(List<LibraryChange> changes, boolean rebuild);
    }

    /** A subscription; closing it stops the deliveries. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final ChangeFeed feed;
    private final Clock clock;
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile long position = -1;
    private volatile boolean closed;
    private Thread poller;

    public LibraryChanges(ChangeFeed feed, Clock clock) {
        this.feed = feed;
        this.clock = clock;
    }

    /** Subscribes {@code listener} to the changes committed from now on; it is called on the poller's thread. */
    public synchronized Subscription subscribe(Listener listener) {
        if (closed) {
            throw new IllegalStateException("the library is closed");
        }
        if (position < 0) {
            position = feed.latest();
        }
        listeners.add(listener);
        if (poller == null) {
            poller = dev.skilldesk.BackgroundPriority.newDaemon("skilldesk-changes", this::run);
            poller.start();
        }
        return () -> listeners.remove(listener);
    }

    /** The newest sequence number delivered (-1 before the first subscription). */
    public long position() {
        return position;
    }

    private void run() {
        long nextPrune = 0;
        while (!closed) {
            try {
                long now = clock.millis();
                if (now >= nextPrune) {
                    feed.prune(clock.instant());
                    nextPrune = now + PRUNE_EVERY.toMillis();
                }
                pollOnce();
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.log(Level.FINE, "reading the change feed failed; trying again", e);
                try {
                    Thread.sleep(POLL.toMillis() * 4);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Reads and delivers what came after the last position; returns how many changes were delivered. */
    int pollOnce() {
        if (feed.latest() <= position) {
            return 0;
        }
        ChangeFeed.Batch b;
        int delivered = 0;
        do {
            b = feed.since(position, READ_LIMIT);
            if (b.changes().isEmpty() && !b.behindHorizon()) {
                break;
            }
            position = b.last();
            for (Listener l : listeners) {
                try {
                    l.changed(b.changes(), b.behindHorizon());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a change listener failed", e);
                }
            }
            delivered += b.changes().size();
        } while (b.changes().size() == READ_LIMIT && !closed);
        return delivered;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (poller != null) {
            poller.interrupt();
            try {
                poller.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
