package dev.skilldesk.library;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.TestSkills;
import dev.skilldesk.parse.QuickFixes;
import dev.skilldesk.parse.Rules;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.ActiveSkill;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Severity;
import dev.skilldesk.skill.SkillQuery;
import dev.skilldesk.skill.ValidationIssue;
import dev.skilldesk.skill.ValidationResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Imports that let the author fix: a SKILL.md that can be read is stored even when it breaks rules, with every
 * finding at once, marked as needing fixes; what leaves for agents (installs, profiles, publish) refuses it, naming
 * its findings; a quick fix makes it pass. Only what cannot be read, or has no name, is refused at the door.
 */
class NeedsFixesTest {
    private static final Principal ME = new Principal("me", "default");

    /** The two shapes the author met: a ": " inside a plain value, and a name in capitals with an underscore. */
    static final String COLON = "---\nname: release-notes\ndescription: Use when: the user asks for release notes from"
            + " a changelog\n---\n\n# Release notes\n\nRead CHANGELOG.md and write the notes.\n";
    static final String CAPITALS = "---\nname: PDF_Merger\ndescription: Merges PDF files into one document. Use when the"
            + " user asks to combine PDFs.\n---\n\n# Merge\n\nRun scripts/merge.py.\n";

    @TempDir
    Path dir;
    SkillDeskCore core;

    @BeforeEach
    void open() {
        core = SkillDeskCore.open(dir.resolve("lib"), ME, Map.of());
    }

    @AfterEach
    void close() {
        core.close();
    }

    private Path twoFixableSkills() throws Exception {
        Path tree = dir.resolve("incoming");
        Files.createDirectories(tree.resolve("release-notes"));
        Files.writeString(tree.resolve("release-notes/SKILL.md"), COLON);
        Files.createDirectories(tree.resolve("PDF_Merger"));
        Files.writeString(tree.resolve("PDF_Merger/SKILL.md"), CAPITALS);
        return tree;
    }

    @Test
    void bothAreStoredAsNeedingFixesWithEveryFindingAtOnce() throws Exception {
        ImportReport r = core.importer().importPath(ME, twoFixableSkills(), ImportOptions.defaults());
        assertThat(r.refused()).isEmpty();
        assertThat(r.needingFixes()).extracting(ImportReport.Entry::name)
                .containsExactlyInAnyOrder("release-notes", "pdf-merger");
        ImportReport.Entry colon = r.entries().stream().filter(e -> "release-notes".equals(e.name())).findFirst().orElseThrow();
        assertThat(colon.issues()).anySatisfy(i -> {
            assertThat(i.ruleId()).isEqualTo(Rules.FRONTMATTER_NEEDS_QUOTES);
            assertThat(i.line()).isEqualTo(3);
        });
        ImportReport.Entry caps = r.entries().stream().filter(e -> "pdf-merger".equals(e.name())).findFirst().orElseThrow();
        assertThat(caps.issues()).extracting(ValidationIssue::ruleId).contains(Rules.NAME_FORMAT);
        assertThat(r.summary()).contains("2 created").contains("2 need fixes");

        // the Library's filter and the list for agents
        assertThat(core.library().list(ME, SkillQuery.all().needingFixes())).extracting(s -> s.name())
                .containsExactlyInAnyOrder("release-notes", "pdf-merger");
        assertThat(core.library().list(ME, SkillQuery.all().passingOnly())).extracting(s -> s.name())
                .doesNotContain("release-notes", "pdf-merger");
        // the description was read as if quoted, so the catalogue is right while the file is not
        assertThat(core.library().find("default", "release-notes").orElseThrow().description())
                .isEqualTo("Use when: the user asks for release notes from a changelog");
    }

    @Test
    void aQuickFixMakesOnePassAndInstallRefusesTheOtherNamingItsFinding() throws Exception {
        core.importer().importPath(ME, twoFixableSkills(), ImportOptions.defaults());
        ActiveSkill notes = core.library().get(ME, "default", "release-notes").orElseThrow();
        ValidationResult found = core.library().findings(notes);
        ValidationIssue first = found.errors().get(0);
        String fixed = QuickFixes.forIssue(notes.version().content(), first, "release-notes").orElseThrow().content();
        SaveOutcome saved = core.library().save(ME, new SkillDraft("editor", "release-notes", fixed, List.of()),
                SaveOptions.defaults("default").withNote("quick fix"));
        assertThat(saved.status()).isEqualTo(SaveOutcome.Status.NEW_VERSION);
        assertThat(saved.skill().needsFixes()).isFalse();
        assertThat(core.library().list(ME, SkillQuery.all().passingOnly())).extracting(s -> s.name()).contains("release-notes");

        Path agentFolder = dir.resolve("agent/skills");
        core.installs().install(ME, "default", "release-notes", 0, agentFolder);
        assertThat(agentFolder.resolve("release-notes/SKILL.md")).exists();
        assertThatThrownBy(() -> core.installs().install(ME, "default", "pdf-merger", 0, agentFolder))
                .isInstanceOf(SkillNeedsFixesException.class)
                .hasMessageContaining("'default/pdf-merger' needs fixes")
                .hasMessageContaining("[" + Rules.NAME_FORMAT + "]");
        assertThat(agentFolder.resolve("pdf-merger")).doesNotExist();

        // the name's quick fix gives the name it is stored under: the fixed file is the same skill, now passing
        ActiveSkill merger = core.library().get(ME, "default", "pdf-merger").orElseThrow();
        ValidationIssue name = core.library().findings(merger).errors().stream()
                .filter(i -> i.ruleId().equals(Rules.NAME_FORMAT)).findFirst().orElseThrow();
        String renamed = QuickFixes.forIssue(merger.version().content(), name, null).orElseThrow().content();
        SaveOutcome again = core.library().save(ME, new SkillDraft("editor", "pdf-merger", renamed, List.of()),
                SaveOptions.defaults("default"));
        assertThat(again.status()).isEqualTo(SaveOutcome.Status.NEW_VERSION);
        assertThat(again.skill().name()).isEqualTo("pdf-merger");
        assertThat(again.skill().needsFixes()).isFalse();
    }

