package dev.skilldesk.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A profile applied to a project for two agents, changed, and applied again: the project follows it. */
class ProfileCliTest {
    @TempDir
    Path dir;
    CliRunner cli;
    Path project;

    @BeforeEach
    void library() throws Exception {
        cli = new CliRunner(dir.resolve("lib"));
        cli.env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        for (String n : new String[] {"alpha-skill", "beta-skill", "gamma-skill"}) {
            importSkill(n, "First text.");
        }
        project = Files.createDirectories(dir.resolve("project"));
    }

    private void importSkill(String name, String body) throws Exception {
        Path f = dir.resolve("in-" + System.nanoTime()).resolve(name);
        Files.createDirectories(f);
        Files.writeString(f.resolve("SKILL.md"), "---\nname: " + name + "\ndescription: Does " + name
                + " things when asked.\n---\n# " + name + "\n" + body + "\n");
        assertThat(cli.run("import", f.toString()).code()).isZero();
    }

    private Path in(String agentFolder, String skill) {
        return project.resolve(agentFolder).resolve(skill);
    }

    @Test
    void applyingAgainAddsUpdatesAndRemovesOnlyWhatSkillDeskWrote() throws Exception {
        assertThat(cli.run("profile", "create", "python-backend").code()).isZero();
        assertThat(cli.run("profile", "add", "python-backend", "alpha-skill", "beta-skill").out())
                .contains("default/alpha-skill", "default/beta-skill");
        CliRunner.Result first = cli.run("profile", "apply", "python-backend", "--project", project.toString(),
                "--agent", "claude-code", "--agent", "codex", "--agent", "gemini-cli");
        assertThat(first.code()).as(first.out() + first.err()).isZero();
        for (String f : new String[] {".claude/skills", ".agents/skills"}) {
            assertThat(in(f, "alpha-skill").resolve("SKILL.md")).isRegularFile();
            assertThat(in(f, "beta-skill").resolve("SKILL.md")).isRegularFile();
        }
        assertThat(first.out()).contains("codex, gemini-cli"); // one copy for the agents that share .agents/skills
        // a folder nobody installed stays whatever happens
        Files.createDirectories(in(".claude/skills", "my-own").resolve("x"));

        // the profile changes and a skill moves on
        cli.run("profile", "remove", "python-backend", "beta-skill");
        cli.run("profile", "add", "python-backend", "gamma-skill");
        importSkill("alpha-skill", "Second text.");
        CliRunner.Result again = cli.run("profile", "apply", "python-backend", "--project", project.toString(),
                "--agent", "claude-code", "--agent", "codex", "--agent", "gemini-cli");
        assertThat(again.code()).as(again.out()).isZero();
        assertThat(again.out()).contains("updated to v2", "installed v1", "removed");
        for (String f : new String[] {".claude/skills", ".agents/skills"}) {
            assertThat(Files.readString(in(f, "alpha-skill").resolve("SKILL.md"))).contains("Second text.");
            assertThat(in(f, "gamma-skill").resolve("SKILL.md")).isRegularFile();
            assertThat(in(f, "beta-skill")).doesNotExist();
        }
        assertThat(in(".claude/skills", "my-own")).isDirectory();

        // a copy edited on disk is not removed, and the apply says so (exit 3)
        Path edited = in(".claude/skills", "gamma-skill").resolve("SKILL.md");
        Files.writeString(edited, Files.readString(edited) + "\nMy note.\n");
        cli.run("profile", "remove", "python-backend", "gamma-skill");
        CliRunner.Result third = cli.run("profile", "apply", "python-backend", "--project", project.toString(),
                "--agent", "claude-code", "--agent", "codex");
        assertThat(third.code()).isEqualTo(3);
        assertThat(third.out()).contains("kept", "edited on disk");
        assertThat(edited).isRegularFile();
        assertThat(in(".agents/skills", "gamma-skill")).doesNotExist();
        assertThat(cli.run("profile", "list").out()).contains("python-backend: default/alpha-skill");
    }
}
