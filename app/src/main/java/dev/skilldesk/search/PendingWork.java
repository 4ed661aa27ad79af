package dev.skilldesk.search;

import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.store.ChangeFeed;
import dev.skilldesk.store.IndexStateStore;
import dev.skilldesk.store.SkillStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the indexer's next batch comes from. A full look joins every skill with its index state (a cost
 * that grows with the library: see BENCHMARKS.md); between full looks, a quick look reads only the skills
 * the change feed names since the last one, whichever process changed them. A full look runs at start,
 * when the feed was pruned past the position, at a failed skill's retry time, and once a minute anyway.
 */
final class PendingWork {
    /** One skill to embed: its active version, the text to embed and its hash, the filters' facts. */
    record Item(long skillId, int version, String textHash, String text, EntryMeta meta) {
    }

    private static final long FULL_LOOK_EVERY_MS = 60_000;

    private final IndexStateStore states;
    private final ChangeFeed feed;
    private final String model;
    private final EmbeddingText text;
    private final int batch;

    /** The feed position after which the quick look reads, or -1 when the next look must be a full one. */
    private volatile long since = -1;
    private volatile long fullLookAt;
    private long nextSince = -1;
    private long nextFullLookAt;
    /** The earliest retry of a skill that failed since the last full look. */
    private volatile long earliestRetry = Long.MAX_VALUE;

    PendingWork(IndexStateStore states, ChangeFeed feed, String model, EmbeddingText text, int batch) {
        this.states = states;
        this.feed = feed;
        this.model = model;
        this.text = text;
        this.batch = batch;
    }

    /** True when the last look was a quick one (a short list from it is all there is). */
    boolean quick() {
        return since >= 0;
    }

    /** Up to one batch of pending skills; {@link #handled} moves the position on once they are stored. */
    List<Item> next(long now) {
        long newest = feed.latest();
        if (since < 0 || now >= fullLookAt || feed.since(since, 1).behindHorizon()) {
            earliestRetry = Long.MAX_VALUE; // the full look sees every failure; the next one is read below
            List<Item> rows = items(states.pending(model, now, -1, newest, batch));
            if (rows.size() < batch) { // everything pending is in hand: later looks need only what changes
                nextSince = newest;
                nextFullLookAt = Math.min(now + FULL_LOOK_EVERY_MS, states.nextRetryAfter(model, now));
            }
            return rows;
        }
        List<Item> rows = items(states.pending(model, now, since, newest, batch));
        // a full batch may leave pending skills of this range for the next look: move on only past a short one
        nextSince = rows.size() < batch ? newest : since;
        nextFullLookAt = fullLookAt;
        return rows;
    }

    /** The batch from the last look is stored (not when the backend failed it): later looks start after it. */
    void handled() {
        if (nextSince >= 0) {
            since = nextSince;
            fullLookAt = Math.min(nextFullLookAt, earliestRetry);
            nextSince = -1;
        }
    }

    /** A skill failed and waits until {@code at}: a full look finds it then. */
    void retryAt(long at) {
        earliestRetry = Math.min(earliestRetry, at);
    }

    /** The next look is a full one (another model, a cleared index state). */
    void lookAtEverything() {
        since = -1;
    }

    private List<Item> items(List<IndexStateStore.PendingSkill> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, Set<String>> shares = states.shares(rows.stream().map(IndexStateStore.PendingSkill::skillId).toList());
        List<Item> out = new ArrayList<>(rows.size());
        for (IndexStateStore.PendingSkill r : rows) {
            String t = text.of(r.name(), r.description(), SkillStore.tagsFromJson(r.tagsJson()), r.coreInstructions());
            out.add(new Item(r.skillId(), r.version(), EmbeddingCache.sha256(t), t,
                    EntryMeta.of(r.skillId(), r.namespace(), r.persona(), r.access(), r.owner(), shares)));
        }
        return out;
    }
}
