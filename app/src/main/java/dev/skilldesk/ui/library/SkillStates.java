package dev.skilldesk.ui.library;

import dev.skilldesk.library.Installs;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.sources.Sources;
import dev.skilldesk.ui.common.TaskExecutor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Per-skill states the Library reads in the background, beside its rows: where a skill stands against its source
 * (upstream) and what the trust check says of its active version. Both are maps by skill id that views follow.
 */
public final class SkillStates {
    /** Skills the trust check reads in one background task, so that other background work is not held up long. */
    private static final int TRUST_BATCH = 200;

    private final Sources sources;
    private final Installs installs;
    private final Principal who;
    private final TaskExecutor executor;
    private final ObservableMap<Long, Sources.State> upstream = FXCollections.observableHashMap();
    private final Map<Long, String> sourceNames = new ConcurrentHashMap<>();
    private final ObservableMap<Long, TrustState> trust = FXCollections.observableHashMap();
    /** By skill id and version: a version's files never change, so it is checked once. */
    private final Map<String, TrustState> trustByVersion = new ConcurrentHashMap<>();
    private long upstreamGeneration;
    /** Skills waiting for the trust check, by id (UI thread), and whether a batch is running. */
    private final Map<Long, Skill> trustQueue = new java.util.LinkedHashMap<>();
    private boolean trustRunning;

    public SkillStates(Sources sources, Installs installs, Principal who, TaskExecutor executor) {
        this.sources = sources;
        this.installs = installs;
        this.who = who;
        this.executor = executor;
    }

    /**
     * Reads the upstream state of every skill that came from a source (a source is read once for all its skills).
     * After every reload that changed rows, and when the Sources place fetched, imported or updated.
     */
    public void refreshUpstream() {
        if (sources == null) {
            return;
        }
        long g = ++upstreamGeneration;
        executor.run("Checking upstream", () -> {
            Map<Long, Sources.State> m = new HashMap<>();
            for (Sources.Status st : sources.status(who, null)) {
                m.put(st.skill().id(), st.state());
                sourceNames.put(st.skill().id(), st.source().shortName());
            }
            return m;
        }, m -> {
            if (g == upstreamGeneration && !m.equals(upstream)) {
                upstream.keySet().retainAll(m.keySet());
                upstream.putAll(m);
            }
        }, e -> Logger.getLogger(SkillStates.class.getName())
                .log(Level.FINE, "upstream states not read", e));
    }

    /**
     * Runs the trust check over the skills whose active version it has not read, a batch at a time, one batch after
     * another (UI thread). Skills asked for again while a batch runs join the queue; a batch that fails is logged
     * and the queue goes on, so no row is left "checking…".
     */
    public void refreshTrust(List<Skill> skills) {
        for (Skill s : skills) {
            TrustState known = trustByVersion.get(s.id() + "@" + s.activeVersion());
            if (known == null) {
                trustQueue.put(s.id(), s); // the newest row of a skill wins
            } else if (known != trust.get(s.id())) {
                trust.put(s.id(), known);
            }
        }
        nextTrustBatch();
    }

    private void nextTrustBatch() {
        if (trustRunning || trustQueue.isEmpty()) {
            return;
        }
        List<Skill> batch = new ArrayList<>();
        for (var it = trustQueue.values().iterator(); it.hasNext() && batch.size() < TRUST_BATCH; ) {
            batch.add(it.next());
            it.remove();
        }
        trustRunning = true;
        executor.run("Checking skills", () -> {
            Map<Long, TrustState> out = new HashMap<>();
            for (Skill s : batch) {
                try {
                    TrustState state = TrustState.of(installs.audit(who, s.namespace(), s.name(), 0));
                    trustByVersion.put(s.id() + "@" + s.activeVersion(), state);
                    out.put(s.id(), state);
                } catch (RuntimeException deletedMeanwhile) {
                    // the next reload drops it
                }
            }
            return out;
        }, m -> {
            trustRunning = false;
            trust.putAll(m);
            nextTrustBatch();
        }, e -> {
            trustRunning = false;
            Logger.getLogger(SkillStates.class.getName()).log(Level.WARNING, "trust check of a batch failed", e);
            nextTrustBatch();
        });
    }

    /** What the trust check says of a skill: {@link TrustState#NOT_CHECKED} until it has read it. */
    public TrustState trustOf(long skillId) {
        return trust.getOrDefault(skillId, TrustState.NOT_CHECKED);
    }

    public ObservableMap<Long, TrustState> trust() {
        return trust;
    }

    /** A skill's upstream state, or null when it came from no source. */
    public Sources.State upstreamOf(long skillId) {
        return upstream.get(skillId);
    }

    public ObservableMap<Long, Sources.State> upstream() {
        return upstream;
    }

    /** The source a skill came from (its short name), or null. */
    public String sourceOf(long skillId) {
        return sourceNames.get(skillId);
    }

    /** True for a state that asks the author to look: anything but up-to-date. */
    public static boolean needsUpdate(Sources.State state) {
        return state != null && state != Sources.State.UP_TO_DATE;
    }
}
