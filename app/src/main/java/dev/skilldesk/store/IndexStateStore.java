package dev.skilldesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntToLongFunction;

/**
 * The background indexer's state per skill and model ({@code index_state}), and the reads it needs of the
 * catalogue: which skills wait for a vector, what the vector index's filters must know about a skill, and
 * the vectors SQLite already holds. Pending work is derived from these rows, so nothing queued is lost on
 * a restart.
 */
public final class IndexStateStore {
    /** A skill waiting for a vector: its active version and the fields the embedded text and the filters use. */
    public record PendingSkill(long skillId, int version, String name, String description, String tagsJson,
                               String coreInstructions, String namespace, String persona, String access, String owner) {
    }

    /** What the vector index's filters know about a skill, and its stored vector when it is indexed. */
    public record SkillFacts(long skillId, boolean gone, String namespace, String persona, String access, String owner,
                             int indexedVersion, boolean indexed, byte[] vector) {
    }

    /** A stored vector of an indexed, live skill. */
    public record IndexedVector(long skillId, int version, byte[] vector, String namespace, String persona,
                                String access, String owner) {
    }

    /** A skill embedded for one version, its text's hash being the embedding cache's key. */
    public record Done(long skillId, int version, String textHash) {
    }

    /** Counts for the status bar: live skills, current vectors, stale ones, failures. */
    public record Counts(int total, int indexed, int stale, int failed) {
    }

    private final Database db;

    public IndexStateStore(Database db) {
        this.db = db;
    }

