package dev.skilldesk.store;

import dev.skilldesk.skill.Activation;
import dev.skilldesk.skill.AgentReport;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * What agents' own telemetry says about skills: activations with how the agent started the skill
 * ({@code invocation_trigger}), where it had it from ({@code skill_source}), a plugin skill's plugin and marketplace
 * and the skill's kind, and the events that named no
 * library skill, one row per event key so that a batch sent twice is stored once.
 */
public final class TelemetryStore {
    /** An activation as the agent reported it. */
    public record Reported(Activation activation, AgentReport report) {
    }

    /** An event whose skill name matched nothing (or was masked by the agent). */
    public record Unmatched(String eventKey, String source, String name, boolean masked, long seenAtMillis) {
    }

    /** How often a name went unmatched. */
    public record UnmatchedCount(String source, String name, boolean masked, int count, long lastSeenMillis) {
    }

    private static final String INSERT = "INSERT INTO skill_activations (skill_id, version, agent_id, namespace,"
            + " activation_type, layer_loaded, tokens_loaded, activated_at, duration_ms, success, error_message,"
            + " activation_key, invocation_trigger, skill_source, plugin_name, marketplace_name, skill_kind)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING";

    private final Database db;

    public TelemetryStore(Database db) {
        this.db = db;
    }

    /** Stores activations and unmatched events in one transaction, skipping keys stored before; returns rows added. */
    public int[] record(List<Reported> activations, List<Unmatched> unmatched) {
        return db.inTransaction(() -> db.withJdbc(c -> {
            int added = 0;
            int missed = 0;
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                List<Activation> stored = new ArrayList<>();
                for (Reported r : activations) {
                    ActivationStore.bind(ps, r.activation());
                    ps.setString(13, r.report().trigger());
                    ps.setString(14, r.report().source());
                    ps.setString(15, r.report().plugin());
                    ps.setString(16, r.report().marketplace());
                    ps.setString(17, r.report().kind());
                    if (ps.executeUpdate() > 0) {
                        added++;
                        stored.add(r.activation());
                    }
                }
                ChangeFeed.noteActivations(c, stored);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO telemetry_unmatched (event_key, source, name,"
                    + " masked, seen_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (Unmatched u : unmatched) {
                    ps.setString(1, u.eventKey());
                    ps.setString(2, u.source());
                    ps.setString(3, u.name());
                    ps.setInt(4, u.masked() ? 1 : 0);
                    ps.setLong(5, u.seenAtMillis());
                    missed += ps.executeUpdate();
                }
            }
            return new int[] {added, missed};
        }));
    }

    /** The unmatched names by source, most frequent first. */
    public List<UnmatchedCount> unmatched() {
        return db.withJdbc(c -> {
            List<UnmatchedCount> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT source, name, masked, count(*), max(seen_at)"
                    + " FROM telemetry_unmatched GROUP BY source, name, masked ORDER BY count(*) DESC, name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new UnmatchedCount(rs.getString(1), rs.getString(2), rs.getInt(3) == 1, rs.getInt(4),
                            rs.getLong(5)));
                }
            }
            return out;
        });
    }

    /** What the agent reported of the activation {@code activationKey}, or null when there is none with that key. */
    public AgentReport report(String activationKey) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT invocation_trigger, skill_source, plugin_name,"
                    + " marketplace_name, skill_kind FROM skill_activations WHERE activation_key = ?")) {
                ps.setString(1, activationKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new AgentReport(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5)) : null;
                }
            }
        });
    }
}
