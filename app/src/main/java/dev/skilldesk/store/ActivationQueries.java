package dev.skilldesk.store;

import dev.skilldesk.skill.Principal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analytics' reads of {@code skill_activations} over a time range, counting only activations of skills
 * the asking principal may see. Outcomes: {@code success} 1 or 0 as reported, null when unknown.
 */
public final class ActivationQueries {
    /** A count under a key (a UTC day, an agent, a persona). */
    public record Keyed(String key, long count) {
    }

    /** A skill's activations: how many, successes, failures, unknown outcomes, tokens loaded. */
    public record PerSkill(String namespace, String name, long activations, long successes, long failures,
                           long unknown, long tokens) {
    }

    /** What to group by. */
    public enum Group {
        AGENT("a.agent_id"), PERSONA("s.persona");

        final String column;

        Group(String column) {
            this.column = column;
        }
    }

    private static final String FROM = " FROM skill_activations a JOIN skills s ON s.id = a.skill_id"
            + " WHERE a.activated_at >= ? AND a.activated_at < ? AND " + AccessSql.shape();
    private static final String OUTCOMES = "coalesce(sum(a.success = 1), 0), coalesce(sum(a.success = 0), 0),"
            + " coalesce(sum(a.success IS NULL), 0)";

    private final Database db;

    public ActivationQueries(Database db) {
        this.db = db;
    }

    /** {activations, successes, failures, unknown, tokens loaded}. */
    public long[] totals(Principal who, Instant from, Instant to) {
        return query("SELECT count(*), " + OUTCOMES + ", coalesce(sum(a.tokens_loaded), 0)" + FROM,
                who, from, to, rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)}).get(0);
    }

    /** Activations per UTC day that has some, in order. */
    public List<Keyed> perDay(Principal who, Instant from, Instant to) {
        return query("SELECT date(a.activated_at / 1000, 'unixepoch') d, count(*)" + FROM + " GROUP BY d ORDER BY d",
                who, from, to, rs -> new Keyed(rs.getString(1), rs.getLong(2)));
    }

    public List<PerSkill> topSkills(Principal who, Instant from, Instant to, int limit) {
        return query("SELECT s.namespace, s.name, count(*) n, " + OUTCOMES + ", sum(a.tokens_loaded)" + FROM
                        + " GROUP BY a.skill_id ORDER BY n DESC, s.name LIMIT " + Math.max(1, limit), who, from, to,
                rs -> new PerSkill(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7)));
    }

    public Map<Integer, Long> perLayer(Principal who, Instant from, Instant to) {
        Map<Integer, Long> out = new LinkedHashMap<>();
        query("SELECT a.layer_loaded, count(*)" + FROM + " GROUP BY a.layer_loaded ORDER BY a.layer_loaded",
                who, from, to, rs -> out.put(rs.getInt(1), rs.getLong(2)));
        return out;
    }

    /** Counts by agent or persona ("-" for none), biggest first. */
    public List<Keyed> grouped(Principal who, Instant from, Instant to, Group by) {
        return query("SELECT coalesce(" + by.column + ", '-') k, count(*) n" + FROM + " GROUP BY k ORDER BY n DESC, k",
                who, from, to, rs -> new Keyed(rs.getString(1), rs.getLong(2)));
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Principal who, Instant from, Instant to, Row<T> row) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, from.toEpochMilli());
                ps.setLong(2, to.toEpochMilli());
                AccessSql.of(who).bind(ps, 3);
                List<T> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row.map(rs));
                    }
                }
                return out;
            }
        });
    }
}
