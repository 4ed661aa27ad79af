package dev.skilldesk.store;

import dev.skilldesk.skill.Activation;
import dev.skilldesk.skill.AgentReport;
import dev.skilldesk.skill.StoredActivation;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Activations that are referred to by key: written at once (imports that must report what they added)
 * and updated later (an agent reporting how using a skill went). Everyday logging goes through the
 * batching {@link ActivationWriter}; both use the same insert, which skips a key already stored.
 */
public final class ActivationStore {
    static final String INSERT = "INSERT INTO skill_activations (skill_id, version, agent_id, namespace,"
            + " activation_type, layer_loaded, tokens_loaded, activated_at, duration_ms, success, error_message,"
            + " activation_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private final Database db;

    public ActivationStore(Database db) {
        this.db = db;
    }

    static void bind(PreparedStatement ps, Activation a) throws SQLException {
        ps.setLong(1, a.skillId());
        ps.setInt(2, a.version());
        ps.setString(3, a.agentId());
        ps.setString(4, a.namespace());
        ps.setString(5, a.activationType());
        ps.setInt(6, a.layerLoaded());
        ps.setInt(7, a.tokensLoaded());
        ps.setLong(8, a.activatedAt().toEpochMilli());
        ps.setLong(9, a.durationMs());
        if (a.success() == null) {
            ps.setNull(10, Types.INTEGER);
        } else {
            ps.setInt(10, a.success() ? 1 : 0);
        }
        ps.setString(11, a.errorMessage());
        if (a.activationKey() == null) {
            ps.setNull(12, Types.VARCHAR);
        } else {
            ps.setString(12, a.activationKey());
        }
    }

    /** Inserts in one transaction, skipping keys already stored; returns how many rows were added. */
    public int insertNew(List<Activation> activations) {
        if (activations.isEmpty()) {
            return 0;
        }
        return db.inTransaction(() -> db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                int added = 0;
                for (Activation a : activations) {
                    bind(ps, a);
                    added += ps.executeUpdate();
                }
                if (added > 0) {
                    ChangeFeed.noteActivations(c, activations);
                }
                return added;
            }
        }));
    }

    /** How many activations are stored. */
    public long count() {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM skill_activations");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static final String COLUMNS = "SELECT id, skill_id, version, agent_id, namespace,"
            + " activation_type, layer_loaded, tokens_loaded, activated_at, duration_ms, success,"
            + " error_message, activation_key, outcome_at, invocation_trigger, skill_source, plugin_name,"
            + " marketplace_name, skill_kind FROM skill_activations";

    /** The activation with {@code key}, if one is stored. */
    public Optional<StoredActivation> find(String key) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(COLUMNS + " WHERE activation_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(stored(rs)) : Optional.<StoredActivation>empty();
                }
            }
        });
    }

    /** The newest {@code limit} activations of one skill, newest first. */
    public List<StoredActivation> recent(long skillId, int limit) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(COLUMNS
                    + " WHERE skill_id = ? ORDER BY activated_at DESC, id DESC LIMIT ?")) {
                ps.setLong(1, skillId);
                ps.setInt(2, limit);
                List<StoredActivation> out = new java.util.ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(stored(rs));
                    }
                }
                return out;
            }
        });
    }

    private static StoredActivation stored(ResultSet rs) throws java.sql.SQLException {
        Activation a = new Activation(rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7), rs.getInt(8), Instant.ofEpochMilli(rs.getLong(9)),
                rs.getLong(10), rs.getObject(11) == null ? null : rs.getInt(11) != 0, rs.getString(12),
                rs.getString(13));
        long outcome = rs.getLong(14);
        Instant outcomeAt = rs.wasNull() ? null : Instant.ofEpochMilli(outcome);
        AgentReport report = new AgentReport(rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18),
                rs.getString(19));
        return new StoredActivation(rs.getLong(1), a, outcomeAt, report.isEmpty() ? null : report);
    }

    /**
     * Records how the activation {@code key} went, when it belongs to {@code agentId} (nobody reports on
     * another agent's activations). Returns false when there is no such activation of that agent.
     */
    public boolean recordOutcome(String key, String agentId, boolean success, String error, Instant at) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE skill_activations SET success = ?,"
                    + " error_message = ?, outcome_at = ? WHERE activation_key = ? AND agent_id = ?")) {
                ps.setInt(1, success ? 1 : 0);
                ps.setString(2, error);
                ps.setLong(3, at.toEpochMilli());
                ps.setString(4, key);
                ps.setString(5, agentId);
                return ps.executeUpdate() > 0;
            }
        });
    }
}
