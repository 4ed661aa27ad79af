package dev.skilldesk.search;

import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.store.ChangeFeed;
import dev.skilldesk.store.Database;
import dev.skilldesk.store.EmbeddingRows;
import dev.skilldesk.store.IndexStateStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the vector index in step with the library, in the background. Work is derived from SQLite
 * (a skill whose active version has no {@code index_state} row for the current model is pending), so
 * nothing queued is lost across a restart, and another process's writes arrive through the change feed.
 * This class is the worker loop and its controls; its parts are {@link PendingWork} (where the next batch
 * comes from), {@link BatchEmbedding} (embedding with the cache, split on a bad text), {@link IndexProgress}
 * (the run shown in the status bar) and {@link IndexSnapshot} (the index file). Failures retry with
 * exponential backoff; an open circuit breaker pauses the work without spending attempts.
 */
public final class Indexer implements SearchService.SemanticSide, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Indexer.class.getName());
    static final int BATCH = 32;
    private static final long POLL_MS = 1_000;
    private static final long MAX_BACKOFF_MS = TimeUnit.MINUTES.toMillis(5);
    /**
     * How long embedding must have been quiet before the index file is rewritten. The file is a cache (rebuilt
     * from SQLite when stale), and writing it takes time proportional to the whole index: done after every
     * single save, it delayed the next save's embedding by that long.
     */
    private static final long PERSIST_QUIET_MS = 2_000;

    private final Embedder embedder;
    private final EmbeddingText text;
    private final EmbeddingCache cache;
    private final VectorIndex index;
    private final boolean persistIndex;
    private final CircuitBreaker breaker;
    private final IndexStateStore states;
    private final ChangeFeed feed;
    private final PendingWork pending;
    private final BatchEmbedding embedding;
    private final IndexProgress progress = new IndexProgress();
    private final IndexSnapshot snapshot;
    private final Thread worker;
    private final CopyOnWriteArrayList<Consumer<IndexStatus>> listeners = new CopyOnWriteArrayList<>();
    private final Object signal = new Object();
    /** A wake() the worker has not acted on yet (guarded by {@code signal}): a notify alone is lost when the
     *  worker is busy, and the save that sent it would wait for the next poll. */
    private boolean wakeRequested;

    private volatile boolean ready;
    private volatile boolean paused;
    private volatile boolean closing;
    private volatile boolean dirty;
    /** A remote index (Chroma) missed writes while it was down: resend everything when it is back. */
    private volatile boolean resyncNeeded;
    private volatile String message = "starting";
    /** The change-feed position up to which the index's filter metadata is current. */
    private volatile long changeWatermark;
    private volatile IndexStatus lastStatus;
    /** True while the worker embeds and stores a batch (SQLite says "indexed" before the vectors are in). */
    private volatile boolean stepping;

    /**
     * @param index        an empty index for {@code embedder}'s model; a {@link LocalVectorIndex} is
     *                     persisted under {@code indexDir} and reloaded at start-up
     * @param breaker      the embedder's breaker (Ollama), or null
     */
    public Indexer(Database db, Path indexDir, Embedder embedder, EmbeddingText text, EmbeddingCache cache,
                   VectorIndex index, CircuitBreaker breaker) {
        this.embedder = embedder;
        this.text = text;
        this.cache = cache;
        this.index = index;
        this.persistIndex = index instanceof LocalVectorIndex;
        this.breaker = breaker;
        this.states = new IndexStateStore(db);
        this.feed = new ChangeFeed(db);
        this.pending = new PendingWork(states, feed, embedder.modelId(), text, BATCH);
        this.embedding = new BatchEmbedding(embedder, cache, breaker);
        this.snapshot = new IndexSnapshot(states, indexDir, embedder.modelId(), index);
        this.worker = dev.skilldesk.BackgroundPriority.newDaemon("skilldesk-indexer", this::run);
    }

    public void start() {
        worker.start();
    }

    // ---- SemanticSide --------------------------------------------------------------------------

    @Override
    public Embedder embedder() {
        return embedder;
    }

    @Override
    public VectorIndex readyIndex() {
        return ready ? index : null;
    }

    @Override
    public EmbeddingCache cache() {
        return cache;
    }

    @Override
    public String unavailableReason() {
        if (!ready) {
            return "the vector index is being rebuilt";
        }
        if (breaker != null && breaker.state() == CircuitBreaker.State.OPEN) {
            return breaker.name() + " is unavailable";
        }
        return "no embedder";
    }

    public VectorIndex index() {
        return index;
    }

    public EmbeddingText embeddingText() {
        return text;
    }

    // ---- control -------------------------------------------------------------------------------

    /** Wakes the worker (after a save in this process, or another process's change from the feed). */
    private static final java.util.concurrent.ScheduledExecutorService NUDGER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "skilldesk-indexer-nudge");
                t.setDaemon(true);
                return t;
            });
    private final java.util.concurrent.atomic.AtomicBoolean nudgePending = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Wakes the worker a millisecond from now, from another thread. For a save's change notification:
     * woken from the saving thread, the worker (about to run the model) tends to be put on that thread's
     * core and preempt it, and the save returns late.
     */
    public void wakeSoon() {
        if (nudgePending.compareAndSet(false, true)) {
            NUDGER.schedule(() -> {
                nudgePending.set(false);
                wake();
            }, 1, TimeUnit.MILLISECONDS);
        }
    }

    public void wake() {
        synchronized (signal) {
            wakeRequested = true;
            signal.notifyAll();
        }
    }

    /** Marks every skill for re-embedding with the current model and starts. */
    public void reindexAll() {
        states.clear(embedder.modelId());
        pending.lookAtEverything();
        paused = false;
        wake();
    }

    /** Bulk jobs holding the work back (an import): embedding waits while any does, whatever pause says. */
    private final java.util.concurrent.atomic.AtomicInteger holds = new java.util.concurrent.atomic.AtomicInteger();

    /** Holds embedding back for a bulk job; {@link #release} lets it go on (unless paused by the user). */
    public void hold() {
        holds.incrementAndGet();
    }

    public void release() {
        if (holds.updateAndGet(h -> Math.max(0, h - 1)) == 0) {
            wake();
        }
    }

    /** Stops embedding after the current batch; what is left stays pending in SQLite. */
    public void pause() {
        paused = true;
        message = "paused";
        publish();
    }

    public void resume() {
        paused = false;
        wake();
    }

    public void onStatus(Consumer<IndexStatus> listener) {
        listeners.add(listener);
    }

    /** What a caller waits for. */
    /** True when the index file holds every vector in memory (it is rewritten once embedding has been quiet). */
    public boolean indexFileCurrent() {
        return !dirty;
    }

    public enum Settled {
        /** The vector index is loaded and answers (pending skills are not in it yet). */
        READY,
        /** Ready, and as complete as it can get now: nothing pending, only failures waiting for their backoff,
         *  or a backend's breaker open. What a search right after start waits for. */
        USABLE,
        /** Nothing pending, no batch in flight and its vectors in the index, or only failures left. */
        INDEXED
    }

    /**
     * Blocks until the index is settled as {@code until} says, or the timeout passes, and returns the last
     * status; {@code progress} sees each status while it waits. The one wait for "the index is usable" that
     * the CLI, the MCP tools, the search warm-up and the tests share.
     */
    public IndexStatus awaitSettled(Settled until, java.time.Duration timeout, Consumer<IndexStatus> progress)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IndexStatus s = status();
        while (!settled(s, until) && System.nanoTime() < deadline) {
            progress.accept(s);
            wake();
            Thread.sleep(50);
            s = status();
        }
        return s;
    }

    private boolean settled(IndexStatus s, Settled until) {
        boolean onlyFailures = s.failed() > 0 && s.pending() == s.failed();
        return switch (until) {
            case READY -> ready;
            case USABLE -> ready && (s.pending() == 0 && !stepping || onlyFailures || breakerOpen());
            case INDEXED -> s.idle() && s.failed() == 0 && !stepping || onlyFailures && ready;
        };
    }

    /** Waits until {@link Settled#INDEXED}. */
    public IndexStatus awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        return awaitSettled(Settled.INDEXED, java.time.Duration.ofNanos(unit.toNanos(timeout)), s -> { });
    }

    public IndexStatus status() {
        IndexStateStore.Counts c = states.counts(embedder.modelId());
        IndexStatus s = new IndexStatus(embedder.modelId(), c.total(), c.indexed(), c.stale(), c.total() - c.indexed(),
                c.failed(), progress.done(), progress.total(), progress.rate(), ready, paused, breakerSummary(), message);
        lastStatus = s;
        return s;
    }

    private String breakerSummary() {
        List<CircuitBreaker> bs = breakers();
        if (bs.isEmpty()) {
            return null;
        }
        return String.join(", ", bs.stream().map(b -> b.name() + " " + b.state().name().toLowerCase()).toList());
    }

    private void publish() {
        if (listeners.isEmpty()) {
            return;
        }
        IndexStatus s = status();
        progress.counted();
        listeners.forEach(l -> l.accept(s));
    }

    /** After each batch: a fresh count at most once a second, else the last one moved on by this run. */
    private void publishProgress() {
        IndexStatus last = lastStatus;
        if (listeners.isEmpty()) {
            return;
        }
        if (last == null || progress.countDue()) {
            publish();
            return;
        }
        int delta = progress.sinceCount();
        IndexStatus s = new IndexStatus(last.modelId(), last.total(), Math.min(last.total(), last.indexed() + delta),
                last.stale(), Math.max(0, last.pending() - delta), last.failed(), progress.done(), progress.total(),
                progress.rate(), ready, paused, breakerSummary(), message);
        listeners.forEach(l -> l.accept(s));
    }

    // ---- the worker ----------------------------------------------------------------------------

    private void run() {
        try {
            loadOrRebuild();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "vector index could not be loaded or rebuilt: " + e.getMessage());
            message = "vector index unavailable: " + e.getMessage();
            resyncNeeded = true; // try again when the backend (a Chroma server) is back
            ready = !persistIndex;
        }
        long lastPersist = System.currentTimeMillis();
        long lastEmbedded = 0;
        while (!closing) {
            try {
                if (resyncNeeded && !breakerOpen()) {
                    resyncNeeded = false;
                    try {
                        rebuildFromSqlite("resending vectors to " + index.getClass().getSimpleName());
                    } catch (RuntimeException e) {
                        resyncNeeded = true;
                        throw e;
                    }
                }
                followChanges();
                int done;
                stepping = true;
                try {
                    done = paused || holds.get() > 0 ? 0 : processBatch();
                } finally {
                    stepping = false;
                }
                long now = System.currentTimeMillis();
                if (done > 0) {
                    lastEmbedded = now;
                }
                boolean quiet = done == 0 && now - lastEmbedded >= PERSIST_QUIET_MS;
                if (dirty && (quiet || now - lastPersist > 10_000)) {
                    persist();
                    lastPersist = System.currentTimeMillis();
                }
                if (done == 0) {
                    if (progress.running() && !paused) {
                        message = "idle";
                        progress.finish();
                        publish();
                    }
                    long wait = waitMillis();
                    long untilQuiet = lastEmbedded + PERSIST_QUIET_MS - now;
                    if (dirty && untilQuiet > 0) {
                        wait = Math.max(10, Math.min(wait, untilQuiet)); // then write the file
                    }
                    synchronized (signal) {
                        if (!wakeRequested) {
                            signal.wait(wait);
                        }
                        wakeRequested = false;
                    }
                }
            } catch (InterruptedException e) {
                break;
            } catch (CircuitBreaker.OpenException e) {
                message = e.getMessage();
                publish();
                sleepUntil(e.retryAtMillis());
            } catch (BatchEmbedding.BackendUnavailable e) {
                message = embedder.modelId() + " failed: " + e.getMessage() + "; waiting";
                publish();
                sleepUntil(System.currentTimeMillis() + 500);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "indexer step failed; retrying", e);
                message = "error: " + e.getMessage();
                sleepUntil(System.currentTimeMillis() + 1_000);
            }
        }
        if (dirty) {
            persist();
        }
    }

    private long waitMillis() {
        long wait = POLL_MS;
        for (CircuitBreaker b : breakers()) {
            if (b.state() == CircuitBreaker.State.OPEN) {
                wait = Math.min(wait, Math.max(10, b.retryAtMillis() - System.currentTimeMillis()));
            }
        }
        return wait;
    }

    private boolean breakerOpen() {
        return breakers().stream().anyMatch(b -> b.state() == CircuitBreaker.State.OPEN);
    }

    /** The breakers of the embedder and of a remote index, for the status line. */
    public List<CircuitBreaker> breakers() {
        List<CircuitBreaker> out = new ArrayList<>(2);
        if (breaker != null) {
            out.add(breaker);
        }
        if (index instanceof ChromaVectorIndex chroma) {
            out.add(chroma.breaker());
        }
        return out;
    }

    private void sleepUntil(long atMillis) {
        long wait = Math.max(10, Math.min(atMillis - System.currentTimeMillis(), 60_000));
        synchronized (signal) {
            try {
                signal.wait(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closing = true;
            }
        }
    }

    /** Embeds up to one batch of pending skills; returns how many were handled. */
    int processBatch() {
        long now = System.currentTimeMillis();
        List<PendingWork.Item> batch = pending.next(now);
        if (batch.isEmpty()) {
            pending.handled();
            return 0;
        }
        if (!progress.running()) {
            // a small batch from the quick look is all there is; only a bulk run pays for a count
            progress.start(batch.size() < BATCH && pending.quick() ? batch.size() : status().pending());
        }
        message = "embedding with " + embedder.modelId();
        Map<String, String> texts = new LinkedHashMap<>();
        batch.forEach(p -> texts.putIfAbsent(p.textHash(), p.text()));
        BatchEmbedding.Result result = embedding.embed(texts);
        if (!result.failed().isEmpty()) {
            List<PendingWork.Item> all = batch;
            result.failed().forEach((hash, error) -> markFailed(
                    all.stream().filter(p -> p.textHash().equals(hash)).toList(), error, now));
            batch = all.stream().filter(p -> !result.failed().containsKey(p.textHash())).toList();
        }
        List<PendingWork.Item> done = batch;
        List<IndexStateStore.Done> rows = done.stream()
                .map(p -> new IndexStateStore.Done(p.skillId(), p.version(), p.textHash())).toList();
        states.inTransaction(() -> {
            if (!result.fresh().isEmpty()) {
                cache.putPassages(embedder.modelId(), result.fresh(), now);
            }
            states.markIndexed(embedder.modelId(), rows, now);
        });
        pending.handled();
        List<VectorEntry> entries = new ArrayList<>();
        for (PendingWork.Item p : done) {
            entries.add(new VectorEntry(p.skillId(), p.version(), result.vectors().get(p.textHash()), p.meta()));
        }
        if (!entries.isEmpty()) {
            upsertOrMarkResync(entries);
            dirty = true;
        }
        progress.add(done.size());
        publishProgress();
        return Math.max(1, done.size());
    }

    private void markFailed(List<PendingWork.Item> failed, RuntimeException e, long now) {
        String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        LOG.warning("embedding " + failed.size() + " skills failed: " + error);
        Map<Long, Integer> versions = new LinkedHashMap<>();
        failed.forEach(p -> versions.put(p.skillId(), p.version()));
        long next = states.markFailed(embedder.modelId(), versions, error, now,
                attempts -> Math.min(MAX_BACKOFF_MS, 1_000L << Math.min(attempts, 20)));
        pending.retryAt(next); // a full look finds the retry
    }

    private void upsertOrMarkResync(List<VectorEntry> entries) {
        try {
            index.upsert(entries);
        } catch (RuntimeException e) {
            // SQLite already records these as indexed; a remote index gets them all again once it is back
            resyncNeeded = true;
            message = "vector index unavailable: " + e.getMessage();
            if (e instanceof CircuitBreaker.OpenException) {
                throw e;
            }
        }
    }

    // ---- following the library's changes -------------------------------------------------------

    /** Brings the index's filter metadata up to date with the skills the change feed names since the last look. */
    private void followChanges() {
        ChangeFeed.ChangedSkills changed = feed.changedSkills(changeWatermark, 5_000, false);
        if (changed.behindHorizon()) {
            // the feed was pruned past our position: what changed meanwhile is unknown, so re-read it all
            changeWatermark = feed.latest();
            rebuildFromSqlite("catching up after a long pause");
            return;
        }
        if (!changed.skillIds().isEmpty()) {
            refresh(changed.skillIds());
        }
        changeWatermark = changed.last();
    }

    /** Re-reads filter metadata (and, for restored skills, the stored vector) of the given skills. */
    private void refresh(List<Long> ids) {
        Map<Long, Set<String>> shares = states.shares(ids);
        List<VectorEntry> upserts = new ArrayList<>();
        List<Long> removed = new ArrayList<>();
        Map<Long, EntryMeta> metaOnly = new HashMap<>();
        for (IndexStateStore.SkillFacts f : states.facts(embedder.modelId(), ids)) {
            if (f.gone()) {
                removed.add(f.skillId());
                continue;
            }
            EntryMeta meta = EntryMeta.of(f.skillId(), f.namespace(), f.persona(), f.access(), f.owner(), shares);
            if (f.indexed() && f.vector() != null) {
                upserts.add(new VectorEntry(f.skillId(), f.indexedVersion(), EmbeddingRows.fromBytes(f.vector()), meta));
            } else {
                metaOnly.put(f.skillId(), meta);
            }
        }
        try {
            removed.forEach(index::remove);
            metaOnly.forEach(index::updateMeta);
            if (!upserts.isEmpty()) {
                index.upsert(upserts);
            }
        } catch (RuntimeException e) {
            resyncNeeded = true;
        }
        dirty = true;
    }

    // ---- load, rebuild, persist ----------------------------------------------------------------

    private void loadOrRebuild() {
        changeWatermark = feed.latest();
        if (!persistIndex) {
            // a server-side index (Chroma) holds its own copy; make sure it has what SQLite says is indexed
            rebuildFromSqlite("syncing " + index.getClass().getSimpleName());
            return;
        }
        IndexSnapshot.Loaded loaded = snapshot.load();
        if (loaded != null) {
            // filter metadata changed since the file was written (access, shares) is caught up by the
            // worker's first look at the change feed, from the file's position on
            changeWatermark = loaded.watermark() > changeWatermark
                    ? 0 // written before the change feed (a clock time, not a position): re-read the metadata
                    : loaded.watermark();
            dirty = false;
            ready = true;
            message = "loaded " + loaded.entries() + " vectors";
            publish();
            return;
        }
        message = snapshot.reason();
        rebuildFromSqlite(message);
        persist();
    }

    /** Fills the index from the vectors SQLite already holds (no model needed). */
    private void rebuildFromSqlite(String why) {
        if (persistIndex) {
            ready = false; // a remote index keeps answering (or failing) on its own meanwhile
        }
        message = why;
        publish();
        int n = snapshot.rebuild();
        dirty = true;
        ready = true;
        message = "rebuilt " + n + " vectors from the library";
        publish();
    }

    private void persist() {
        if (!persistIndex) {
            dirty = false;
            return;
        }
        if (snapshot.persist(changeWatermark)) {
            dirty = false;
        }
    }

    @Override
    public void close() {
        closing = true;
        wake();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        index.close();
    }

    /** For tests. */
    IndexStatus lastStatus() {
        return lastStatus;
    }
}
