package dev.skilldesk.store;

import dev.skilldesk.skill.StoreException;
import dev.skilldesk.skill.Trigger;
import dev.skilldesk.skill.Trigger.Expectation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** skill_triggers: add, list, remove only within the skill, cascade on a hard delete, indexed reads. */
class TriggerStoreTest {
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00.123Z");

    @TempDir
    Path dir;
    Database db;
    TriggerStore triggers;
    long csv;
    long poster;

    @BeforeEach
    void open() {
        db = Database.open(dir);
        triggers = new TriggerStore(db);
        csv = insertSkill("csv-cleaner");
        poster = insertSkill("poster-maker");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long insertSkill(String name) {
        return db.inTransaction(() -> new SkillStore(db).insertSkill("default", name, null, "d", "general",
                List.of(), dev.skilldesk.skill.AccessLevel.PRIVATE, "me", NOW));
    }

    @Test
    void addListAndRemoveOnlyWithinTheSkill() {
        Trigger find = triggers.add(csv, "tidy a spreadsheet", Expectation.FIND, NOW);
        Trigger avoid = triggers.add(csv, "draw a poster", Expectation.AVOID, NOW);
        Trigger other = triggers.add(poster, "make a poster", Expectation.FIND, NOW);

        assertThat(triggers.list(csv)).containsExactly(find, avoid);
        assertThat(find.createdAt()).isEqualTo(NOW);
        assertThat(triggers.skillIdsWithTriggers()).containsExactly(csv, poster);

        assertThat(triggers.remove(csv, other.id())).as("another skill's trigger").isEmpty();
        assertThat(triggers.list(poster)).containsExactly(other);
        assertThat(triggers.remove(csv, find.id())).contains(find);
        assertThat(triggers.remove(csv, find.id())).isEmpty();
        assertThat(triggers.list(csv)).containsExactly(avoid);
    }

    @Test
    void theSchemaRefusesUnknownExpectationsAndMissingSkills() {
        assertThatThrownBy(() -> db.withJdbc(c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("INSERT INTO skill_triggers (skill_id, request, expect, created_at)"
                        + " VALUES (" + csv + ", 'x', 'maybe', 1)");
            }
        })).isInstanceOf(StoreException.class).hasMessageContaining("CHECK");
        assertThatThrownBy(() -> triggers.add(9_999, "x", Expectation.FIND, NOW))
                .isInstanceOf(StoreException.class).hasMessageContaining("FOREIGN KEY");
    }

    @Test
    void aHardDeletedSkillTakesItsTriggersWithIt() {
        triggers.add(csv, "tidy a spreadsheet", Expectation.FIND, NOW);
        triggers.add(poster, "make a poster", Expectation.FIND, NOW);
        db.withJdbc(c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("DELETE FROM skills WHERE id = " + csv);
            }
        });
        assertThat(triggers.list(csv)).isEmpty();
        assertThat(triggers.skillIdsWithTriggers()).containsExactly(poster);
    }

    @Test
    void readsUseTheSkillIndex() {
        assertThat(plan(TriggerStore.LIST_SQL, csv)).anyMatch(r -> r.contains("ix_triggers_skill"))
                .noneMatch(r -> r.contains("TEMP B-TREE"));
        assertThat(plan(TriggerStore.SKILL_IDS_SQL)).anyMatch(r -> r.contains("COVERING INDEX ix_triggers_skill"))
                .noneMatch(r -> r.contains("TEMP B-TREE"));
    }

    private List<String> plan(String sql, Object... args) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getString("detail"));
                    }
                }
                return rows;
            }
        });
    }
}
