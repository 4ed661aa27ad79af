package dev.skilldesk.agents;

import dev.skilldesk.library.AgentTargets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Switching skills off and on for each kind of agent, under a temporary HOME; every round trip gives the bytes back. */
class SkillSwitchesTest {
    @TempDir
    Path dir;
    Path home;
    Path project;
    Map<String, String> env;
    SkillSwitches switches;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
        project = Files.createDirectories(dir.resolve("work/project"));
        env = Map.of("HOME", home.toString());
        switches = new SkillSwitches(env, dir.resolve("data"), Clock.systemUTC());
    }

    static final String CLAUDE_SETTINGS = """
            {
                "model": "opus",
                "permissions": {
                    "allow": ["Bash(git status)", "Read"],
                    "deny": []
                },
                // a comment Claude Code would not write, kept anyway
                "env": {"FOO": "1"}
            }
            """;

    @Test
    void claudeCodeSkillOverridesRoundTripKeepsEveryOtherByte() throws Exception {
        Path f = Files.createDirectories(home.resolve(".claude")).resolve("settings.json");
        Files.writeString(f, CLAUDE_SETTINGS);
        AgentTargets.Agent claude = AgentTargets.byId("claude-code");

        switches.apply(switches.plan("pdf-tools", claude, null, SkillSwitches.Mode.OFF));
        String off = Files.readString(f);
        assertThat(off).isEqualTo(CLAUDE_SETTINGS.replace("""
                    "env": {"FOO": "1"}
                }""", """
                    "env": {"FOO": "1"},
                    "skillOverrides": {
                        "pdf-tools": "off"
                    }
                }"""));
        switches.apply(switches.plan("legacy", claude, null, SkillSwitches.Mode.NAME_ONLY));
        assertThat(Files.readString(f)).contains("    \"skillOverrides\": {\n        \"pdf-tools\": \"off\",\n"
                + "        \"legacy\": \"name-only\"\n    }\n}");
        switches.apply(switches.plan("pdf-tools", claude, null, SkillSwitches.Mode.USER_INVOCABLE_ONLY));
        assertThat(Files.readString(f)).contains("\"pdf-tools\": \"user-invocable-only\",");
        switches.apply(switches.plan("legacy", claude, null, SkillSwitches.Mode.ON));
        switches.apply(switches.plan("pdf-tools", claude, null, SkillSwitches.Mode.ON));
        assertThat(Files.readString(f)).as("on again: the file as it was").isEqualTo(CLAUDE_SETTINGS);

        // the project's file, made when missing, and taken away again by undo
        SkillSwitches.Plan p = switches.plan("deploy", claude, project, SkillSwitches.Mode.OFF);
        assertThat(p.changes()).singleElement().satisfies(c -> assertThat(c.path()).isEqualTo(project.resolve(".claude/settings.json")));
        List<SkillSwitches.Change> done = switches.apply(p);
        assertThat(Files.readString(project.resolve(".claude/settings.json"))).isEqualTo("""
                {
                  "skillOverrides": {
                    "deploy": "off"
                  }
                }
                """);
        switches.undo(done);
        assertThat(project.resolve(".claude")).doesNotExist();
    }

    @Test
    void oneLineAndTabbedFilesKeepTheirStyle() throws Exception {
        AgentTargets.Agent claude = AgentTargets.byId("claude-code");
        Path f = Files.createDirectories(home.resolve(".claude")).resolve("settings.json");
        for (String original : List.of("{\"model\":\"opus\"}", "{\n\t\"model\": \"opus\",\n\t\"skillOverrides\": {\n\t\t\"a\": \"off\"\n\t}\n}",
                "{}", "{\"skillOverrides\": {}}\n")) {
            Files.writeString(f, original);
            switches.apply(switches.plan("x", claude, null, SkillSwitches.Mode.OFF));
            String off = Files.readString(f);
            assertThat(JsonEdit.of(off).string("skillOverrides", "x")).as(original).isEqualTo("off");
            if (original.contains("\t")) {
                assertThat(off).contains("\t\t\"x\": \"off\"");
            }
            switches.apply(switches.plan("x", claude, null, SkillSwitches.Mode.ON));
            if (!original.startsWith("{}") && !original.contains("{}")) {
                assertThat(Files.readString(f)).as(original).isEqualTo(original);
            }
        }
    }

    @Test
    void aSettingsFileThatDoesNotParseIsLeftUntouchedWithWhereAndWhy() throws Exception {
        AgentTargets.Agent claude = AgentTargets.byId("claude-code");
        Path f = Files.createDirectories(home.resolve(".claude")).resolve("settings.json");
        String broken = "{\n  \"model\": \"opus\",\n  \"permissions\": {\"allow\": [\"Read\",]}\n}\n";
        Files.writeString(f, broken);
        assertThatThrownBy(() -> switches.plan("x", claude, null, SkillSwitches.Mode.OFF))
                .isInstanceOf(SkillSwitches.Refused.class)
                .hasMessageContaining(f + ":3:").hasMessageContaining("does not parse").hasMessageContaining("left as it is");
        assertThat(Files.readString(f)).isEqualTo(broken);
        Path gem = Files.createDirectories(home.resolve(".gemini")).resolve("settings.json");
        Files.writeString(gem, "{\"skills\": [1, 2]}");
        assertThatThrownBy(() -> switches.plan("x", AgentTargets.byId("gemini-cli"), null, SkillSwitches.Mode.OFF))
                .hasMessageContaining("\"skills\" to be an object");
        assertThat(Files.readString(gem)).isEqualTo("{\"skills\": [1, 2]}");
    }

    @Test
    void codexSkillsConfigEntryAloneTheRestByteForByte() throws Exception {
        AgentTargets.Agent codex = AgentTargets.byId("codex");
        Path f = Files.createDirectories(home.resolve(".codex")).resolve("config.toml");
        String original = """
                model = "gpt-5.3-codex"   # the model

                [mcp_servers.docs]
                command = "docs-server"
                args = ["--port", "4000"]

                [[skills.config]]
                name = "kept-on"
                enabled = true
                """;
        Files.writeString(f, original);
        switches.apply(switches.plan("pdf-tools", codex, null, SkillSwitches.Mode.OFF));
        assertThat(Files.readString(f)).isEqualTo(original + "\n[[skills.config]]\nname = \"pdf-tools\"\nenabled = false\n");
        switches.apply(switches.plan("kept-on", codex, null, SkillSwitches.Mode.OFF));
        assertThat(Files.readString(f)).contains("name = \"kept-on\"\nenabled = false\n\n[[skills.config]]");
        switches.apply(switches.plan("pdf-tools", codex, null, SkillSwitches.Mode.ON));
        assertThat(Files.readString(f)).isEqualTo(original.replace("enabled = true", "enabled = false"));

        // a project's copy: by its SKILL.md path, in the user's config (Codex reads no project config for this)
        Path copy = Files.createDirectories(project.resolve(".agents/skills/deploy"));
        Files.writeString(copy.resolve("SKILL.md"), "---\nname: deploy\ndescription: Deploys the app to staging.\n---\n");
        SkillSwitches.Plan p = switches.plan("deploy", codex, project, SkillSwitches.Mode.OFF);
        assertThat(p.notes()).anyMatch(n -> n.contains("not the project's"));
        switches.apply(p);
        assertThat(Files.readString(f)).contains("path = \"" + copy.resolve("SKILL.md").toRealPath() + "\"\nenabled = false");
        assertThatThrownBy(() -> switches.plan("deploy", codex, null, SkillSwitches.Mode.NAME_ONLY))
                .hasMessageContaining("Codex switches a skill on or off only");
    }

    @Test
    void manySkillsOfOneFileAtOnceAndSwitchingBackLeavesNoTrace() throws Exception {
        List<AgentTargets.Agent> agents = List.of(AgentTargets.byId("claude-code"), AgentTargets.byId("gemini-cli"),
                AgentTargets.byId("codex"));
        Scenes scenes = new Scenes(switches);
        Scenes.Scene off = scenes.plan(null, List.of("a", "b", "c"), SkillSwitches.Mode.OFF, agents, null, false);
        assertThat(off.changes()).extracting(SkillSwitches.Change::path).containsExactly(home.resolve(".claude/settings.json"),
                home.resolve(".gemini/settings.json"), home.resolve(".codex/config.toml"));
        assertThat(off.changes().get(0).what()).contains("skillOverrides.a = off", "skillOverrides.b = off", "skillOverrides.c = off");
        switches.apply(off.changes());
        assertThat(JsonEdit.of(Files.readString(home.resolve(".gemini/settings.json"))).strings("skills", "disabled"))
                .containsExactly("a", "b", "c");
        Scenes.Scene on = scenes.plan(null, List.of("a", "b", "c"), SkillSwitches.Mode.ON, agents, null, false);
        switches.apply(on.changes());
        assertThat(home).as("what the switches made is gone with them").isEmptyDirectory();
    }

    @Test
    void aCodexConfigThatDoesNotParseIsLeftAsItIs() throws Exception {
        Path f = Files.createDirectories(home.resolve(".codex")).resolve("config.toml");
        for (String broken : List.of("model = \"o3\"\n[[skills.config]\nname = \"x\"\n", "model \"o3\"\n",
                "[mcp_servers.docs\ncommand = \"x\"\n")) {
            Files.writeString(f, broken);
            assertThatThrownBy(() -> switches.plan("x", AgentTargets.byId("codex"), null, SkillSwitches.Mode.OFF))
                    .as(broken).hasMessageContaining(f + ":").hasMessageContaining("does not parse as TOML");
            assertThat(Files.readString(f)).isEqualTo(broken);
        }
        String ok = "model = \"o3\"\nnotes = \"\"\"\n[not a table]\n\"\"\"\nlist = [\n  \"a\",\n  \"b\",\n]\n[tools] # t\nweb = true\n";
        Files.writeString(f, ok);
        switches.apply(switches.plan("x", AgentTargets.byId("codex"), null, SkillSwitches.Mode.OFF));
        assertThat(Files.readString(f)).startsWith(ok);
    }

    @Test
    void geminiCliSkillsDisabledAddsAndRemovesItsName() throws Exception {
        AgentTargets.Agent gemini = AgentTargets.byId("gemini-cli");
        Path f = Files.createDirectories(home.resolve(".gemini")).resolve("settings.json");
        String original = "{\n  \"theme\": \"GitHub\",\n  \"skills\": {\n    \"enabled\": true\n  }\n}\n";
        Files.writeString(f, original);
        switches.apply(switches.plan("Docs-Writer", gemini, null, SkillSwitches.Mode.OFF));
        assertThat(Files.readString(f)).isEqualTo(
                "{\n  \"theme\": \"GitHub\",\n  \"skills\": {\n    \"enabled\": true,\n    \"disabled\": [\"Docs-Writer\"]\n  }\n}\n");
        switches.apply(switches.plan("other", gemini, null, SkillSwitches.Mode.OFF));
        assertThat(JsonEdit.of(Files.readString(f)).strings("skills", "disabled")).containsExactly("Docs-Writer", "other");
        switches.apply(switches.plan("docs-writer", gemini, null, SkillSwitches.Mode.ON)); // names match in any case
        switches.apply(switches.plan("other", gemini, null, SkillSwitches.Mode.ON));
        assertThat(Files.readString(f)).isEqualTo(original);
    }

    @Test
    void anAgentWithoutASwitchKeepsTheCopyAndGivesItBackByteForByte() throws Exception {
        AgentTargets.Agent windsurf = AgentTargets.byId("windsurf");
        Path skills = Files.createDirectories(home.resolve(".codeium/windsurf/skills"));
        Path s = Files.createDirectories(skills.resolve("csv-clean/scripts"));
        Files.writeString(skills.resolve("csv-clean/SKILL.md"), "---\nname: csv-clean\ndescription: Cleans CSV files.\n---\n");
        Files.write(s.resolve("blob.bin"), new byte[] {0, 1, 2, (byte) 255, 10, 13});
        Files.createSymbolicLink(s.resolve("link"), Path.of("blob.bin"));
        s.resolve("blob.bin").toFile().setExecutable(true);
        Map<String, String> before = tree(skills);

        SkillSwitches.Plan off = switches.plan("csv-clean", windsurf, null, SkillSwitches.Mode.OFF);
        switches.apply(off);
        assertThat(skills.resolve("csv-clean")).doesNotExist();
        Path kept = switches.keptCopy(skills.resolve("csv-clean"));
        assertThat(kept.resolve("SKILL.md")).isRegularFile();
        assertThat(kept.startsWith(dir.resolve("data/keep"))).isTrue();

        switches.apply(switches.plan("csv-clean", windsurf, null, SkillSwitches.Mode.ON));
        assertThat(tree(skills)).isEqualTo(before);
        assertThat(Files.isExecutable(s.resolve("blob.bin"))).isTrue();
        assertThat(dir.resolve("data/keep")).isEmptyDirectory();

        assertThatThrownBy(() -> switches.plan("nope", windsurf, null, SkillSwitches.Mode.OFF))
                .hasMessageContaining("no skill folder nope").hasMessageContaining(skills.toString());
        assertThatThrownBy(() -> switches.plan("../etc", windsurf, null, SkillSwitches.Mode.OFF))
                .hasMessageContaining("not a skill name");
    }

    /** Every file, folder and link under {@code root}: path to bytes (or link target, or "dir"). */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(root)) {
            return out;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                String k = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(k, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(k, "dir");
                } else {
                    out.put(k, java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
                }
            }
        }
        return out;
    }

    static void skill(Path folder, String name, String description) throws IOException {
        Files.createDirectories(folder.resolve(name));
        Files.writeString(folder.resolve(name).resolve("SKILL.md"), "---\nname: " + name + "\ndescription: " + description
                + "\n---\n\nBody.\n", StandardCharsets.UTF_8);
    }
}
