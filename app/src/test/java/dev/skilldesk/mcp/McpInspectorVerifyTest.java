package dev.skilldesk.mcp;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.TestCorpus;
import dev.skilldesk.skill.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP Inspector's CLI (@modelcontextprotocol/inspector 2.12.0, from npm) verifies the Skills Extension as
 * SkillDesk serves it on protocol revision 2026-07-28, over stdio and Streamable HTTP: {@code skills/list --verify}
 * checks every entry's conformance (names, URIs, the manifest complete and inside the skill, digests and sizes, the
 * frontmatter against the SKILL.md) and reads every file to compare its size and digest; {@code skills/get --verify}
 * does the same for one skill. For the starter library and for the 155 corpus skills imported.
 */
class McpInspectorVerifyTest {
    @TempDir
    Path dir;

    @Test
    void starterLibrary() throws Exception {
        Path data = dir.resolve("lib");
        try (SkillDeskCore core = SkillDeskCore.open(data, new Principal("root", "default"), Map.of())) {
            assertThat(core.library()).isNotNull(); // a new library: the starter skills
        }
        verifyBothTransports(data, "skill://default/skilldesk-cli/SKILL.md", 5);
    }

    @Test
    void importedCorpus() throws Exception {
        Path data = dir.resolve("lib");
        Process p = new ProcessBuilder(McpServerProcessTest.command("--data-dir", data.toString(), "import",
                TestCorpus.root().toString())).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("import exits 3: four corpus skills need fixes").isEqualTo(3);
        verifyBothTransports(data, "skill://default/zarr-python/SKILL.md", 150);
    }

    private void verifyBothTransports(Path data, String oneSkill, int atLeast) throws Exception {
        List<String> stdio = new ArrayList<>(List.of("--"));
        stdio.addAll(McpServerProcessTest.command("--data-dir", data.toString(), "mcp"));
        assertVerified(inspect("skills/list", null, stdio), atLeast);
        assertVerified(inspect("skills/get", oneSkill, stdio), 1);
        Principal root = new Principal("root", "default");
        try (SkillDeskCore core = SkillDeskCore.open(data, root, Map.of());
             McpHttpServer http = McpHttpServer.start(new McpSkillServer(SkillTools.of(core, root), "test"), null,
                     "127.0.0.1", 0, Map.of("inspector-token", root), Set.of())) {
            List<String> over = List.of(http.endpoint().toString(), "--transport", "http", "--header",
                    "Authorization: Bearer inspector-token");
            assertVerified(inspect("skills/list", null, over), atLeast);
            assertVerified(inspect("skills/get", oneSkill, over), 1);
        }
    }

    private static void assertVerified(String out, int atLeast) {
        assertThat(out).as(out).containsPattern("Verified (\\d+) skills? and \\d+ files?: no conformance errors");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Verified (\\d+) skill").matcher(out);
        assertThat(m.find()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(atLeast);
        assertThat(out).doesNotContain("\"ok\":false");
    }

    /** Runs the Inspector's CLI once; its output (NDJSON reports and the summary), after checking it exited 0. */
    private static String inspect(String method, String uri, List<String> target) throws Exception {
        Path home = NodeTools.home();
        List<String> cmd = new ArrayList<>(List.of(NodeTools.node().toString(),
                home.resolve("node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js").toString(),
                "--cli"));
        boolean http = !target.get(0).equals("--");
        if (http) {
            cmd.add(target.get(0));
            cmd.addAll(target.subList(1, target.size()));
        }
        cmd.addAll(List.of("--protocol-era", "modern", "--method", method, "--verify"));
        if (uri != null) {
            cmd.addAll(List.of("--uri", uri));
        }
        if (!http) {
            cmd.addAll(target);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(method + " --verify: " + out).isZero();
        return out;
    }
}
