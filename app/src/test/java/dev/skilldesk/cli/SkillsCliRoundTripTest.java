package dev.skilldesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.agents.FolderHash;
import dev.skilldesk.mcp.NodeTools;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lock files with the real {@code skills} CLI (npm skills@1.7.4), offline, under a temporary HOME: its
 * {@code add} from a local folder and from a git repository the test makes ({@code file://}) writes a
 * {@code skills-lock.json} that SkillDesk reads ({@code sees}, {@code restore}); a lock SkillDesk writes
 * ({@code lock}) is read by the CLI's {@code list} and {@code experimental_install}. GitHub sources need the network
 * (clone, the Trees API for the global hash): their shape is tested against the CLI's source in {@code SkillLocksTest}.
 */
class SkillsCliRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path home;
    CliRunner cli;

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        cli = new CliRunner(dir.resolve("lib"));
        cli.env.put("HOME", home.toString());
    }

    /** Runs the skills CLI in {@code cwd}; its output (stdout and stderr) on failure. */
    private String skills(Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(NodeTools.node().toString(),
                NodeTools.home().resolve("node_modules/skills/bin/cli.mjs").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.clear(); // no agent detected from this process's variables, no token, no proxy
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", home.toString());
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DO_NOT_TRACK", "1");
        env.put("NO_COLOR", "1");
        env.put("CI", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("skills " + String.join(" ", args)).isTrue();
        assertThat(p.exitValue()).as("skills " + String.join(" ", args) + "\n" + out).isZero();
        return out;
    }

    private static void write(Path f, String text) throws Exception {
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    @Test
    void theCliWritesALockSkillDeskReadsAndSkillDeskWritesOneTheCliReads() throws Exception {
        Path src = dir.resolve("src/my-skill");
        write(src.resolve("SKILL.md"), "---\nname: my-skill\ndescription: A local skill for the round trip, with notes.\n---\n\nUse it.\n");
        write(src.resolve("references/notes.md"), "# Notes\n");
        write(src.resolve("scripts/run.sh"), "#!/bin/sh\necho hi\n");
        write(src.resolve("Zeta.md"), "capital first: the CLI's order puts it after scripts/\n");
        Path work = dir.resolve("gitwork");
        write(work.resolve("skills/git-skill/SKILL.md"), "---\nname: git-skill\ndescription: A skill from a git repository.\n---\n\nBody.\n");
        write(work.resolve("skills/git-skill/extra.txt"), "v1\n");
        try (Git g = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            g.add().addFilepattern(".").call();
            g.commit().setMessage("skills").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
        }
        String repo = "file://" + work.toAbsolutePath();

        // 1. the CLI adds; SkillDesk reads what it wrote
        Path project = Files.createDirectories(dir.resolve("project"));
        skills(project, "add", "../src/my-skill", "-a", "claude-code", "-y");
        skills(project, "add", repo, "-a", "claude-code", "codex", "-s", "git-skill", "-y");
        JsonNode lock = JSON.readTree(project.resolve("skills-lock.json").toFile());
        assertThat(lock.get("version").asInt()).isEqualTo(1);
        assertThat(lock.at("/skills/my-skill/source").asText()).isEqualTo("../src/my-skill");
        assertThat(lock.at("/skills/my-skill/computedHash").asText()).as("SkillDesk's hash is the CLI's")
                .isEqualTo(FolderHash.of(src));
        assertThat(lock.at("/skills/git-skill/computedHash").asText()).isEqualTo(FolderHash.of(work.resolve("skills/git-skill")));

        cli.env.put("HOME", home.toString());
        CliRunner.Result sees = cli.run("sees", "--agent", "claude-code", "--project", project.toString(), "--json");
        assertThat(sees.code()).as(sees.err()).isZero();
        JsonNode seen = JSON.readTree(sees.out());
        List<String> names = new ArrayList<>();
        seen.forEach(s -> names.add(s.get("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("git-skill", "my-skill");
        seen.forEach(s -> {
            assertThat(s.get("scope").asText()).isEqualTo("project");
            assertThat(s.get("wins").asBoolean()).isTrue();
            assertThat(s.get("listing").asText()).isEqualTo("full");
        });
        JsonNode codexSees = JSON.readTree(cli.run("sees", "--agent", "codex", "--project", project.toString(), "--json").out());
        assertThat(codexSees.findValuesAsText("name")).containsExactly("git-skill");

        CliRunner.Result drift = cli.run("lock", "--status", "--project", project.toString());
        assertThat(drift.code()).as(drift.err()).isZero();
        assertThat(drift.out()).contains("my-skill", "git-skill", "matches");

        // SkillDesk restores that lock in a sibling project, as experimental_install would
        Path twin = Files.createDirectories(dir.resolve("twin"));
        Files.copy(project.resolve("skills-lock.json"), twin.resolve("skills-lock.json"));
        CliRunner.Result restored = cli.run("restore", "--project", twin.toString());
        assertThat(restored.code()).as(restored.err() + restored.out()).isZero();
        assertThat(twin.resolve(".agents/skills/my-skill/references/notes.md")).hasContent("# Notes");
        assertThat(Files.readString(twin.resolve(".agents/skills/git-skill/extra.txt"))).isEqualTo("v1\n");
        assertThat(FolderHash.of(twin.resolve(".agents/skills/git-skill")))
                .isEqualTo(FolderHash.of(project.resolve(".agents/skills/git-skill")));
        // an unreachable source is named, the rest restored
        Path lost = Files.createDirectories(dir.resolve("lost"));
        Files.writeString(lost.resolve("skills-lock.json"), "{\"version\": 1, \"skills\": {\"gone\": {\"source\": \"file:///nowhere/x.git\","
                + " \"sourceUrl\": \"file:///nowhere/x.git\", \"sourceType\": \"git\", \"skillPath\": \"SKILL.md\", \"computedHash\": \"00\"}}}\n");
        CliRunner.Result partial = cli.run("restore", "--project", lost.toString());
        assertThat(partial.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(partial.err()).contains("gone", "cannot reach file:///nowhere/x.git");

        // 2. SkillDesk installs from a source and writes the lock; the CLI reads it
        assertThat(cli.run("source", "add", dir.resolve("src").toString()).code()).isZero();
        CliRunner.Result imported = cli.run("source", "import", dir.resolve("src").toString(), "--all");
        assertThat(imported.code()).as(imported.err()).isZero();
        Path ours = Files.createDirectories(dir.resolve("ours"));
        CliRunner.Result installed = cli.run("install", "my-skill", "--agent", "claude-code", "--project", ours.toString());
        assertThat(installed.code()).as(installed.err()).isZero();
        CliRunner.Result locked = cli.run("lock", "--project", ours.toString());
        assertThat(locked.code()).as(locked.err()).isZero();
        JsonNode written = JSON.readTree(ours.resolve("skills-lock.json").toFile());
        assertThat(written.at("/skills/my-skill/source").asText()).isEqualTo("../src/my-skill");
        assertThat(written.at("/skills/my-skill/sourceType").asText()).isEqualTo("local");
        assertThat(Files.readString(ours.resolve("skills-lock.json"))).endsWith("}\n").contains("\n  \"version\": 1,\n");

        String listed = skills(ours, "list", "--json");
        assertThat(listed).contains("my-skill");
        Path fresh = Files.createDirectories(dir.resolve("fresh"));
        Files.copy(ours.resolve("skills-lock.json"), fresh.resolve("skills-lock.json"));
        skills(fresh, "experimental_install");
        assertThat(fresh.resolve(".agents/skills/my-skill/SKILL.md")).isRegularFile();
        assertThat(FolderHash.of(fresh.resolve(".agents/skills/my-skill")))
                .isEqualTo(FolderHash.of(ours.resolve(".claude/skills/my-skill")));
    }

    @Test
    void theHashOrderIsNodesLocaleCompare() throws Exception {
        List<String> names = new ArrayList<>();
        java.util.Random r = new java.util.Random(7);
        String alphabet = "aAbBzZ09_-./ .~$#+=";
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = 1 + r.nextInt(8); k > 0; k--) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            names.add(b.toString());
        }
        names.addAll(List.of("SKILL.md", "scripts/run.sh", "references/notes.md", "metadata.json", "a-b", "a_b", "ab", "a.b",
                "A", "a", "B", "b", "a/b", "a1", "a10", "a2"));
        Path in = dir.resolve("names.json");
        Files.writeString(in, JSON.writeValueAsString(names));
        Process p = new ProcessBuilder(NodeTools.node().toString(), "-e",
                "const n=JSON.parse(require('fs').readFileSync(process.argv[1],'utf8'));"
                        + "n.sort((a,b)=>a.localeCompare(b));console.log(JSON.stringify(n))", in.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String sorted = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        List<String> byNode = JSON.readValue(sorted, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        List<String> ours = new ArrayList<>(names);
        ours.sort(FolderHash.LOCALE_ORDER);
        // equal strings under the collation may sit in any order; compare as sort keys
        for (int i = 0; i < ours.size(); i++) {
            assertThat(FolderHash.LOCALE_ORDER.compare(ours.get(i), byNode.get(i))).as(i + ": " + ours.get(i) + " / " + byNode.get(i))
                    .isZero();
        }
    }
}
