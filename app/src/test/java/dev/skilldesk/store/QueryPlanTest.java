package dev.skilldesk.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hot reads are one statement each and use their index (not a scan). */
class QueryPlanTest {
    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = Database.open(dir);
    }

    @AfterEach
    void close() {
        db.close();
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

    @Test
    void exactNameUsesTheUniqueIndex() {
        assertThat(plan(SkillStore.EXACT_NAME_SQL, "default", "pdf"))
                .anyMatch(r -> r.contains("USING INDEX ux_skills_namespace_name"))
                .noneMatch(r -> r.startsWith("SCAN"));
    }

    @Test
    void activeVersionIsOneJoinOnTwoIndexes() {
        assertThat(SkillStore.ACTIVE_VERSION_SQL).contains(" JOIN skill_versions ");
        List<String> p = plan(SkillStore.ACTIVE_VERSION_SQL, "default", "pdf");
        assertThat(p).anyMatch(r -> r.contains("ux_skills_namespace_name"))
                .anyMatch(r -> r.contains("ux_versions_skill_version"))
                .noneMatch(r -> r.startsWith("SCAN"));
    }

    @Test
    void personaListUsesThePersonaCreatedIndexWithoutSorting() {
        List<String> p = plan(SkillStore.PERSONA_LIST_SQL, "analyst", 20);
        assertThat(p).anyMatch(r -> r.contains("ix_skills_persona_created"))
                .noneMatch(r -> r.contains("TEMP B-TREE"))
                .noneMatch(r -> r.startsWith("SCAN"));
    }

    @Test
    void everyIndexOfTheDesignExists() {
        List<String> names = db.withJdbc(c -> {
            List<String> out = new ArrayList<>();
            try (var st = c.createStatement(); var rs = st.executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        assertThat(names).contains("ux_skills_namespace_name", "ux_versions_skill_version", "ix_skills_created_by",
                "ix_skills_persona", "ix_skills_is_deleted", "ix_activations_agent_time", "ix_skills_persona_created",
                "ix_skills_namespace_access", "ix_activations_skill_success", "ix_versions_created");
    }
}
