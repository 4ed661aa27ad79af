package dev.skilldesk.store;

import dev.skilldesk.skill.Activation;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs activations without making the caller wait on the disk: {@link #log} puts the row on a queue;
 * one writer thread inserts batches, flushing when a batch is full or {@code maxDelayMs} has passed,
 * and everything still queued on {@link #close}. Loss bound on a crash (kill -9): the rows enqueued in
 * the last {@code maxDelayMs} plus one batch; after a clean close, none. An activation whose key is
 * already stored is skipped, not an error, so a batch never fails on a repeat.
 */
public final class ActivationWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ActivationWriter.class.getName());
    private static final Object FLUSH = new Object();

    private final Database db;
    private final int batchSize;
    private final long maxDelayMs;
    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<CountDownLatch> waiters = new ArrayList<>();
    private volatile boolean closing;

    public ActivationWriter(Database db) {
        this(db, 2_000, 200, 1_000_000);
    }

    public ActivationWriter(Database db, int batchSize, long maxDelayMs, int capacity) {
        this.db = db;
        this.batchSize = batchSize;
        this.maxDelayMs = maxDelayMs;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "skilldesk-activation-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Enqueues one activation; returns at once. When the queue is full (the disk far behind) the caller
     * waits rather than the row being dropped.
     */
    public void log(Activation a) {
        if (closing) {
            throw new IllegalStateException("the activation writer is closed");
        }
        if (!queue.offer(a)) {
            try {
                queue.put(a);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while logging an activation", e);
            }
        }
    }

    /** Blocks until every activation enqueued before this call is in the database. */
    public void flush() {
        CountDownLatch latch = new CountDownLatch(1);
        synchronized (waiters) {
            waiters.add(latch);
        }
        try {
            queue.put(FLUSH);
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long written() {
        return written.get();
    }

    public long failed() {
        return failed.get();
    }

    public int pending() {
        return queue.size();
    }

    private void run() {
        List<Activation> batch = new ArrayList<>(batchSize);
        while (true) {
            boolean flushRequested = false;
            try {
                Object first = queue.poll(maxDelayMs, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) {
                        break;
                    }
                    continue;
                }
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxDelayMs);
                Object next = first;
                while (next != null) {
                    if (next == FLUSH) {
                        flushRequested = true;
                        break;
                    }
                    batch.add((Activation) next);
                    if (batch.size() >= batchSize) {
                        break;
                    }
                    next = queue.poll();
                    if (next == null && !closing) {
                        long wait = deadline - System.nanoTime();
                        next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : null;
                    }
                }
            } catch (InterruptedException e) {
                // close() interrupts only after it stops accepting; drain what is left below
                closing = true;
            }
            write(batch);
            batch.clear();
            if (flushRequested) {
                releaseWaiters();
            }
            if (closing && queue.isEmpty()) {
                break;
            }
        }
        releaseWaiters();
    }

    private void releaseWaiters() {
        synchronized (waiters) {
            waiters.forEach(CountDownLatch::countDown);
            waiters.clear();
        }
    }

    private void write(List<Activation> batch) {
        if (batch.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                insert(batch);
                written.addAndGet(batch.size());
                return;
            } catch (RuntimeException e) {
                if (attempt >= 5) {
                    failed.addAndGet(batch.size());
                    LOG.log(Level.SEVERE, "could not log " + batch.size() + " activations", e);
                    return;
                }
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException ie) {
                    closing = true;
                }
            }
        }
    }

    private void insert(List<Activation> batch) {
        db.inTransaction(() -> db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(ActivationStore.INSERT)) {
                for (Activation a : batch) {
                    ActivationStore.bind(ps, a);
                    ps.addBatch();
                }
                ps.executeBatch();
                ChangeFeed.noteActivations(c, batch);
            }
            return null;
        }));
    }

    /** Stops accepting, writes everything queued, and waits for the writer thread. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        // wake the writer now rather than when its poll times out (up to maxDelayMs: 200 ms on every exit)
        queue.offer(FLUSH);
        try {
            thread.join(TimeUnit.MINUTES.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
