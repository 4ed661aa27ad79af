package dev.skilldesk.search;

import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.store.ChangeFeed;
import dev.skilldesk.store.Database;
import dev.skilldesk.store.SkillStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * nothing queued is lost across a restart and another process's writes are picked up by polling.
 * Embeddings are batched and cached by text hash; failures retry with exponential backoff; an open
 * circuit breaker pauses the work without spending attempts.
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

    private final Database db;
    private final Path indexDir;
    private final Embedder embedder;
    private final EmbeddingText text;
    private final EmbeddingCache cache;
    private final VectorIndex index;
    private final boolean persistIndex;
    private final CircuitBreaker breaker;
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
    private final ChangeFeed feed;
    private volatile int runDone;
    private volatile int runTotal;
    private volatile long runStartNanos;
    private volatile IndexStatus lastStatus;

    /**
     * @param index        an empty index for {@code embedder}'s model; a {@link LocalVectorIndex} is
     *                     persisted under {@code indexDir} and reloaded at start-up
     * @param breaker      the embedder's breaker (Ollama), or null
     */
    public Indexer(Database db, Path indexDir, Embedder embedder, EmbeddingText text, EmbeddingCache cache,
                   VectorIndex index, CircuitBreaker breaker) {
        this.db = db;
        this.indexDir = indexDir;
        this.embedder = embedder;
        this.text = text;
        this.cache = cache;
        this.index = index;
        this.persistIndex = index instanceof LocalVectorIndex;
        this.breaker = breaker;
        this.feed = new ChangeFeed(db);
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

    /** Wakes the worker (after a save in this process; other processes are seen by polling). */
    private static final java.util.concurrent.ScheduledExecutorService NUDGER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "skilldesk-indexer-nudge");
                t.setDaemon(true);
                return t;
            });
    private final java.util.concurrent.atomic.AtomicBoolean nudgePending = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Wakes the worker a millisecond from now, from another thread. For a save's change notification:
     * woken from the saving thread, the worker (about to run the model for ~10 ms) tends to be put on
     * that thread's core and preempt it, so the save returned 3-5 ms late on 2 cores.
     */
    public void wakeSoon() {
        if (nudgePending.compareAndSet(false, true)) {
            NUDGER.schedule(() -> {
                nudgePending.set(false);
                wake();
            }, 1, java.util.concurrent.TimeUnit.MILLISECONDS);
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
        db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM index_state WHERE model_id = ?")) {
                ps.setString(1, embedder.modelId());
                ps.executeUpdate();
            }
            return null;
        });
        rescanAll();
        paused = false;
        wake();
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

    /** True while the worker embeds and stores a batch (awaitIdle waits for its vectors to be in the index). */
    private volatile boolean stepping;

    /** Blocks until nothing is pending (or the timeout passes); returns the final status. */
    public IndexStatus awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        IndexStatus s = status();
        while (!(s.idle() && s.failed() == 0 && !stepping) && System.nanoTime() < deadline) {
            if (s.pending() == s.failed() && s.failed() > 0 && ready) {
                return s; // only failures left, waiting for their backoff
            }
            wake();
            Thread.sleep(50);
            s = status();
        }
        return s;
    }

    public IndexStatus status() {
        int[] counts = db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*),"
                    + " sum(CASE WHEN st.state = 'indexed' AND st.version = s.active_version THEN 1 ELSE 0 END),"
                    + " sum(CASE WHEN st.state = 'indexed' AND st.version != s.active_version THEN 1 ELSE 0 END),"
                    + " sum(CASE WHEN st.state = 'failed' THEN 1 ELSE 0 END)"
                    + " FROM skills s LEFT JOIN index_state st ON st.skill_id = s.id AND st.model_id = ?"
                    + " WHERE s.is_deleted = 0")) {
                ps.setString(1, embedder.modelId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)};
                }
            }
        });
        int pending = counts[0] - counts[1];
        double seconds = runStartNanos == 0 ? 0 : (System.nanoTime() - runStartNanos) / 1e9;
        double rate = seconds > 0 ? runDone / seconds : 0;
        IndexStatus s = new IndexStatus(embedder.modelId(), counts[0], counts[1], counts[2], pending, counts[3],
                runDone, runTotal, rate, ready, paused, breakerSummary(), message);
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
        countedAtNanos = System.nanoTime();
        runDoneAtCount = runDone;
        listeners.forEach(l -> l.accept(s));
    }

    private volatile long countedAtNanos;
    private volatile int runDoneAtCount;

    /**
     * After each batch: the counts are a query over every skill (~170 ms at 100,000), so between two
     * counts a second apart the status is the last count moved on by what this run has embedded since.
     */
    private void publishProgress() {
        IndexStatus last = lastStatus;
        if (listeners.isEmpty()) {
            return;
        }
        if (last == null || System.nanoTime() - countedAtNanos > 1_000_000_000L || runDone < runDoneAtCount) {
            publish();
            return;
        }
        int delta = runDone - runDoneAtCount;
        double seconds = runStartNanos == 0 ? 0 : (System.nanoTime() - runStartNanos) / 1e9;
        IndexStatus s = new IndexStatus(last.modelId(), last.total(), Math.min(last.total(), last.indexed() + delta),
                last.stale(), Math.max(0, last.pending() - delta), last.failed(), runDone, runTotal,
                seconds > 0 ? runDone / seconds : 0, ready, paused, breakerSummary(), message);
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
                syncChanges();
                int done;
                stepping = true; // SQLite says "indexed" before the vectors reach the index
                try {
                    done = paused ? 0 : processBatch();
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
                    if (runTotal > 0 && !paused) {
                        message = "idle";
                        runTotal = 0;
                        runDone = 0;
                        runStartNanos = 0;
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
            } catch (BackendUnavailable e) {
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

    /** One pending skill, as read from SQLite. */
    private record Pending(long skillId, int version, String textHash, String text, EntryMeta meta) {
    }

    /** Embeds up to one batch of pending skills; returns how many were handled. */
    int processBatch() {
        long now = System.currentTimeMillis();
        List<Pending> batch = pending(now);
        if (batch.isEmpty()) {
            pendingHandled();
            return 0;
        }
        if (runTotal == 0) {
            runStartNanos = System.nanoTime();
            runDone = 0;
            // a small batch from the quick look is all there is; only a bulk run pays for a count
            runTotal = batch.size() < BATCH && recentSince >= 0 ? batch.size() : status().pending();
        }
        message = "embedding with " + embedder.modelId();
        List<String> hashes = batch.stream().map(Pending::textHash).distinct().toList();
        Map<String, float[]> vectors = new HashMap<>(cache.passages(embedder.modelId(), hashes));
        Map<String, String> missing = new LinkedHashMap<>();
        for (Pending p : batch) {
            if (!vectors.containsKey(p.textHash())) {
                missing.put(p.textHash(), p.text());
            }
        }
        Map<String, float[]> fresh = new HashMap<>();
        if (!missing.isEmpty()) {
            try {
                List<float[]> embedded = embedder.embedPassages(new ArrayList<>(missing.values()));
                int i = 0;
                for (String h : missing.keySet()) {
                    fresh.put(h, embedded.get(i++));
                }
            } catch (CircuitBreaker.OpenException e) {
                throw e; // not the skills' fault: wait for the breaker, spend no attempts
            } catch (RuntimeException e) {
                if (isBackendFailure(e)) {
                    throw new BackendUnavailable(e); // the server, not these skills: nothing is marked failed
                }
                // one bad text fails the whole request: the batch goes again one text at a time, so that only
                // the skills that fail on their own are marked failed and the rest are indexed now
                Map<String, RuntimeException> bad = new HashMap<>();
                if (missing.size() == 1) {
                    bad.put(missing.keySet().iterator().next(), e);
                } else {
                    for (Map.Entry<String, String> m : missing.entrySet()) {
                        try {
                            fresh.put(m.getKey(), embedder.embedPassages(List.of(m.getValue())).get(0));
                        } catch (CircuitBreaker.OpenException one) {
                            throw one;
                        } catch (RuntimeException one) {
                            if (isBackendFailure(one)) {
                                throw new BackendUnavailable(one);
                            }
                            bad.put(m.getKey(), one);
                        }
                    }
                }
                List<Pending> all = batch;
                bad.forEach((hash, error) -> markFailed(
                        all.stream().filter(p -> p.textHash().equals(hash)).toList(), error, now));
                batch = all.stream().filter(p -> !bad.containsKey(p.textHash())).toList();
            }
            vectors.putAll(fresh);
        }
        List<Pending> done = batch;
        db.inTransaction(() -> {
            if (!fresh.isEmpty()) {
                cache.putPassages(embedder.modelId(), fresh, now);
            }
            markIndexed(done, now);
            return null;
        });
        pendingHandled();
        List<VectorEntry> entries = new ArrayList<>();
        for (Pending p : done) {
            entries.add(new VectorEntry(p.skillId(), p.version(), vectors.get(p.textHash()), p.meta()));
        }
        if (!entries.isEmpty()) {
            upsertOrMarkResync(entries);
            dirty = true;
        }
        runDone += done.size();
        runTotal = Math.max(runTotal, runDone);
        publishProgress();
        return Math.max(1, done.size());
    }

    /**
     * A remote embedder failing (down, 5xx, timeout, model missing) says nothing about the skills in the
     * batch; only a request it rejects as invalid does.
     */
    private boolean isBackendFailure(RuntimeException e) {
        return breaker != null && !(e instanceof dev.langchain4j.exception.InvalidRequestException);
    }

    /** The embedding backend failed; the work waits (the breaker decides for how long). */
    private static final class BackendUnavailable extends RuntimeException {
        BackendUnavailable(RuntimeException cause) {
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }
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

    /**
     * The change-feed position after which the quick pending query looks, or -1 when the next look must be
     * a full scan. A full scan joins every skill with its index state (~170 ms at 100,000 skills); the quick
     * one reads only the skills named in the feed since the last look, whichever process changed them.
     */
    private volatile long recentSince = -1;
    /** When a full scan is due anyway: the earliest retry of a failed skill, or a periodic safety look. */
    private volatile long fullScanAt;
    private static final long FULL_SCAN_EVERY_MS = 60_000;
    private long nextRecentSince = -1;
    private long nextFullScanAt;
    /** The earliest retry of a skill that failed since the last full scan. */
    private volatile long earliestRetry = Long.MAX_VALUE;

    private List<Pending> pending(long now) {
        long newest = feed.latest();
        if (recentSince < 0 || now >= fullScanAt || feed.since(recentSince, 1).behindHorizon()) {
            earliestRetry = Long.MAX_VALUE; // the scan sees every failure; the next one is read below
            List<Pending> rows = pendingRows(now, -1, newest);
            if (rows.size() < BATCH) { // everything pending is in hand: later looks need only what changes
                nextRecentSince = newest;
                nextFullScanAt = Math.min(now + FULL_SCAN_EVERY_MS, nextRetryAfter(now));
            }
            return rows;
        }
        List<Pending> rows = pendingRows(now, recentSince, newest);
        // a full batch may leave pending skills of this range for the next look: move on only past a short one
        nextRecentSince = rows.size() < BATCH ? newest : recentSince;
        nextFullScanAt = fullScanAt;
        return rows;
    }

    /** Moves the quick query's start past a batch once it is stored (not when the backend failed it). */
    private void pendingHandled() {
        if (nextRecentSince >= 0) {
            recentSince = nextRecentSince;
            fullScanAt = Math.min(nextFullScanAt, earliestRetry);
            nextRecentSince = -1;
        }
    }

    /** The earliest retry time of a skill that failed with this model and is not due yet (MAX_VALUE: none). */
    private long nextRetryAfter(long now) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT min(next_attempt_at) FROM index_state"
                    + " WHERE model_id = ? AND state = 'failed' AND next_attempt_at > ?")) {
                ps.setString(1, embedder.modelId());
                ps.setLong(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    long t = rs.next() ? rs.getLong(1) : 0;
                    return t == 0 ? Long.MAX_VALUE : t;
                }
            }
        });
    }

    /** Forces the next look for work to be a full scan (another model, a cleared index state). */
    private void rescanAll() {
        recentSince = -1;
    }

    /**
     * Skills whose active version has no current vector for this model: those named in the change feed in
     * ({@code since}, {@code upTo}], or all of them when {@code since} < 0.
     */
    private List<Pending> pendingRows(long now, long since, long upTo) {
        Map<Long, Set<String>> shares = new HashMap<>();
        List<Pending> out = db.withJdbc(c -> {
            List<Pending> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.id, s.active_version, s.name, s.description,"
                    + " s.tags, v.core_instructions, s.namespace, s.persona, s.access_level, s.created_by"
                    + " FROM skills s JOIN skill_versions v ON v.skill_id = s.id AND v.version = s.active_version"
                    + " LEFT JOIN index_state st ON st.skill_id = s.id AND st.model_id = ?"
                    + " WHERE s.is_deleted = 0 AND (st.skill_id IS NULL OR (st.state = 'indexed' AND"
                    + " st.version != s.active_version) OR (st.state = 'failed' AND (st.version != s.active_version"
                    + " OR st.next_attempt_at <= ?)))"
                    + (since >= 0 ? " AND s.id IN (SELECT skill_id FROM library_changes WHERE seq > ? AND seq <= ?"
                    + " AND kind NOT IN ('activation', 'install', 'trigger'))" : "")
                    + " ORDER BY s.id LIMIT ?")) {
                int i = 1;
                ps.setString(i++, embedder.modelId());
                ps.setLong(i++, now);
                if (since >= 0) {
                    ps.setLong(i++, since);
                    ps.setLong(i++, upTo);
                }
                ps.setInt(i, BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<String> tags = tags(rs.getString(5));
                        String t = text.of(rs.getString(3), rs.getString(4), tags, rs.getString(6));
                        rows.add(new Pending(rs.getLong(1), rs.getInt(2), EmbeddingCache.sha256(t), t,
                                new EntryMeta(rs.getString(7), rs.getString(8), AccessLevel.parse(rs.getString(9)),
                                        rs.getString(10), false, Set.of())));
                    }
                }
            }
            return rows;
        });
        if (out.isEmpty()) {
            return out;
        }
        loadShares(out.stream().map(Pending::skillId).toList(), shares);
        List<Pending> withShares = new ArrayList<>(out.size());
        for (Pending p : out) {
            EntryMeta m = p.meta();
            withShares.add(new Pending(p.skillId(), p.version(), p.textHash(), p.text(), new EntryMeta(m.namespace(),
                    m.persona(), m.access(), m.owner(), false, shares.getOrDefault(p.skillId(), Set.of()))));
        }
        return withShares;
    }

    private void markIndexed(List<Pending> done, long now) {
        db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO index_state (skill_id, model_id, version,"
                    + " text_sha256, state, attempts, error, next_attempt_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, 'indexed', 0, NULL, 0, ?)"
                    + " ON CONFLICT(skill_id, model_id) DO UPDATE SET version = excluded.version,"
                    + " text_sha256 = excluded.text_sha256, state = 'indexed', attempts = 0, error = NULL,"
                    + " next_attempt_at = 0, updated_at = excluded.updated_at")) {
                for (Pending p : done) {
                    ps.setLong(1, p.skillId());
                    ps.setString(2, embedder.modelId());
                    ps.setInt(3, p.version());
                    ps.setString(4, p.textHash());
                    ps.setLong(5, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private void markFailed(List<Pending> failed, RuntimeException e, long now) {
        String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        LOG.warning("embedding " + failed.size() + " skills failed: " + error);
        db.inTransaction(() -> db.withJdbc(c -> {
            try (PreparedStatement read = c.prepareStatement(
                    "SELECT attempts, version FROM index_state WHERE skill_id = ? AND model_id = ?");
                 PreparedStatement ps = c.prepareStatement("INSERT INTO index_state (skill_id, model_id, version,"
                         + " text_sha256, state, attempts, error, next_attempt_at, updated_at)"
                         + " VALUES (?, ?, ?, NULL, 'failed', ?, ?, ?, ?)"
                         + " ON CONFLICT(skill_id, model_id) DO UPDATE SET version = excluded.version,"
                         + " state = 'failed', attempts = excluded.attempts, error = excluded.error,"
                         + " next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at")) {
                for (Pending p : failed) {
                    int attempts = 0;
                    read.setLong(1, p.skillId());
                    read.setString(2, embedder.modelId());
                    try (ResultSet rs = read.executeQuery()) {
                        if (rs.next() && rs.getInt(2) == p.version()) {
                            attempts = rs.getInt(1);
                        }
                    }
                    attempts++;
                    long backoff = Math.min(MAX_BACKOFF_MS, 1_000L << Math.min(attempts, 20));
                    ps.setLong(1, p.skillId());
                    ps.setString(2, embedder.modelId());
                    ps.setInt(3, p.version());
                    ps.setInt(4, attempts);
                    ps.setString(5, error.length() > 500 ? error.substring(0, 500) : error);
                    ps.setLong(6, now + backoff);
                    earliestRetry = Math.min(earliestRetry, now + backoff); // a full scan finds the retry
                    ps.setLong(7, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        }));
    }

    /** Brings the index's filter metadata up to date with the skills the change feed names since the last look. */
    private void syncChanges() {
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
        Map<Long, Set<String>> shares = new HashMap<>();
        loadShares(ids, shares);
        List<VectorEntry> upserts = new ArrayList<>();
        List<Long> removed = new ArrayList<>();
        Map<Long, EntryMeta> metaOnly = new HashMap<>();
        db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT s.namespace, s.persona, s.access_level,"
                    + " s.created_by, s.is_deleted, st.version, st.state, c.vector FROM skills s"
                    + " LEFT JOIN index_state st ON st.skill_id = s.id AND st.model_id = ?"
                    + " LEFT JOIN embedding_cache c ON c.model_id = st.model_id AND c.text_sha256 = st.text_sha256"
                    + " WHERE s.id = ?")) {
                for (long id : ids) {
                    ps.setString(1, embedder.modelId());
                    ps.setLong(2, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || rs.getInt(5) != 0) {
                            removed.add(id);
                            continue;
                        }
                        EntryMeta meta = new EntryMeta(rs.getString(1), rs.getString(2),
                                AccessLevel.parse(rs.getString(3)), rs.getString(4), false,
                                shares.getOrDefault(id, Set.of()));
                        byte[] vector = rs.getBytes(8);
                        if ("indexed".equals(rs.getString(7)) && vector != null) {
                            upserts.add(new VectorEntry(id, rs.getInt(6), EmbeddingCache.fromBytes(vector), meta));
                        } else {
                            metaOnly.put(id, meta);
                        }
                    }
                }
            }
            return null;
        });
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

    private void loadShares(List<Long> ids, Map<Long, Set<String>> into) {
        if (ids.isEmpty()) {
            return;
        }
        db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT agent_id FROM skill_shares WHERE skill_id = ?")) {
                for (long id : ids) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            into.computeIfAbsent(id, k -> new HashSet<>()).add(rs.getString(1));
                        }
                    }
                }
            }
            return null;
        });
    }

    // ---- load, rebuild, persist ----------------------------------------------------------------

    private Path indexFile() {
        return indexDir.resolve("vectors-" + embedder.modelId().replaceAll("[^A-Za-z0-9._-]", "_") + ".bin");
    }

    /** What the index on disk must match: how many vectors SQLite says are indexed, and when last. */
    private long[] expectedState() {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(max(st.updated_at), 0)"
                    + " FROM index_state st JOIN skills s ON s.id = st.skill_id"
                    + " WHERE st.model_id = ? AND st.state = 'indexed' AND s.is_deleted = 0")) {
                ps.setString(1, embedder.modelId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2)};
                }
            }
        });
    }

    private void loadOrRebuild() {
        changeWatermark = feed.latest();
        if (!persistIndex) {
            // a server-side index (Chroma) holds its own copy; make sure it has what SQLite says is indexed
            rebuildFromSqlite("syncing " + index.getClass().getSimpleName());
            return;
        }
        Path file = indexFile();
        long[] expected = expectedState();
        if (Files.exists(file)) {
            try {
                VectorIndexFile.Contents contents = VectorIndexFile.read(file);
                if (!contents.modelId().equals(embedder.modelId()) || contents.dimension() != index.dimension()) {
                    message = "index file is for another model; rebuilding";
                } else if (contents.entries().size() != expected[0] || contents.generation() != expected[1]) {
                    message = "index file is stale; rebuilding";
                } else {
                    index.upsert(contents.entries());
                    // filter metadata changed since the file was written (access, shares) is caught up by
                    // the worker's first syncChanges, from the file's watermark on
                    changeWatermark = Math.min(changeWatermark, contents.watermark());
                    if (contents.watermark() > feed.latest()) {
                        // written before the change feed (a clock time, not a position): re-read the metadata
                        changeWatermark = 0;
                    }
                    dirty = false;
                    ready = true;
                    message = "loaded " + contents.entries().size() + " vectors";
                    publish();
                    return;
                }
            } catch (VectorIndexFile.CorruptException e) {
                LOG.warning("vector index file is corrupt, rebuilding from the library: " + e.getMessage());
                message = "index file corrupt; rebuilding";
            } catch (IOException e) {
                LOG.warning("vector index file unreadable, rebuilding from the library: " + e.getMessage());
                message = "index file unreadable; rebuilding";
            }
        } else {
            message = "no index file; building from the library";
        }
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
        index.clear();
        List<VectorEntry> entries = new ArrayList<>();
        db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT st.skill_id, st.version, c.vector, s.namespace,"
                    + " s.persona, s.access_level, s.created_by FROM index_state st"
                    + " JOIN skills s ON s.id = st.skill_id"
                    + " JOIN embedding_cache c ON c.model_id = st.model_id AND c.text_sha256 = st.text_sha256"
                    + " WHERE st.model_id = ? AND st.state = 'indexed' AND s.is_deleted = 0")) {
                ps.setString(1, embedder.modelId());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new VectorEntry(rs.getLong(1), rs.getInt(2), EmbeddingCache.fromBytes(rs.getBytes(3)),
                                new EntryMeta(rs.getString(4), rs.getString(5), AccessLevel.parse(rs.getString(6)),
                                        rs.getString(7), false, Set.of())));
                    }
                }
            }
            return null;
        });
        Map<Long, Set<String>> shares = new HashMap<>();
        db.withJdbc(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT skill_id, agent_id FROM skill_shares")) {
                while (rs.next()) {
                    shares.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2));
                }
            }
            return null;
        });
        List<VectorEntry> withShares = new ArrayList<>(entries.size());
        for (VectorEntry e : entries) {
            EntryMeta m = e.meta();
            withShares.add(new VectorEntry(e.skillId(), e.version(), e.vector(), new EntryMeta(m.namespace(), m.persona(),
                    m.access(), m.owner(), false, shares.getOrDefault(e.skillId(), Set.of()))));
        }
        for (int i = 0; i < withShares.size(); i += 1_000) {
            index.upsert(withShares.subList(i, Math.min(withShares.size(), i + 1_000)));
        }
        dirty = true;
        ready = true;
        message = "rebuilt " + withShares.size() + " vectors from the library";
        publish();
    }

    private void persist() {
        if (!persistIndex) {
            dirty = false;
            return;
        }
        try {
            long[] expected = expectedState();
            List<VectorEntry> entries = ((LocalVectorIndex) index).entries();
            if (entries.size() != expected[0]) {
                return; // in flux (another process is indexing); the next quiet moment will write it
            }
            VectorIndexFile.write(indexFile(), embedder.modelId(), index.dimension(), expected[1], changeWatermark,
                    entries);
            dirty = false;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not write the vector index file (it will be rebuilt next start)", e);
        }
    }

    private static List<String> tags(String json) {
        return SkillStore.tagsFromJson(json);
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
