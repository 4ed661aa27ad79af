package dev.skilldesk.cli;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing is written or deleted where it does not belong (#25): publish into a repository whose {@code plugins},
 * {@code plugins/<ns>}, {@code .claude-plugin} or {@code marketplace.json} is a link (absolute, and relative climbing
 * out), install and profile apply into projects where a folder on the way is a link, and a data directory with a
 * link where SkillDesk writes. Each is refused, naming the path and the rule, and the folder outside is byte for
 * byte what it was.
 */
class WritesStayInsideTest {
    @TempDir
    Path dir;
    CliRunner cli;
    /** A user's folder outside everything SkillDesk was given: it must come out of every case untouched. */
    Path outside;

    @BeforeEach
    void library() throws Exception {
        cli = new CliRunner(dir.resolve("lib"));
        cli.env.put("HOME", dir.resolve("home").toString());
        outside = dir.resolve("outside");
        Files.createDirectories(outside.resolve("default"));
        Files.writeString(outside.resolve("default/keep.txt"), "the user's own file\n");
        Files.writeString(outside.resolve("marketplace.json"), "{\"name\":\"the user's own marketplace\"}\n");
        Files.createDirectories(outside.resolve(".claude-plugin"));
        Files.writeString(outside.resolve(".claude-plugin/marketplace.json"), "{\"name\":\"outside\"}\n");
        Files.createDirectories(outside.resolve("skills/csv-cleaner"));
        Files.writeString(outside.resolve("skills/csv-cleaner/SKILL.md"), "not SkillDesk's\n");
        Path skill = dir.resolve("src/csv-cleaner");
        Files.createDirectories(skill);
        Files.writeString(skill.resolve("SKILL.md"), "---\nname: csv-cleaner\ndescription: Clean CSV files before"
                + " analysis, when a table has blanks or duplicates.\n---\n# CSV cleaner\n\nStrip blanks.\n");
        assertThat(cli.run("import", skill.toString()).code()).isZero();
    }

    /** Every file under {@code root} (links as their target text) with its SHA-256. */
    static TreeMap<String, String> snapshot(Path root) throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(rel, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(rel, sha(Files.readAllBytes(p)));
                } else {
                    out.put(rel + "/", "dir");
                }
            }
        }
        return out;
    }

    private static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A relative link target that climbs out of wherever the link sits, to {@code target}. */
    static String climbingTo(Path target) {
        return "../".repeat(40) + target.toAbsolutePath().toString().substring(1);
    }

    // ---- publish ------------------------------------------------------------------------------------

    record LinkCase(String name, String linkPath, Path target, boolean relative) {
    }

    List<LinkCase> publishCases() {
        List<LinkCase> out = new ArrayList<>();
        for (boolean relative : List.of(false, true)) {
            String how = relative ? " (relative, climbing out)" : " (absolute)";
            out.add(new LinkCase("plugins" + how, "plugins", outside, relative));
            out.add(new LinkCase("plugins/default" + how, "plugins/default", outside.resolve("default"), relative));
            out.add(new LinkCase(".claude-plugin" + how, ".claude-plugin", outside.resolve(".claude-plugin"), relative));
            out.add(new LinkCase("marketplace.json" + how, ".claude-plugin/marketplace.json",
                    outside.resolve("marketplace.json"), relative));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> publishRefusesALinkAnywhereItWritesOrDeletes() {
        return publishCases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Path bare = dir.resolve("remote-" + Math.abs(c.name().hashCode()) + ".git");
            Path work = dir.resolve("work-" + Math.abs(c.name().hashCode()));
            Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
            try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
                Files.writeString(work.resolve("README.md"), "a marketplace\n");
                Path link = work.resolve(c.linkPath());
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, Path.of(c.relative() ? climbingTo(c.target()) : c.target().toString()));
                git.add().addFilepattern(".").call();
                git.commit().setMessage("a link").call();
                git.push().setRemote(bare.toUri().toString()).add("main").call();
            }
            TreeMap<String, String> before = snapshot(outside);
            CliRunner.Result r = cli.run("publish", "default", "--to", bare.toUri().toString());
            assertThat(r.code()).as(r.out() + r.err()).isNotZero();
            assertThat(r.err()).contains(c.linkPath()).contains("is a link").contains("rule: files.link");
            assertThat(snapshot(outside)).as("the folder outside the clone").isEqualTo(before);
        }));
    }

    @Test
    void publishStillWorksIntoAnOrdinaryRepository() throws Exception {
        Path bare = dir.resolve("plain.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        CliRunner.Result r = cli.run("publish", "default", "--to", bare.toUri().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("published");
    }

    // ---- install and profile apply ------------------------------------------------------------------

    /** Each folder from the project down to the copy, for Claude Code's and the shared .agents folders. */
    List<LinkCase> projectCases() {
        List<LinkCase> out = new ArrayList<>();
        for (boolean relative : List.of(false, true)) {
            String how = relative ? " (relative)" : " (absolute)";
            out.add(new LinkCase("claude-code: .claude" + how, ".claude", outside, relative));
            out.add(new LinkCase("claude-code: .claude/skills" + how, ".claude/skills", outside.resolve("skills"), relative));
            out.add(new LinkCase("claude-code: .claude/skills/csv-cleaner" + how, ".claude/skills/csv-cleaner",
                    outside.resolve("skills/csv-cleaner"), relative));
            out.add(new LinkCase("codex: .agents" + how, ".agents", outside, relative));
            out.add(new LinkCase("codex: .agents/skills" + how, ".agents/skills", outside.resolve("skills"), relative));
        }
        return out;
    }

    private Path projectWith(LinkCase c) throws IOException {
        Path project = dir.resolve("project-" + Math.abs(c.name().hashCode()) + "-" + System.nanoTime());
        Path link = project.resolve(c.linkPath());
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Path.of(c.relative() ? climbingTo(c.target()) : c.target().toString()));
        return project;
    }

    private static String agentOf(LinkCase c) {
        return c.name().startsWith("codex") ? "codex" : "claude-code";
    }

    @TestFactory
    Stream<DynamicTest> installIntoAProjectRefusesALinkOnTheWay() {
        return projectCases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Path project = projectWith(c);
            TreeMap<String, String> before = snapshot(outside);
            CliRunner.Result r = cli.run("install", "csv-cleaner", "--agent", agentOf(c), "--project", project.toString());
            assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.PROBLEMS);
            assertThat(r.err()).contains(project.resolve(c.linkPath()).toString()).contains("rule: files.link");
            assertThat(snapshot(outside)).isEqualTo(before);
            if (agentOf(c).equals("claude-code")) {
                CliRunner.Result cp = cli.run("install", "csv-cleaner", "--claude-project", project.toString());
                assertThat(cp.code()).as(cp.out() + cp.err()).isEqualTo(ExitCodes.PROBLEMS);
                assertThat(cp.err()).contains("rule: files.link");
                assertThat(snapshot(outside)).isEqualTo(before);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> profileApplyIntoAProjectRefusesALinkOnTheWay() {
        assertThat(cli.run("profile", "create", "py").code()).isZero();
        assertThat(cli.run("profile", "add", "py", "csv-cleaner").code()).isZero();
        return projectCases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Path project = projectWith(c);
            TreeMap<String, String> before = snapshot(outside);
            CliRunner.Result r = cli.run("profile", "apply", "py", "--project", project.toString(), "--agent", agentOf(c));
            assertThat(r.out() + r.err()).contains("not installed").contains("rule: files.link");
            assertThat(snapshot(outside)).isEqualTo(before);
        }));
    }

    @Test
    void syncAndRemoveOfARecordedInstallRefuseAFolderSwappedForALinkLater() throws Exception {
        Path project = dir.resolve("proj");
        Files.createDirectories(project);
        assertThat(cli.run("install", "csv-cleaner", "--agent", "claude-code", "--project", project.toString()).code())
                .isZero();
        // the project's .claude is replaced by a link out of it after the install
        Path claude = project.resolve(".claude");
        Files.move(claude, dir.resolve("moved-claude"));
        Files.createSymbolicLink(claude, outside);
        TreeMap<String, String> before = snapshot(outside);
        CliRunner.Result sync = cli.run("sync", "csv-cleaner", "--update-copy", "--force");
        assertThat(sync.out() + sync.err()).contains("rule: files.link");
        assertThat(snapshot(outside)).isEqualTo(before);
    }

    @Test
    void anInstallIntoAnOrdinaryProjectStillWorks() throws Exception {
        Path project = dir.resolve("ok");
        Files.createDirectories(project);
        CliRunner.Result r = cli.run("install", "csv-cleaner", "--agent", "claude-code", "--agent", "codex",
                "--project", project.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(project.resolve(".claude/skills/csv-cleaner/SKILL.md")).exists();
        assertThat(project.resolve(".agents/skills/csv-cleaner/SKILL.md")).exists();
    }

    // ---- the data directory -------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> aLinkWhereSkillDeskWritesInItsDataDirectoryIsRefusedAtOpen() {
        return Stream.of("sources", "index", "installed", "map", "logs", "keep", "ui-preferences.properties")
                .map(entry -> DynamicTest.dynamicTest(entry, () -> {
                    Path data = dir.resolve("data-" + entry);
                    Files.createDirectories(data);
                    Files.createSymbolicLink(data.resolve(entry), outside);
                    TreeMap<String, String> before = snapshot(outside);
                    CliRunner other = new CliRunner(data);
                    CliRunner.Result r = other.run("list");
                    assertThat(r.code()).isNotZero();
                    assertThat(r.err()).contains(data.resolve(entry).toString()).contains("rule: files.link");
                    assertThat(snapshot(outside)).isEqualTo(before);
                }));
    }

    // ---- starter skills --------------------------------------------------------------------------------

    @Test
    void theStarterSkillsLandInTheDefaultNamespaceWhateverTheFirstCommandNames() {
        CliRunner fresh = new CliRunner(dir.resolve("fresh"));
        CliRunner.Result first = fresh.run("--namespace", "team", "list", "--json");
        assertThat(first.code()).isZero();
        CliRunner.Result all = fresh.run("list", "--json");
        assertThat(all.out()).contains("\"namespace\" : \"default\"").doesNotContain("\"namespace\" : \"team\"");
    }
}
