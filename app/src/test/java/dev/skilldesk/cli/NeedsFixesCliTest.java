package dev.skilldesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.TestSkills;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI's side of imports that let the author fix, of the default access, and of errors that tell the truth: import
 * stores skills that break rules and exits 3 listing every finding; list --json says valid; install of one exits 3
 * naming it and goes on with the rest; a skill the acting agent may not see is said to exist, with how to share it; a
 * name in another namespace is suggested.
 */
class NeedsFixesCliTest {
    @TempDir
    Path dir;

    private Path fixable() throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("release-notes"));
        Files.writeString(src.resolve("release-notes/SKILL.md"), "---\nname: release-notes\ndescription: Use when: the"
                + " user asks for release notes\n---\n\n# Notes\n\nRead CHANGELOG.md.\n");
        Files.createDirectories(src.resolve("PDF_Merger"));
        Files.writeString(src.resolve("PDF_Merger/SKILL.md"), "---\nname: PDF_Merger\ndescription: Merges PDF files into"
                + " one document. Use when the user asks to combine PDFs.\n---\n\n# Merge\n");
        TestSkills.writeSkill(src, "good-one", "Does the good thing. Use when asked for the good thing.", "# Good");
        return src;
    }

    @Test
    void importStoresThemExitsThreeAndListsEveryFindingInstallRefusesThemAndGoesOn() throws Exception {
        CliRunner cli = new CliRunner(dir.resolve("lib"));
        CliRunner.Result r = cli.run("import", fixable().toString(), "--no-index");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(r.out()).contains("created   release-notes v1  NEEDS FIXES (1 error)")
                .contains("created   pdf-merger v1  NEEDS FIXES (1 error)")
                .containsPattern("release-notes/SKILL\\.md:3: error \\[frontmatter\\.needs-quotes\\]")
                .containsPattern("PDF_Merger/SKILL\\.md:2: error \\[name\\.format\\]")
                .contains("3 created", "2 need fixes");

        JsonNode list = new ObjectMapper().readTree(cli.run("list", "--json").out());
        java.util.Map<String, Boolean> valid = new java.util.HashMap<>();
        list.forEach(s -> valid.put(s.get("name").asText(), s.get("valid").asBoolean()));
        assertThat(valid).containsEntry("release-notes", false).containsEntry("pdf-merger", false)
                .containsEntry("good-one", true);
        assertThat(cli.run("list", "--needs-fixes").out()).contains("release-notes (needs fixes)")
                .doesNotContain("good-one");

        Path to = dir.resolve("agent");
        CliRunner.Result install = cli.run("install", "pdf-merger", "good-one", "--to", to.toString());
        assertThat(install.code()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(install.out()).contains("not installed default/pdf-merger: it needs fixes")
                .contains("[name.format]").contains("installed default/good-one v1");
        assertThat(to.resolve("good-one/SKILL.md")).exists();
        assertThat(to.resolve("pdf-merger")).doesNotExist();

        // the library's one check: validate (its default) finds the same
        CliRunner.Result validate = cli.run("validate", fixable().toString());
        assertThat(validate.out()).contains("[frontmatter.needs-quotes]", "[name.format]", "(claude-code)");
    }

    @Test
    void aSkillTheAgentMayNotSeeIsSaidToExistWithHowToShareItAndANameElsewhereIsSuggested() throws Exception {
        CliRunner cli = new CliRunner(dir.resolve("lib"));
        TestSkills.writeSkill(dir.resolve("a"), "commit-writer", "Writes commit messages from the staged diff. Use when"
                + " committing.", "# Commit");
        assertThat(cli.run("import", dir.resolve("a").toString(), "--no-index").code()).isZero();
        CliRunner.Result hidden = cli.run("log-activation", "commit-writer", "--agent", "claude-code");
        assertThat(hidden.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(hidden.err()).contains("no skill 'default/commit-writer'")
                .contains("'default/commit-writer' exists, but it is private to author")
                .contains("skilldesk share default/commit-writer claude-code")
                .contains("skilldesk access default/commit-writer team");

        TestSkills.writeSkill(dir.resolve("b"), "matplotlib", "Plots data with matplotlib. Use when a chart is asked for.",
                "# Plot");
        assertThat(cli.run("--namespace", "scientific-skills", "import", dir.resolve("b").toString(), "--no-index")
                .code()).isZero();
        CliRunner.Result elsewhere = cli.run("versions", "default/matplotlib");
        assertThat(elsewhere.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(elsewhere.err()).contains("did you mean 'scientific-skills/matplotlib'?");
    }

    @Test
    void theDefaultAccessIsASettingThatImportsFollow() throws Exception {
        CliRunner cli = new CliRunner(dir.resolve("lib"));
        assertThat(cli.run("config", "library.default-access").out()).contains("library.default-access = private");
        assertThat(cli.run("config", "library.default-access", "everyone").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("config", "library.default-access", "team").code()).isZero();
        TestSkills.writeSkill(dir.resolve("c"), "team-notes", "Keeps the team's notes. Use when notes are asked for.", "b");
        assertThat(cli.run("import", dir.resolve("c").toString(), "--no-index").code()).isZero();
        JsonNode list = new ObjectMapper().readTree(cli.run("list", "--json").out());
        java.util.List<String> access = new java.util.ArrayList<>();
        list.forEach(s -> {
            if (s.get("name").asText().equals("team-notes")) {
                access.add(s.get("accessLevel").asText());
            }
        });
        assertThat(access).containsExactly("TEAM");
    }
}
