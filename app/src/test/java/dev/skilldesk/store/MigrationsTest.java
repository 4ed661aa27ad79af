package dev.skilldesk.store;

import dev.skilldesk.skill.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void aNewLibraryHasTheLatestSchemaInWalModeWithForeignKeys() throws Exception {
        try (Database db = Database.open(dir)) {
            assertThat(db.schemaVersion()).isEqualTo(Migrations.latest());
            db.withJdbc(c -> {
                try (Statement st = c.createStatement()) {
                    assertThat(scalar(st, "PRAGMA journal_mode")).isEqualTo("wal");
                    assertThat(scalar(st, "PRAGMA foreign_keys")).isEqualTo("1");
                    assertThat(Integer.parseInt(scalar(st, "PRAGMA busy_timeout"))).isGreaterThanOrEqualTo(5_000);
                }
                return null;
            });
        }
    }

    @Test
    void anOlderFileIsMigratedAndKeepsItsData() throws Exception {
        try (Database v1 = Database.open(dir, 1)) {
            assertThat(v1.schemaVersion()).isEqualTo(1);
            v1.withJdbc(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO skills (namespace, name, description, access_level, created_by, created_at,"
                            + " updated_at) VALUES ('default', 'kept', 'd', 'private', 'me', 1, 1)");
                }
                return null;
            });
        }
        try (Database latest = Database.open(dir)) {
            assertThat(latest.schemaVersion()).isEqualTo(Migrations.latest());
            assertThat(new SkillStore(latest).find("default", "kept")).isPresent();
            new SkillStore(latest).putSetting("k", "v"); // table from migration 2
        }
    }

    @Test
    void activationsFromBeforeKeysSurviveTheMigrationWithoutAKey() throws Exception {
        try (Database v4 = Database.open(dir, 4)) {
            v4.withJdbc(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO skills (namespace, name, description, access_level, created_by, created_at,"
                            + " updated_at) VALUES ('default', 'kept', 'd', 'private', 'me', 1, 1)");
                    st.execute("INSERT INTO skill_activations (skill_id, version, agent_id, namespace, activation_type,"
                            + " layer_loaded, tokens_loaded, activated_at, duration_ms, success) VALUES"
                            + " (1, 1, 'me', 'default', 'manual', 2, 10, 5, 0, 1)");
                }
                return null;
            });
        }
        try (Database latest = Database.open(dir)) {
            latest.withJdbc(c -> {
                try (Statement st = c.createStatement()) {
                    assertThat(scalar(st, "SELECT count(*) FROM skill_activations WHERE activation_key IS NULL"
                            + " AND outcome_at IS NULL")).isEqualTo("1");
                    assertThat(scalar(st, "SELECT count(*) FROM skill_installs")).isEqualTo("0");
                }
                return null;
            });
        }
    }

    @Test
    void aNewerFileIsRefusedWithAClearMessageAndLeftUntouched() throws Exception {
        try (Database db = Database.open(dir)) {
            db.withJdbc(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("PRAGMA user_version = 99");
                }
                return null;
            });
        }
        assertThatThrownBy(() -> Database.open(dir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("newer SkillDesk")
                .hasMessageContaining("schema 99");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Database.FILE_NAME));
             Statement st = c.createStatement()) {
            assertThat(scalar(st, "PRAGMA user_version")).isEqualTo("99");
        }
    }

    private static String scalar(Statement st, String sql) throws java.sql.SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
