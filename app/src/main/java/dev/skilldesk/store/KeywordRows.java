package dev.skilldesk.store;

import dev.skilldesk.skill.Principal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The FTS5 keyword rows ({@code skills_fts}, one per skill: name, description, tags, body of the active
 * version), written from the change feed rather than inside each save: a save's transaction stays short,
 * and every FTS5 query first calls {@link #catchUp}, which writes the rows of the skills the feed names
 * beyond the rows' position (kept in {@code keyword_rows_state}, in the same transaction as the rows it
 * covers), so that no change is ever missed, whichever process made it.
 */
public final class KeywordRows {
    /** Column weights: name, description, tags, body. */
    private static final String BM25 = "bm25(skills_fts, 8.0, 4.0, 3.0, 1.0)";
    /** Skills written per transaction while catching up (a bulk import is caught up in steps). */
    private static final int CHUNK = 200;

    /** One FTS5 match: the skill and its BM25 score (higher is better). */
    public record Match(long skillId, double score) {
    }

    private final Database db;
    private final ChangeFeed feed;

    public KeywordRows(Database db) {
        this.db = db;
        this.feed = new ChangeFeed(db);
    }

    /** The feed position the rows are written up to. */
    public long position() {
        return db.withJdbc(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT seq FROM keyword_rows_state WHERE id = 1")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /** True when the rows hold every committed change (one read of each position). */
    public boolean current() {
        return position() >= feed.latest();
    }

    /**
     * Writes the rows of the skills changed since the rows' position, in transactions of a few hundred
     * skills; the whole table when the feed was pruned past it. Returns how many skills were written.
     */
    public int catchUp() {
        if (current()) {
            return 0;
        }
        int total = 0;
        while (true) {
            int[] written = {0};
            boolean more = db.inTransaction(() -> db.withJdbc(c -> {
                long from = positionIn(c);
                long latest = feed.latest();
                if (from >= latest) {
                    return false;
                }
                if (feed.since(from, 1).behindHorizon()) {
                    rebuild(c);
                    written[0] = -1;
                    setPosition(c, latest);
                    return false;
                }
                List<Long> ids = new ArrayList<>();
                long upTo = latest;
                try (PreparedStatement ps = c.prepareStatement("SELECT seq, skill_id FROM library_changes WHERE seq > ?"
                        + " AND seq <= ? AND skill_id IS NOT NULL AND kind NOT IN " + ChangeFeed.CONTENT_UNCHANGED_KINDS + " ORDER BY seq")) {
                    ps.setLong(1, from);
                    ps.setLong(2, latest);
                    try (ResultSet rs = ps.executeQuery()) {
                        java.util.LinkedHashSet<Long> distinct = new java.util.LinkedHashSet<>();
                        while (rs.next()) {
                            if (distinct.size() == CHUNK && !distinct.contains(rs.getLong(2))) {
                                upTo = rs.getLong(1) - 1; // the rest in the next transaction
                                break;
                            }
                            distinct.add(rs.getLong(2));
                        }
                        ids.addAll(distinct);
                    }
                }
                write(c, ids);
                setPosition(c, upTo);
                written[0] = ids.size();
                return upTo < latest;
            }));
            total += Math.max(0, written[0]);
            if (!more) {
                return total;
            }
        }
    }

    private static long positionIn(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT seq FROM keyword_rows_state WHERE id = 1")) {
            return rs.next() ? rs.getLong(1) : 0L;
        }
    }

    private static void setPosition(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO keyword_rows_state (id, seq) VALUES (1, ?)"
                + " ON CONFLICT(id) DO UPDATE SET seq = excluded.seq")) {
            ps.setLong(1, seq);
            ps.executeUpdate();
        }
    }

    /** Each skill's row again from its active version; deleted and purged skills lose theirs. */
    private static void write(Connection c, Collection<Long> ids) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM skills_fts WHERE rowid = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO skills_fts(rowid, name, description, tags, body)"
                     + " SELECT s.id, replace(s.name, '-', ' '), s.description, s.tags, v.content FROM skills s"
                     + " JOIN skill_versions v ON v.skill_id = s.id AND v.version = s.active_version"
                     + " WHERE s.id = ? AND s.is_deleted = 0")) {
            for (long id : ids) {
                del.setLong(1, id);
                del.executeUpdate();
                ins.setLong(1, id);
                ins.executeUpdate();
            }
        }
    }

    private static void rebuild(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DELETE FROM skills_fts");
            st.execute("INSERT INTO skills_fts(rowid, name, description, tags, body)"
                    + " SELECT s.id, replace(s.name, '-', ' '), s.description, s.tags, v.content FROM skills s"
                    + " JOIN skill_versions v ON v.skill_id = s.id AND v.version = s.active_version WHERE s.is_deleted = 0");
        }
    }

    /** Skills matching an FTS5 expression that {@code who} may see, best first (catching up first). */
    public List<Match> search(Principal who, String match, String namespace, String persona, int limit) {
        catchUp();
        AccessSql access = AccessSql.of(who);
        StringBuilder sql = new StringBuilder("SELECT s.id, ").append(BM25).append(" AS rank"
                + " FROM skills_fts JOIN skills s ON s.id = skills_fts.rowid"
                + " WHERE skills_fts MATCH ? AND ").append(access.sql());
        if (namespace != null) {
            sql.append(" AND s.namespace = ?");
        }
        if (persona != null) {
            sql.append(" AND s.persona = ?");
        }
        sql.append(" ORDER BY rank LIMIT ?");
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setString(i++, match);
                i = access.bind(ps, i);
                if (namespace != null) {
                    ps.setString(i++, namespace);
                }
                if (persona != null) {
                    ps.setString(i++, persona);
                }
                ps.setInt(i, limit);
                List<Match> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Match(rs.getLong(1), -rs.getDouble(2)));
                    }
                }
                return out;
            }
        });
    }

    /** FTS5's snippets (words between {@code start} and {@code end}) of the given skills for a match expression. */
    public Map<Long, String> snippets(String match, Collection<Long> ids, String start, String end) {
        catchUp();
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        return db.withJdbc(c -> {
            Map<Long, String> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT rowid, snippet(skills_fts, -1, ?, ?, '…', 14)"
                    + " FROM skills_fts WHERE skills_fts MATCH ? AND rowid IN (" + marks + ")")) {
                ps.setString(1, start);
                ps.setString(2, end);
                ps.setString(3, match);
                int i = 4;
                for (long id : ids) {
                    ps.setLong(i++, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getString(2));
                    }
                }
            }
            return out;
        });
    }
}
