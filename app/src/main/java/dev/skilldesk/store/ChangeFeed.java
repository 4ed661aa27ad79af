package dev.skilldesk.store;

import dev.skilldesk.skill.LibraryChange;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The library's change feed: every committed write to its tables (skills, versions, access, shares,
 * delete and restore, installs, triggers, settings, activations) is one row with a monotonic sequence
 * number, written by a trigger in the write's own transaction (see migration 7), by this process or any
 * other. Consumers remember the last sequence they handled and read what came after it; timestamps are
 * for pruning, never for cursors. Rows older than {@link #KEEP_AGE} and beyond the newest
 * {@link #KEEP_ROWS} are pruned; a consumer whose position fell behind the pruned horizon must rebuild
 * from the tables, as it does at start.
 */
public final class ChangeFeed {
    public static final Duration KEEP_AGE = Duration.ofDays(7);
    public static final int KEEP_ROWS = 100_000;

    /**
     * What a read since a position found: the changes in order, the newest sequence number read (or the
     * position itself), and whether changes after the position were pruned (the reader must rebuild).
     */
    public record Batch(List<LibraryChange> changes, long last, boolean behindHorizon) {
    }

    /**
     * The kinds of change that leave what a skill is (its text, catalogue fields and who may see it) as it
     * was, for SQL that picks the skills whose indexes must be read again: {@code kind NOT IN (...)}.
     */
    public static final String CONTENT_UNCHANGED_KINDS = "('activation', 'install', 'trigger', 'setting')";

    private final Database db;

    public ChangeFeed(Database db) {
        this.db = db;
    }

    /** The newest sequence number ever given (0 for a library that never changed); cheap to poll. */
    public long latest() {
        return db.withJdbc(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT seq FROM sqlite_sequence WHERE name = 'library_changes'")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /** Up to {@code limit} changes after {@code after}, oldest first. */
    public Batch since(long after, int limit) {
        return db.withJdbc(c -> {
            long oldest;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT min(seq) FROM library_changes")) {
                oldest = rs.next() ? rs.getLong(1) : 0;
                if (rs.wasNull()) {
                    oldest = 0;
                }
            }
            List<LibraryChange> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, kind, skill_id, at FROM library_changes WHERE seq > ? ORDER BY seq LIMIT ?")) {
                ps.setLong(1, after);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(3);
                        Long skill = rs.wasNull() ? null : id;
                        out.add(new LibraryChange(rs.getLong(1), rs.getString(2), skill, Instant.ofEpochMilli(rs.getLong(4))));
                    }
                }
            }
            // pruned past the reader: rows it never saw are gone (oldest > after + 1 while rows after it exist)
            boolean behind = oldest > 0 && after + 1 < oldest && after > 0;
            long last = out.isEmpty() ? after : out.get(out.size() - 1).seq();
            return new Batch(out, last, behind);
        });
    }

    /** The ids of the skills changed after {@code after} (any kind but settings), and the newest position read. */
    public record ChangedSkills(List<Long> skillIds, long last, boolean behindHorizon, boolean more) {
    }

    /** Distinct skills changed after {@code after}, reading at most {@code limit} changes. */
    public ChangedSkills changedSkills(long after, int limit, boolean includeActivations) {
        Batch b = since(after, limit);
        java.util.LinkedHashSet<Long> ids = new java.util.LinkedHashSet<>();
        for (LibraryChange ch : b.changes()) {
            if (ch.skillId() != null && (includeActivations || !ch.isActivation())) {
                ids.add(ch.skillId());
            }
        }
        return new ChangedSkills(List.copyOf(ids), b.last(), b.behindHorizon(), b.changes().size() == limit);
    }

    /**
     * One change row for a batch of new activations, in the batch's transaction: activations arrive by the
     * thousand a second, and a row each (a trigger per insert) halved what the writer keeps up with. The row
     * names the skill when the batch is of one skill.
     */
    static void noteActivations(java.sql.Connection c, List<dev.skilldesk.skill.Activation> batch) throws java.sql.SQLException {
        if (batch.isEmpty()) {
            return;
        }
        long first = batch.get(0).skillId();
        boolean one = batch.stream().allMatch(a -> a.skillId() == first);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO library_changes (kind, skill_id, at) VALUES ('activation', ?, ?)")) {
            if (one) {
                ps.setLong(1, first);
            } else {
                ps.setNull(1, java.sql.Types.INTEGER);
            }
            ps.setLong(2, System.currentTimeMillis());
            ps.executeUpdate();
        }
    }

    /** Deletes rows older than {@link #KEEP_AGE} and beyond the newest {@link #KEEP_ROWS}; returns how many. */
    public int prune(Instant now) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM library_changes WHERE seq < ? AND (at < ?"
                    + " OR seq <= (SELECT max(seq) FROM library_changes) - ?)")) {
                // the newest row always stays, so that the horizon is known
                ps.setLong(1, latest());
                ps.setLong(2, now.minus(KEEP_AGE).toEpochMilli());
                ps.setLong(3, KEEP_ROWS);
                return ps.executeUpdate();
            }
        });
    }
}