    /** Runs {@code work} in one transaction (the embedding cache's rows and the index state together). */
    public void inTransaction(Runnable work) {
        db.inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /** Forgets every vector of {@code model}: all skills are pending again. */
    public void clear(String model) {
        db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM index_state WHERE model_id = ?")) {
                ps.setString(1, model);
                return ps.executeUpdate();
            }
        });
    }

    public Counts counts(String model) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*),"
                    + " sum(CASE WHEN st.state = 'indexed' AND st.version = s.active_version THEN 1 ELSE 0 END),"
                    + " sum(CASE WHEN st.state = 'indexed' AND st.version != s.active_version THEN 1 ELSE 0 END),"
                    + " sum(CASE WHEN st.state = 'failed' THEN 1 ELSE 0 END)"
                    + " FROM skills s LEFT JOIN index_state st ON st.skill_id = s.id AND st.model_id = ?"
                    + " WHERE s.is_deleted = 0")) {
                ps.setString(1, model);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4));
                }
            }
        });
    }

    /** The earliest retry of a skill that failed with {@code model} and is not due yet (MAX_VALUE: none). */
    public long nextRetryAfter(String model, long now) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT min(next_attempt_at) FROM index_state"
                    + " WHERE model_id = ? AND state = 'failed' AND next_attempt_at > ?")) {
                ps.setString(1, model);
                ps.setLong(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    long t = rs.next() ? rs.getLong(1) : 0;
                    return t == 0 ? Long.MAX_VALUE : t;
                }
            }
        });
    }

    /**
     * Live skills whose active version has no current vector for {@code model} (a failure counts once its
     * retry is due), by id: those the change feed names in ({@code since}, {@code upTo}], or all of them when
     * {@code since} < 0.
     */
    public List<PendingSkill> pending(String model, long now, long since, long upTo, int limit) {
        return db.withJdbc(c -> {
            List<PendingSkill> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.id, s.active_version, s.name, s.description,"
                    + " s.tags, v.core_instructions, s.namespace, s.persona, s.access_level, s.created_by"
                    + " FROM skills s JOIN skill_versions v ON v.skill_id = s.id AND v.version = s.active_version"
                    + " LEFT JOIN index_state st ON st.skill_id = s.id AND st.model_id = ?"
                    + " WHERE s.is_deleted = 0 AND (st.skill_id IS NULL OR (st.state = 'indexed' AND"
                    + " st.version != s.active_version) OR (st.state = 'failed' AND (st.version != s.active_version"
                    + " OR st.next_attempt_at <= ?)))"
                    + (since >= 0 ? " AND s.id IN (SELECT skill_id FROM library_changes WHERE seq > ? AND seq <= ?"
                    + " AND kind NOT IN " + ChangeFeed.CONTENT_UNCHANGED_KINDS + ")" : "")
                    + " ORDER BY s.id LIMIT ?")) {
                int i = 1;
                ps.setString(i++, model);
                ps.setLong(i++, now);
                if (since >= 0) {
                    ps.setLong(i++, since);
                    ps.setLong(i++, upTo);
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new PendingSkill(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                                rs.getString(10)));
                    }
                }
            }
            return rows;
        });
    }

    /** Records the skills as indexed at their versions (in the caller's transaction when there is one). */
    public void markIndexed(String model, Collection<Done> done, long now) {
        db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO index_state (skill_id, model_id, version,"
                    + " text_sha256, state, attempts, error, next_attempt_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, 'indexed', 0, NULL, 0, ?)"
                    + " ON CONFLICT(skill_id, model_id) DO UPDATE SET version = excluded.version,"
                    + " text_sha256 = excluded.text_sha256, state = 'indexed', attempts = 0, error = NULL,"
                    + " next_attempt_at = 0, updated_at = excluded.updated_at")) {
                for (Done d : done) {
                    ps.setLong(1, d.skillId());
                    ps.setString(2, model);
                    ps.setInt(3, d.version());
                    ps.setString(4, d.textHash());
                    ps.setLong(5, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * Records the skills (id → version) as failed with {@code error}; the attempt count of the same version
     * goes up by one and the next attempt waits {@code backoffMs(attempts)}. Returns the earliest next attempt.
     */
    public long markFailed(String model, Map<Long, Integer> versions, String error, long now, IntToLongFunction backoffMs) {
        long[] earliest = {Long.MAX_VALUE};
        db.inTransaction(() -> db.withJdbc(c -> {
            try (PreparedStatement read = c.prepareStatement(
                    "SELECT attempts, version FROM index_state WHERE skill_id = ? AND model_id = ?");
                 PreparedStatement ps = c.prepareStatement("INSERT INTO index_state (skill_id, model_id, version,"
                         + " text_sha256, state, attempts, error, next_attempt_at, updated_at)"
                         + " VALUES (?, ?, ?, NULL, 'failed', ?, ?, ?, ?)"
                         + " ON CONFLICT(skill_id, model_id) DO UPDATE SET version = excluded.version,"
                         + " state = 'failed', attempts = excluded.attempts, error = excluded.error,"
                         + " next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at")) {
                for (Map.Entry<Long, Integer> f : versions.entrySet()) {
                    int attempts = 0;
                    read.setLong(1, f.getKey());
                    read.setString(2, model);
                    try (ResultSet rs = read.executeQuery()) {
                        if (rs.next() && rs.getInt(2) == f.getValue()) {
                            attempts = rs.getInt(1);
                        }
                    }
                    attempts++;
                    long next = now + backoffMs.applyAsLong(attempts);
                    earliest[0] = Math.min(earliest[0], next);
                    ps.setLong(1, f.getKey());
                    ps.setString(2, model);
                    ps.setInt(3, f.getValue());
                    ps.setInt(4, attempts);
                    ps.setString(5, error.length() > 500 ? error.substring(0, 500) : error);
                    ps.setLong(6, next);
                    ps.setLong(7, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        }));
        return earliest[0];
    }

    /** For each id: gone (deleted or purged), or its filter facts and, when indexed, its stored vector. */
    public List<SkillFacts> facts(String model, Collection<Long> ids) {
        return db.withJdbc(c -> {
            List<SkillFacts> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.namespace, s.persona, s.access_level,"
                    + " s.created_by, s.is_deleted, st.version, st.state, c.vector FROM skills s"
                    + " LEFT JOIN index_state st ON st.skill_id = s.id AND st.model_id = ?"
                    + " LEFT JOIN embedding_cache c ON c.model_id = st.model_id AND c.text_sha256 = st.text_sha256"
                    + " WHERE s.id = ?")) {
                for (long id : ids) {
                    ps.setString(1, model);
                    ps.setLong(2, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || rs.getInt(5) != 0) {
                            out.add(new SkillFacts(id, true, null, null, null, null, 0, false, null));
                            continue;
                        }
                        out.add(new SkillFacts(id, false, rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getInt(6), "indexed".equals(rs.getString(7)), rs.getBytes(8)));
                    }
                }
            }
            return out;
        });
    }

    /** The agents each of the skills is shared with. */
    public Map<Long, Set<String>> shares(Collection<Long> ids) {
        Map<Long, Set<String>> into = new HashMap<>();
        if (ids.isEmpty()) {
            return into;
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
        return into;
    }

    /** Every share of every skill. */
    public Map<Long, Set<String>> allShares() {
        Map<Long, Set<String>> out = new HashMap<>();
        db.withJdbc(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT skill_id, agent_id FROM skill_shares")) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2));
                }
            }
            return null;
        });
        return out;
    }

    /** What an index file must match: how many live skills are indexed for {@code model}, and the newest stamp. */
    public long[] expectedState(String model) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(max(st.updated_at), 0)"
                    + " FROM index_state st JOIN skills s ON s.id = st.skill_id"
                    + " WHERE st.model_id = ? AND st.state = 'indexed' AND s.is_deleted = 0")) {
                ps.setString(1, model);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2)};
                }
            }
        });
    }

    /** The vectors SQLite holds for the live, indexed skills of {@code model} (a rebuild needs no model). */
    public List<IndexedVector> indexedVectors(String model) {
        return db.withJdbc(c -> {
            List<IndexedVector> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT st.skill_id, st.version, c.vector, s.namespace,"
                    + " s.persona, s.access_level, s.created_by FROM index_state st"
                    + " JOIN skills s ON s.id = st.skill_id"
                    + " JOIN embedding_cache c ON c.model_id = st.model_id AND c.text_sha256 = st.text_sha256"
                    + " WHERE st.model_id = ? AND st.state = 'indexed' AND s.is_deleted = 0")) {
                ps.setString(1, model);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new IndexedVector(rs.getLong(1), rs.getInt(2), rs.getBytes(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7)));
                    }
                }
            }
            return out;
        });
    }

    /** Whether {@code skillId} is indexed for {@code model} at its active version (for the benchmark's polls). */
    public boolean indexedAtActive(String model, long skillId) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM index_state st JOIN skills s ON s.id ="
                    + " st.skill_id WHERE st.skill_id = ? AND st.model_id = ? AND st.state = 'indexed'"
                    + " AND st.version = s.active_version")) {
                ps.setLong(1, skillId);
                ps.setString(2, model);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }
}
