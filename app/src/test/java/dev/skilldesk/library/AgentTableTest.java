package dev.skilldesk.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.mcp.NodeTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agents table is the {@code skills} CLI's, as the npm package it names publishes it: the package's own table is
 * printed by {@code .ci/skills-agents.mjs} (which reads the bundle's {@code const agents} without running the CLI)
 * and compared field by field, so a refresh of the table is a data change and a drift fails here with the entries.
 */
class AgentTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theTableIsTheSkillsPackagesTable() throws Exception {
        JsonNode ours = resource();
        Path pkg = NodeTools.home().resolve("node_modules/skills");
        assertThat(JSON.readTree(pkg.resolve("package.json").toFile()).get("version").asText())
                .as("the package version the table names").isEqualTo(ours.get("sourceVersion").asText());
        Process p = new ProcessBuilder(NodeTools.node().toString(), ".ci/skills-agents.mjs", "--pkg", pkg.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isZero();
        JsonNode theirs = JSON.readTree(out);

        Map<String, String> want = new LinkedHashMap<>();
        for (JsonNode a : theirs) {
            want.put(a.get("id").asText(), row(a.get("displayName").asText(), a.get("projectDir").asText(),
                    text(a.get("globalDir")), text(a.get("globalInstallDir"))));
        }
        Map<String, String> have = new LinkedHashMap<>();
        for (JsonNode a : ours.get("agents")) {
            String global = tilde(text(a.get("global")));
            String install = a.has("install") ? tilde(a.get("install").asText()) : global;
            have.put(a.get("id").asText(), row(a.get("name").asText(), a.get("project").asText(), global, install));
        }
        assertThat(theirs.size()).as("78 agents and 'universal'").isEqualTo(79);
        assertThat(have).as("agents.json against npm skills@" + ours.get("sourceVersion").asText()).isEqualTo(want);
        assertThat(have).containsKeys("grok", "zed", "warp", "devin", "tabnine-cli", "kimi-code-cli").doesNotContainKey("kimi-cli");
    }

    @Test
    void whereTheDocsDifferTheySaySoAndWin() throws Exception {
        JsonNode docs = resource().get("docs");
        docs.fields().forEachRemaining(e -> {
            assertThat(e.getValue().hasNonNull("docs")).as(e.getKey() + " names its source").isTrue();
            if (e.getValue().has("project") || e.getValue().has("global")) {
                assertThat(e.getValue().hasNonNull("why")).as(e.getKey() + " says why it differs").isTrue();
            }
        });
        Map<String, String> env = Map.of("HOME", "/h");
        AgentTargets.Agent goose = AgentTargets.byId("goose");
        assertThat(goose.projectDir()).isEqualTo(".agents/skills");
        assertThat(goose.installDir(env)).isEqualTo(Path.of("/h/.agents/skills"));
        assertThat(AgentTargets.byId("kimi-cli").id()).as("the old id still finds the renamed agent").isEqualTo("kimi-code-cli");
    }

    /** Under a temporary HOME every agent's folders land under it, and follow the variables the table names. */
    @Test
    void everyAgentsFoldersUnderATemporaryHome(@TempDir Path home) throws Exception {
        Map<String, String> env = Map.of("HOME", home.toString());
        Path project = home.resolve("work/project");
        TreeSet<Path> globals = new TreeSet<>();
        for (AgentTargets.Agent a : AgentTargets.all()) {
            Path pd = a.projectDir(project);
            assertThat(pd.startsWith(project)).as(a.id()).isTrue();
            assertThat(pd.toString()).as(a.id()).endsWith("skills");
            if (a.globalDir(env) == null) {
                assertThat(a.id()).isIn("eve", "promptscript");
                assertThat(a.installDir(env)).isNull();
                continue;
            }
            assertThat(a.globalDir(env).startsWith(home)).as(a.id() + " " + a.globalDir(env)).isTrue();
            assertThat(a.installDir(env).startsWith(home)).as(a.id()).isTrue();
            globals.add(a.installDir(env));
            if (a.projectDir().equals(".agents/skills") && !a.id().equals("goose")) {
                assertThat(a.installDir(env)).as(a.id() + ": one global copy for .agents/skills agents")
                        .isEqualTo(home.resolve(".agents/skills"));
            }
            // where() finds the agent from its folders
            assertThat(AgentTargets.where(a.installDir(env), env).agents()).as(a.id()).contains(a);
            assertThat(AgentTargets.where(pd, env).agents()).as(a.id()).contains(a);
            assertThat(AgentTargets.where(pd, env).project()).as(a.id()).isEqualTo(project);
            Files.createDirectories(a.installDir(env));
        }
        Map<String, String> moved = new LinkedHashMap<>(env);
        moved.put("CLAUDE_CONFIG_DIR", home.resolve("cc").toString());
        moved.put("XDG_CONFIG_HOME", home.resolve("xdg").toString());
        moved.put("GROK_HOME", "grok-home");
        assertThat(AgentTargets.byId("claude-code").globalDir(moved)).isEqualTo(home.resolve("cc/skills"));
        assertThat(AgentTargets.byId("opencode").globalDir(moved)).isEqualTo(home.resolve("xdg/opencode/skills"));
        assertThat(AgentTargets.byId("grok").globalDir(moved)).as("relative to home").isEqualTo(home.resolve("grok-home/skills"));
        assertThat(AgentTargets.byId("crush").globalDir(moved)).as("crush ignores XDG").isEqualTo(home.resolve(".config/crush/skills"));
        // installed: a detect folder exists
        assertThat(AgentTargets.byId("kilo").installed(env)).isFalse();
        Files.createDirectories(home.resolve(".kilocode"));
        assertThat(AgentTargets.byId("kilo").installed(env)).isTrue();
        List<Path> list = new ArrayList<>(globals);
        assertThat(list).isNotEmpty();
    }

    private static JsonNode resource() throws Exception {
        try (InputStream in = AgentTargets.class.getResourceAsStream(AgentTargets.RESOURCE)) {
            return JSON.readTree(in);
        }
    }

    private static String row(String name, String project, String global, String install) {
        return name + " | " + project + " | " + global + " | " + install;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    /** The table's template as the package prints it with no variables set. */
    private static String tilde(String template) {
        if (template == null) {
            return null;
        }
        return template.replaceAll("^\\$\\{[A-Z_]+:-([^}]*)}", "$1");
    }
}
