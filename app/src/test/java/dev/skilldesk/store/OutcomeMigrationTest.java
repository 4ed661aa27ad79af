package dev.skilldesk.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Migration 6: an MCP activation stored as a success without a reported outcome becomes unknown. */
class OutcomeMigrationTest {
    @TempDir
    Path dir;

    @Test
    void mcpActivationsStoredAsSuccessesWithoutAnOutcomeMigrateToUnknown() throws Exception {
        Path lib = dir.resolve("old");
        try (Database v5 = Database.open(lib, 5)) {
            v5.withJdbc(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO skills (namespace, name, description, access_level, created_by, created_at,"
                            + " updated_at) VALUES ('default', 'kept', 'd', 'private', 'me', 1, 1)");
                    String cols = "INSERT INTO skill_activations (skill_id, version, agent_id, namespace, activation_type,"
                            + " layer_loaded, tokens_loaded, activated_at, duration_ms, success, activation_key, outcome_at)"
                            + " VALUES ";
                    st.execute(cols + "(1, 1, 'a', 'default', 'mcp_tool', 2, 10, 1, 0, 1, 'mcp:unreported', NULL)");
                    st.execute(cols + "(1, 1, 'a', 'default', 'mcp_tool', 2, 10, 2, 0, 1, 'mcp:reported-ok', 5)");
                    st.execute(cols + "(1, 1, 'a', 'default', 'mcp_tool', 2, 10, 3, 0, 0, 'mcp:reported-bad', 6)");
                    st.execute(cols + "(1, 1, 'a', 'default', 'manual', 2, 10, 4, 0, 1, NULL, NULL)");
                }
                return null;
            });
        }
        try (Database db = Database.open(lib)) {
            String outcomes = db.withJdbc(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT group_concat(coalesce(activation_key, activation_type) || '=' || coalesce(success, 'null'), ' ')"
                                + " FROM (SELECT * FROM skill_activations ORDER BY id)");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(outcomes).isEqualTo("mcp:unreported=null mcp:reported-ok=1 mcp:reported-bad=0 manual=1");
        }
        assertThat(lib.resolve(Database.FILE_NAME)).exists();
    }
}
