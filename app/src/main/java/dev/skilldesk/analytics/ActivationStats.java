package dev.skilldesk.analytics;

import dev.skilldesk.skill.Principal;
import dev.skilldesk.store.Database;
import dev.skilldesk.store.ActivationQueries;

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

    private final ActivationQueries queries;

    public ActivationStats(Database db) {
        this.queries = new ActivationQueries(db);
    }

    public Summary summary(Principal who, Instant from, Instant to, int topN) {
        long[] totals = totals(who, from, to);
        return new Summary(from, to, totals[0], totals[1], totals[2], totals[3], totals[4], perDay(who, from, to),
                topSkills(who, from, to, topN), grouped(who, from, to, ActivationQueries.Group.AGENT),
                grouped(who, from, to, ActivationQueries.Group.PERSONA), perLayer(who, from, to));
    }

    /** {activations, successes, failures, unknown, tokens loaded}. */
    public long[] totals(Principal who, Instant from, Instant to) {
        return queries.totals(who, from, to);
    }

    public List<Count> perDay(Principal who, Instant from, Instant to) {
        List<Count> raw = queries.perDay(who, from, to).stream().map(k -> new Count(k.key(), k.count())).toList();
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
        return queries.topSkills(who, from, to, limit).stream().map(p -> new SkillCount(p.namespace(), p.name(),
                p.activations(), p.successes(), p.failures(), p.unknown(), p.tokens())).toList();
    }

    public Map<Integer, Long> perLayer(Principal who, Instant from, Instant to) {
        return queries.perLayer(who, from, to);
    }

    private List<Count> grouped(Principal who, Instant from, Instant to, ActivationQueries.Group by) {
        return queries.grouped(who, from, to, by).stream().map(k -> new Count(k.key(), k.count())).toList();
    }
}
