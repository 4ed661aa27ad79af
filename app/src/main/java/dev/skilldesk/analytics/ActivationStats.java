package dev.skilldesk.analytics;

import dev.skilldesk.skill.Principal;
import dev.skilldesk.store.Database;
import dev.skilldesk.store.SkillStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Activation analytics over a date range, counting only activations of skills the asking principal
 * may see. Days are UTC.
 */
public final class ActivationStats {
    /** A count under a label (a day, an agent, a persona, a layer). */
    public record Count(String key, long count) {
    }

    /**
     * A skill's activations in the range: how many, and of those how many were reported as successes or
     * failures; the rest ({@code unknown}) nobody reported on.
     */
    public record SkillCount(String namespace, String name, long activations, long successes, long failures,
                             long unknown, long tokens) {
        /** Successes over the reported outcomes; 0 when none was reported (see {@link #reported}). */
        public double successRate() {
            return rate(successes, failures);
        }

        public long reported() {
            return successes + failures;
        }
    }

    /** The whole picture for a range; success is counted over reported outcomes, unknown ones beside it. */
    public record Summary(Instant from, Instant to, long activations, long successes, long failures, long unknown,
                          long tokensLoaded, List<Count> perDay, List<SkillCount> topSkills, List<Count> perAgent,
                          List<Count> perPersona, Map<Integer, Long> perLayer) {
        /** Successes over the reported outcomes; 0 when none was reported (see {@link #reported}). */
        public double successRate() {
            return rate(successes, failures);
        }

        public long reported() {
            return successes + failures;
        }
    }

    private static double rate(long successes, long failures) {
        return successes + failures == 0 ? 0 : (double) successes / (successes + failures);
    }

    private static final String OUTCOMES = "coalesce(sum(a.success = 1), 0), coalesce(sum(a.success = 0), 0),"
            + " coalesce(sum(a.success IS NULL), 0)";

    private static final String FROM = " FROM skill_activations a JOIN skills s ON s.id = a.skill_id"
            + " WHERE a.activated_at >= ? AND a.activated_at < ? AND " + SkillStore.ACCESS_FILTER;

    private final Database db;

    public ActivationStats(Database db) {
        this.db = db;
    }

    public Summary summary(Principal who, Instant from, Instant to, int topN) {
        long[] totals = totals(who, from, to);
        return new Summary(from, to, totals[0], totals[1], totals[2], totals[3], totals[4], perDay(who, from, to),
                topSkills(who, from, to, topN), grouped(who, from, to, "a.agent_id"),
                grouped(who, from, to, "s.persona"), perLayer(who, from, to));
    }

    /** {activations, successes, failures, unknown, tokens loaded}. */
    public long[] totals(Principal who, Instant from, Instant to) {
        return query("SELECT count(*), " + OUTCOMES + ", coalesce(sum(a.tokens_loaded), 0)" + FROM,
                who, from, to, rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)}).get(0);
    }

    public List<Count> perDay(Principal who, Instant from, Instant to) {
        List<Count> raw = query("SELECT date(a.activated_at / 1000, 'unixepoch') d, count(*)" + FROM
                + " GROUP BY d ORDER BY d", who, from, to, rs -> new Count(rs.getString(1), rs.getLong(2)));
        // fill the days with no activations so a chart shows gaps as zeros
        Map<String, Long> byDay = new LinkedHashMap<>();
        raw.forEach(c -> byDay.put(c.key(), c.count()));
        List<Count> out = new ArrayList<>();
        LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(to.minusMillis(1), ZoneOffset.UTC);
        if (java.time.temporal.ChronoUnit.DAYS.between(day, last) > 3660) {
            return raw;
        }
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            out.add(new Count(day.toString(), byDay.getOrDefault(day.toString(), 0L)));
        }
        return out;
    }

    public List<SkillCount> topSkills(Principal who, Instant from, Instant to, int limit) {
        return query("SELECT s.namespace, s.name, count(*) n, " + OUTCOMES + ", sum(a.tokens_loaded)" + FROM
                        + " GROUP BY a.skill_id ORDER BY n DESC, s.name LIMIT " + Math.max(1, limit), who, from, to,
                rs -> new SkillCount(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7)));
    }

    public Map<Integer, Long> perLayer(Principal who, Instant from, Instant to) {
        Map<Integer, Long> out = new LinkedHashMap<>();
        query("SELECT a.layer_loaded, count(*)" + FROM + " GROUP BY a.layer_loaded ORDER BY a.layer_loaded",
                who, from, to, rs -> out.put(rs.getInt(1), rs.getLong(2)));
        return out;
    }

    private List<Count> grouped(Principal who, Instant from, Instant to, String column) {
        return query("SELECT coalesce(" + column + ", '-') k, count(*) n" + FROM + " GROUP BY k ORDER BY n DESC, k",
                who, from, to, rs -> new Count(rs.getString(1), rs.getLong(2)));
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Principal who, Instant from, Instant to, Row<T> row) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, from.toEpochMilli());
                ps.setLong(2, to.toEpochMilli());
                ps.setString(3, who.agentId());
                ps.setString(4, who.namespace());
                ps.setString(5, who.namespace());
                ps.setString(6, who.agentId());
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
