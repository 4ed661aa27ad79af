package dev.skilldesk.library;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.TestSkills;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillInstall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Installing into agent folders, noticing drift, and reconciling it in either direction. */
class InstallsTest {
    private static final Principal AUTHOR = new Principal("author", "default");

    @TempDir
    Path dir;
    SkillDeskCore core;
    Installs installs;
    Path agentFolder;
    Path src;

    @BeforeEach
    void setUp() throws IOException {
        core = SkillDeskCore.open(dir.resolve("lib"), AUTHOR, Map.of());
        installs = core.installs();
        agentFolder = dir.resolve("home/.claude/skills");
        src = dir.resolve("src");
        Path skill = TestSkills.writeSkill(src, "csv-cleaner", "Clean CSV files.", "## Core Instructions\nStrip blanks.");
        Files.createDirectories(skill.resolve("scripts"));
        Files.write(skill.resolve("scripts/clean.py"), new byte[] {'p', 'y', 0, 1, 2});
        importSrc();
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    @Test
    void installWritesTheExactFilesAndRecordsWhereAndTheHash() throws IOException {
        SkillInstall i = installs.install(AUTHOR, "default", "csv-cleaner", 0, agentFolder);
        Path copy = agentFolder.resolve("csv-cleaner");
        assertThat(i.folder()).isEqualTo(copy.toAbsolutePath());
        assertThat(i.version()).isEqualTo(1);
        assertThat(Files.readAllBytes(copy.resolve("SKILL.md")))
                .isEqualTo(Files.readAllBytes(src.resolve("csv-cleaner/SKILL.md")));
        assertThat(Files.readAllBytes(copy.resolve("scripts/clean.py"))).containsExactly('p', 'y', 0, 1, 2);
        assertThat(i.contentHash()).isEqualTo(core.library().get(AUTHOR, "default", "csv-cleaner").orElseThrow()
                .version().contentHash());
        assertThat(agentFolder).isDirectoryNotContaining("glob:**/.skilldesk-install-*");
        assertThat(only().state()).isEqualTo(Installs.State.IN_SYNC);
    }

    @Test
    void editsOnDiskAreSeenAndImportedAsANewVersion() throws IOException {
        installs.install(AUTHOR, "default", "csv-cleaner", 0, agentFolder);
        Path md = agentFolder.resolve("csv-cleaner/SKILL.md");
        Files.writeString(md, Files.readString(md).replace("Strip blanks.", "Strip blanks and dupes."));

        Installs.Status s = only();
        assertThat(s.state()).isEqualTo(Installs.State.EDITED_ON_DISK);
        assertThat(s.state().label()).isEqualTo("edited-on-disk");

        SaveOutcome o = installs.importEdits(AUTHOR, s.install());
        assertThat(o.status()).isEqualTo(SaveOutcome.Status.NEW_VERSION);
        assertThat(o.version().version()).isEqualTo(2);
        assertThat(core.library().get(AUTHOR, "default", "csv-cleaner").orElseThrow().version().coreInstructions())
                .contains("dupes");
        assertThat(only().state()).isEqualTo(Installs.State.IN_SYNC);
        assertThat(only().install().version()).isEqualTo(2);
    }

    @Test
    void aNewFileOrADeletedFileIsAnEditToo() throws IOException {
        installs.install(AUTHOR, "default", "csv-cleaner", 0, agentFolder);
        Path copy = agentFolder.resolve("csv-cleaner");
        Files.writeString(copy.resolve("references.md"), "more\n");
        assertThat(only().state()).isEqualTo(Installs.State.EDITED_ON_DISK);
        Files.delete(copy.resolve("references.md"));
        assertThat(only().state()).isEqualTo(Installs.State.IN_SYNC);
        Files.delete(copy.resolve("scripts/clean.py"));
        assertThat(only().state()).isEqualTo(Installs.State.EDITED_ON_DISK);
    }

    @Test
    void aNewerLibraryVersionIsSeenAndTheCopyUpdated() throws IOException {
        installs.install(AUTHOR, "default", "csv-cleaner", 0, agentFolder);
        TestSkills.writeSkill(src, "csv-cleaner", "Clean CSV files.", "## Core Instructions\nv2 text.");
        importSrc();

        Installs.Status s = only();
        assertThat(s.state()).isEqualTo(Installs.State.LIBRARY_NEWER);
        assertThat(s.activeVersion()).isEqualTo(2);

        SkillInstall updated = installs.updateCopy(AUTHOR, s.install(), 0, false);
        assertThat(updated.version()).isEqualTo(2);
        assertThat(Files.readString(agentFolder.resolve("csv-cleaner/SKILL.md"))).contains("v2 text.");
        assertThat(only().state()).isEqualTo(Installs.State.IN_SYNC);
    }

    @Test
    void editsAreNotOverwrittenUnlessAskedTo() throws IOException {
        installs.install(AUTHOR, "default", "csv-cleaner", 0, agentFolder);
        Path md = agentFolder.resolve("csv-cleaner/SKILL.md");
        Files.writeString(md, Files.readString(md) + "\nlocal note\n");
        TestSkills.writeSkill(src, "csv-cleaner", "Clean CSV files.", "## Core Instructions\nv2 text.");
        importSrc();

        Installs.Status s = only();
        assertThat(s.state()).as("edited wins over library-newer").isEqualTo(Installs.State.EDITED_ON_DISK);
        assertThat(s.detail()).contains("moved to v2");
        assertThatThrownBy(() -> installs.updateCopy(AUTHOR, s.install(), 0, false))
                .isInstanceOf(IOException.class).hasMessageContaining("--import-edits");
        assertThatThrownBy(() -> installs.install(AUTHOR, "default", "csv-cleaner", 0, agentFolder))
                .isInstanceOf(IOException.class).hasMessageContaining("edited on disk");
        assertThat(Files.readString(md)).contains("local note");

        installs.updateCopy(AUTHOR, s.install(), 0, true);
        assertThat(Files.readString(md)).doesNotContain("local note").contains("v2 text.");
    }

    @Test
    void aMissingCopyIsSeenAndCanBeWrittenAgain() throws IOException {
        installs.install(AUTHOR, "default", "csv-cleaner", 1, agentFolder);
        Importer.deleteTree(agentFolder.resolve("csv-cleaner"));
        Installs.Status s = only();
        assertThat(s.state()).isEqualTo(Installs.State.MISSING);
        installs.updateCopy(AUTHOR, s.install(), 0, false);
        assertThat(only().state()).isEqualTo(Installs.State.IN_SYNC);
        assertThat(installs.forget(agentFolder.resolve("csv-cleaner"))).isTrue();
        assertThat(installs.status(AUTHOR)).isEmpty();
    }

    @Test
    void aFolderSkillDeskDidNotWriteIsNeverOverwritten() throws IOException {
        Path foreign = agentFolder.resolve("csv-cleaner");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("SKILL.md"), "mine\n");
        assertThatThrownBy(() -> installs.install(AUTHOR, "default", "csv-cleaner", 0, agentFolder))
                .isInstanceOf(IOException.class).hasMessageContaining("was not installed by SkillDesk");
        assertThat(Files.readString(foreign.resolve("SKILL.md"))).isEqualTo("mine\n");
    }

    @Test
    void importingEditsIsForTheOwnerAndKeepsTheSkillsName() throws IOException {
        installs.install(AUTHOR, "default", "csv-cleaner", 0, agentFolder);
        Path md = agentFolder.resolve("csv-cleaner/SKILL.md");
        Files.writeString(md, Files.readString(md).replace("name: csv-cleaner", "name: tsv-cleaner"));
        assertThatThrownBy(() -> installs.importEdits(AUTHOR, only().install()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("now names 'tsv-cleaner'");

        core.library().setAccess(AUTHOR, "default", "csv-cleaner", AccessLevel.PUBLIC);
        Principal other = new Principal("someone-else", "default");
        assertThat(installs.status(other)).hasSize(1);
        assertThatThrownBy(() -> installs.importEdits(other, only().install()))
                .isInstanceOf(AccessDeniedException.class);
    }

    private Installs.Status only() {
        List<Installs.Status> all = installs.status(AUTHOR);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private void importSrc() {
        ImportReport r = core.importer().importPath(AUTHOR, src, ImportOptions.defaults());
        assertThat(r.refused()).isEmpty();
    }
}
