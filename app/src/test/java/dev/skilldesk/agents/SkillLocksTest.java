package dev.skilldesk.agents;

import dev.skilldesk.library.WriteRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Lock shapes the offline round trip cannot make, checked against the skills CLI 1.7.4 source ({@code dist/cli.mjs}:
 * {@code projectLockEntry}, {@code writeLocalLock}, {@code addSkillToLock}, {@code writeSkillLock}): a GitHub source
 * is {@code owner/repo} with no {@code sourceUrl} in the project lock and the clone URL in the global one; the global
 * lock is version 3 with times, {@code dismissed}, and no newline at the end; unknown fields and skills stay.
 */
class SkillLocksTest {
    @TempDir
    Path dir;

    @Test
    void githubProjectAndGlobalEntriesInTheCliShape() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path installed = Files.createDirectories(dir.resolve("p/.claude/skills/pdf"));
        Files.writeString(installed.resolve("SKILL.md"), "---\nname: pdf\ndescription: PDFs.\n---\n");
        Clock clock = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
        SkillLocks locks = new SkillLocks(Map.of("HOME", home.toString()), clock);
        SkillLocks.Installed i = new SkillLocks.Installed("pdf", installed, "git", "https://github.com/anthropics/skills.git",
                null, "skills/pdf");
        Path project = dir.resolve("p");
        SkillLocks.Entry e = locks.entryFor(i, project, false);
        locks.write(SkillLocks.projectLock(project), false, List.of(e), WriteRoot.of(project));
        String hash = FolderHash.of(installed);
        assertThat(Files.readString(project.resolve("skills-lock.json"))).isEqualTo("""
                {
                  "version": 1,
                  "skills": {
                    "pdf": {
                      "source": "anthropics/skills",
                      "sourceType": "github",
                      "skillPath": "skills/pdf/SKILL.md",
                      "computedHash": "%s"
                    }
                  }
                }
                """.formatted(hash));

        Path global = locks.globalLock();
        assertThat(global).isEqualTo(home.resolve(".agents/.skill-lock.json"));
        Files.createDirectories(global.getParent());
        Files.writeString(global, "{\"version\": 3, \"skills\": {\"other\": {\"source\": \"x/y\", \"sourceType\": \"github\","
                + " \"pluginName\": \"kept\"}}, \"dismissed\": {\"findSkillsPrompt\": true}, \"lastSelectedAgents\": [\"codex\"]}");
        locks.write(global, true, List.of(locks.entryFor(i, null, true)), WriteRoot.of(global.getParent()));
        String g = Files.readString(global);
        assertThat(g).doesNotEndWith("\n").startsWith("{\n  \"version\": 3,\n  \"skills\": {\n    \"other\": {");
        assertThat(g).contains("\"pluginName\": \"kept\"", "\"findSkillsPrompt\": true", "\"lastSelectedAgents\": [\n    \"codex\"\n  ]",
                "\"sourceUrl\": \"https://github.com/anthropics/skills.git\"", "\"installedAt\": \"2026-12-05T10:00:00Z\"",
                "\"skillFolderHash\": \"" + hash + "\"");
        assertThat(locks.read(global, true).entry("pdf").source()).isEqualTo("anthropics/skills");
        assertThat(new SkillLocks(Map.of("HOME", home.toString(), "XDG_STATE_HOME", dir.resolve("state").toString()), clock)
                .globalLock()).isEqualTo(dir.resolve("state/skills/.skill-lock.json"));
    }

    @Test
    void aGitHubEntrysHashIsTheFoldersGitTree() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path skill = Files.createDirectories(repo.resolve("skills/pdf/scripts"));
        Files.writeString(repo.resolve("skills/pdf/SKILL.md"), "---\nname: pdf\ndescription: PDFs.\n---\n");
        Files.writeString(skill.resolve("run.sh"), "#!/bin/sh\n");
        skill.resolve("run.sh").toFile().setExecutable(true);
        Files.writeString(repo.resolve("skills/pdf/a-b.md"), "x");
        Files.writeString(repo.resolve("skills/pdf/a.md"), "y");
        String tree;
        try (org.eclipse.jgit.api.Git g = org.eclipse.jgit.api.Git.init().setDirectory(repo.toFile()).call()) {
            g.add().addFilepattern(".").call();
            var c = g.commit().setMessage("m").setAuthor("t", "t@e").setCommitter("t", "t@e").call();
            try (var walk = org.eclipse.jgit.treewalk.TreeWalk.forPath(g.getRepository(), "skills/pdf", c.getTree())) {
                tree = walk.getObjectId(0).name();
            }
        }
        assertThat(SkillLocks.gitTree(repo.resolve("skills/pdf"))).isEqualTo(tree);
    }

    @Test
    void oldOrBrokenLocks() throws Exception {
        SkillLocks locks = new SkillLocks(Map.of("HOME", dir.toString()), Clock.systemUTC());
        Path f = dir.resolve("skills-lock.json");
        Files.writeString(f, "{\"version\": 0, \"skills\": {\"a\": {}}}");
        assertThat(locks.read(f, false).entries()).as("an older version reads as empty, as the CLI reads it").isEmpty();
        Files.writeString(f, "{\"version\": 1, \"skills\": {\"a\": {\"source\": \"x\"},}}");
        assertThatThrownBy(() -> locks.read(f, false)).hasMessageContaining(f + ":1:").hasMessageContaining("does not parse");
        Files.writeString(f, "{\"version\": 1, \"skills\": {\"../../evil\": {\"source\": \"./x\", \"sourceType\": \"local\"}}}");
        List<SkillLocks.Restored> r = locks.restore(dir, List.of());
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.ok()).isFalse();
            assertThat(x.outcome()).contains("not a skill name");
        });
        // a copy edited after a restore is left as it is, and named
        Path src = Files.createDirectories(dir.resolve("src/s"));
        Files.writeString(src.resolve("SKILL.md"), "---\nname: s\ndescription: S.\n---\n");
        Files.writeString(src.resolve("metadata.json"), "{}");
        Path p = Files.createDirectories(dir.resolve("p"));
        Files.writeString(p.resolve("skills-lock.json"), "{\"version\": 1, \"skills\": {\"s\": {\"source\": \"../src/s\","
                + " \"sourceType\": \"local\", \"computedHash\": \"" + FolderHash.of(src) + "\"}}}\n");
        assertThat(locks.restore(p, List.of())).singleElement().satisfies(x -> assertThat(x.outcome()).isEqualTo("restored"));
        assertThat(p.resolve(".agents/skills/s/metadata.json")).as("not copied, as the CLI does not").doesNotExist();
        assertThat(locks.restore(p, List.of())).singleElement().satisfies(x -> assertThat(x.outcome()).isEqualTo("already there"));
        Files.writeString(p.resolve(".agents/skills/s/SKILL.md"), "mine");
        assertThat(locks.restore(p, List.of())).singleElement().satisfies(x -> {
            assertThat(x.ok()).isFalse();
            assertThat(x.outcome()).contains("left as it is", "--force");
        });
        assertThat(p.resolve(".agents/skills/s/SKILL.md")).hasContent("mine");
        assertThat(locks.restore(p, List.of(), true)).singleElement().satisfies(x -> assertThat(x.ok()).isTrue());
        assertThat(SkillLocks.relative(dir.resolve("p"), dir.resolve("src/s"))).isEqualTo("../src/s");
        assertThat(SkillLocks.relative(dir.resolve("p"), dir.resolve("p/vendor/s"))).isEqualTo("./vendor/s");
    }
}
