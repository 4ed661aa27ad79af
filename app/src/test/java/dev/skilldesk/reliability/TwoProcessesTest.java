package dev.skilldesk.reliability;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.skill.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two processes on one library file at once (as the desktop app and `skilldesk mcp` are): saves,
 * activations and searches from both for 40 seconds. No "database is locked" reaches either, and no
 * write is lost.
 */
class TwoProcessesTest {
    @TempDir
    Path dir;

    @Test
    void theAppAndAnotherProcessShareTheLibraryUnderLoad() throws Exception {
        Path lib = dir.resolve("lib");
        SkillDeskCore.open(lib, new Principal("init", "default"), Map.of()).close(); // create and migrate once
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                MixedLoadWorker.class.getName(), lib.toString(), "mcp-agent", "40"));
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream mine = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(mine, true, StandardCharsets.UTF_8)) {
            MixedLoadWorker.run(lib, "app-user", 40, ps);
        }
        String childOut = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String parentOut = mine.toString(StandardCharsets.UTF_8);

        assertThat(childOut).contains("DONE").doesNotContain("ERR");
        assertThat(parentOut).doesNotContain("ERR");
        try (SkillDeskCore core = SkillDeskCore.open(lib, new Principal("check", "default"), Map.of())) {
            for (String[] side : new String[][] {{"mcp-agent", childOut}, {"app-user", parentOut}}) {
                long committed = side[1].lines().filter(l -> l.startsWith("C ")).count();
                assertThat(committed).as(side[0] + " committed saves").isPositive();
                long versions = scalar(core, "SELECT count(*) FROM skill_versions WHERE created_by = '" + side[0] + "'");
                assertThat(versions).as("every save " + side[0] + " saw committed is stored").isEqualTo(committed);
                long logged = side[1].lines().filter(l -> l.startsWith("A ")).mapToLong(l -> Long.parseLong(l.substring(2)))
                        .sum();
                long stored = scalar(core, "SELECT count(*) FROM skill_activations WHERE agent_id = '" + side[0] + "'");
                assertThat(stored).as("activations of " + side[0] + " after a clean close").isEqualTo(logged);
            }
        }
    }

    private static long scalar(SkillDeskCore core, String sql) {
        return core.database().withJdbc(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
