package dev.skilldesk.store;

import dev.skilldesk.skill.StoreException;
import dev.skilldesk.skill.Trigger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the trigger lab's test requests ({@code skill_triggers}). Knows nothing of owners:
 * the caller checks who may change a skill. Each call is one statement, so no transaction is needed.
 */
public final class TriggerStore {
    /** A skill's triggers, oldest first; uses {@code ix_triggers_skill}. */
    public static final String LIST_SQL = "SELECT id, skill_id, request, expect, created_at FROM skill_triggers"
            + " WHERE skill_id = ? ORDER BY id";
    /** The skills that have at least one trigger; read from {@code ix_triggers_skill} alone. */
    public static final String SKILL_IDS_SQL = "SELECT DISTINCT skill_id FROM skill_triggers ORDER BY skill_id";

    private final Database db;

    public TriggerStore(Database db) {
        this.db = db;
    }

    /** Stores a trigger for {@code skillId} and returns it with its id. */
    public Trigger add(long skillId, String request, Trigger.Expectation expectation, Instant now) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO skill_triggers (skill_id, request, expect,"
                    + " created_at) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, skillId);
                ps.setString(2, request);
                ps.setString(3, expectation.key());
                ps.setLong(4, now.toEpochMilli());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new StoreException("no id for the new trigger of skill " + skillId);
                    }
                    // at the stored precision, so this equals what list() reads back
                    return new Trigger(keys.getLong(1), skillId, request, expectation,
                            Instant.ofEpochMilli(now.toEpochMilli()));
                }
            }
        });
    }

    /**
     * Deletes trigger {@code triggerId} if it belongs to {@code skillId} and returns what was deleted;
     * empty when there is no such trigger on that skill (an id of another skill's trigger is left alone).
     */
    public Optional<Trigger> remove(long skillId, long triggerId) {
        return db.withJdbc(c -> {
            Optional<Trigger> found = Optional.empty();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, skill_id, request, expect, created_at"
                    + " FROM skill_triggers WHERE id = ? AND skill_id = ?")) {
                ps.setLong(1, triggerId);
                ps.setLong(2, skillId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        found = Optional.of(trigger(rs));
                    }
                }
            }
            if (found.isEmpty()) {
                return found;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM skill_triggers WHERE id = ? AND skill_id = ?")) {
                ps.setLong(1, triggerId);
                ps.setLong(2, skillId);
                // another process may have deleted it between the two statements: then nothing was removed here
                return ps.executeUpdate() > 0 ? found : Optional.<Trigger>empty();
            }
        });
    }

    /** The triggers of one skill, oldest first. */
    public List<Trigger> list(long skillId) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(LIST_SQL)) {
                ps.setLong(1, skillId);
                List<Trigger> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(trigger(rs));
                    }
                }
                return out;
            }
        });
    }

    /** The ids of every skill with at least one trigger, deleted ones included (the caller filters). */
    public List<Long> skillIdsWithTriggers() {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(SKILL_IDS_SQL); ResultSet rs = ps.executeQuery()) {
                List<Long> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
                return out;
            }
        });
    }

    private static Trigger trigger(ResultSet rs) throws java.sql.SQLException {
        return new Trigger(rs.getLong(1), rs.getLong(2), rs.getString(3), Trigger.Expectation.parse(rs.getString(4)),
                Instant.ofEpochMilli(rs.getLong(5)));
    }
}