    @Test
    void aProfileAppliesThePassingSkillsAndSaysWhichNeedFixes() throws Exception {
        core.importer().importPath(ME, twoFixableSkills(), ImportOptions.defaults());
        TestSkills.writeSkill(dir.resolve("more"), "good-skill", "Does a good thing. Use when a good thing is asked for.", "b");
        core.importer().importPath(ME, dir.resolve("more"), ImportOptions.defaults());
        core.profiles().create(ME, "work");
        core.profiles().add(ME, "work", List.of("good-skill", "pdf-merger"));
        Path project = Files.createDirectories(dir.resolve("project"));
        List<Profiles.Step> steps = core.profiles().apply(ME, "work", project,
                List.of(AgentTargets.byId("claude-code")), Map.of("HOME", dir.toString()), false);
        assertThat(steps).anySatisfy(s -> {
            assertThat(s.skill()).isEqualTo("default/pdf-merger");
            assertThat(s.outcome()).startsWith("not installed").contains("needs fixes").contains(Rules.NAME_FORMAT);
        });
        assertThat(steps).anySatisfy(s -> assertThat(s.outcome()).startsWith("installed v1"));
    }

    @Test
    void whatCannotBeReadOrHasNoNameIsStillRefusedAtTheDoor() {
        for (String unreadable : List.of("no frontmatter at all\n", "---\nname: x\ndescription: [unclosed\n---\nb\n",
                "---\ndescription: no name here\n---\nb\n", "---\nname: ___\ndescription: only underscores\n---\nb\n",
                "---\nname: nul\ndescription: a device\n---\nb\n")) {
            SaveOutcome o = core.library().save(ME, new SkillDraft("t", "x", unreadable, List.of()), SaveOptions.defaults("default"));
            assertThat(o.status()).as(unreadable).isEqualTo(SaveOutcome.Status.REJECTED);
            assertThat(o.reason()).as(unreadable).containsPattern("\\[[a-z]+\\.[a-z-]+\\]");
        }
    }

    @Test
    void versionsStoredBeforeTheRulesChangedAreCheckedWhenTheLibraryOpens() throws Exception {
        String tooLong = TestSkills.skillMd("wordy", "Use when words are needed. " + "x".repeat(1100), "b");
        core.library().save(ME, new SkillDraft("t", "wordy", tooLong, List.of()), SaveOptions.defaults("default"));
        assertThat(core.library().find("default", "wordy").orElseThrow().needsFixes()).isTrue();
        core.close();
        // as a library written by an older SkillDesk: nothing counted
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("lib/skilldesk.db"));
             var st = c.createStatement()) {
            st.executeUpdate("UPDATE skill_versions SET errors = NULL, warnings = NULL, rules_revision = NULL");
            st.executeUpdate("UPDATE skills SET errors = NULL");
        }
        core = SkillDeskCore.open(dir.resolve("lib"), ME, Map.of());
        var wordy = core.library().find("default", "wordy").orElseThrow();
        assertThat(wordy.errors()).isEqualTo(1);
        assertThat(core.library().versionOf(wordy.id(), 1).orElseThrow().checked().errors()).isEqualTo(1);
    }

    @Test
    void descriptionQualityIsAWarningThatPointsToTheTriggerLab() {
        for (String d : List.of("Commit messages", "Writes commit messages from the staged diff with a summary line")) {
            ValidationResult r = core.library().validator().check(TestSkills.skillMd("commit-writer", d, "b"), List.of(),
                    "commit-writer");
            assertThat(r.hasErrors()).as(d).isFalse();
            assertThat(r.warnings()).as(d).anySatisfy(w -> {
                assertThat(w.ruleId()).isIn(Rules.DESCRIPTION_TOO_SHORT, Rules.DESCRIPTION_NO_TRIGGER);
                assertThat(w.message()).contains("Trigger lab");
            });
        }
        ValidationResult leftover = core.library().validator().check(TestSkills.skillMd("x-skill",
                "Does x. Use when x is asked for.", "# X\n\n1. The first step.\n"), List.of(), "x-skill");
        assertThat(leftover.warnings()).anySatisfy(w -> {
            assertThat(w.ruleId()).isEqualTo(Rules.CONTENT_TEMPLATE_LEFTOVER);
            assertThat(w.line()).isEqualTo(8);
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
        });
    }
}
