package dev.skilldesk.ui.viewmodels;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.TestSkills;
import dev.skilldesk.parse.Rules;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.ui.common.DialogService;
import dev.skilldesk.ui.common.DirectTaskExecutor;
import dev.skilldesk.ui.editor.SkillEditorViewModel;
import dev.skilldesk.ui.library.LibraryViewModel;
import dev.skilldesk.ui.versions.VersionsViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** View models are plain Java over the core: tested here without starting the JavaFX toolkit. */
class ViewModelsTest {
    @TempDir
    Path dir;
    SkillDeskCore core;
    final DirectTaskExecutor executor = new DirectTaskExecutor();
    final List<String> notes = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final DialogService dialogs = new DialogService() {
        @Override
        public void notify(String message) {
            notes.add(message);
        }

        @Override
        public void showError(String title, String message) {
            errors.add(title + ": " + message);
        }

        @Override
        public boolean confirm(String title, String message) {
            return true;
        }

        @Override
        public Optional<Path> askForFolder(String title) {
            return Optional.empty();
        }
    };

    @BeforeEach
    void open() throws Exception {
        core = SkillDeskCore.open(dir.resolve("lib"), new Principal("me", "default"), Map.of());
        TestSkills.writeSkill(dir.resolve("src"), "csv-cleaner", "Clean CSV files.", "## Core Instructions\nStrip.");
        TestSkills.writeSkill(dir.resolve("src"), "poster-maker", "Design posters.", "Steps.");
    }

    @AfterEach
    void close() {
        core.close();
    }

    /** The Library's services of an open core, as the window's composition root builds them. */
    static LibraryViewModel.Services services(SkillDeskCore core) {
        return new LibraryViewModel.Services(core.library(), core.importer(), core.exporter(), core.embedding(),
                core.author(), () -> null, core.activations(), core.installs(), core.sources());
    }

    @Test
    void libraryImportsFiltersScopesAndDeletes() {
        LibraryViewModel vm = new LibraryViewModel(services(core), executor, dialogs);
        vm.imports().importPath(dir.resolve("src"), null);
        assertThat(notes).anyMatch(n -> n.contains("2 created"));
        assertThat(vm.rows()).hasSize(2);
        vm.filterProperty().set("poster");
        assertThat(vm.visibleRows()).extracting(r -> r.skill().name()).containsExactly("poster-maker");
        vm.filterProperty().set("");
        vm.scopeProperty().set(new LibraryViewModel.Scope("other", null));
        assertThat(vm.visibleRows()).isEmpty();
        vm.scopeProperty().set(LibraryViewModel.Scope.ALL);
        vm.delete(List.of(vm.rows().get(0)), null);
        assertThat(vm.rows()).hasSize(1);
        vm.showDeletedProperty().set(true);
        assertThat(vm.rows()).hasSize(2);
        assertThat(errors).isEmpty();
    }

    @Test
    void editorKeepsFormAndTextInSyncValidatesAndSaves() {
        new LibraryViewModel(services(core), executor, dialogs).imports().importPath(dir.resolve("src"), null);
        SkillEditorViewModel vm = new SkillEditorViewModel(core.library(), core.author(), executor, dialogs, "default");
        vm.load("csv-cleaner", null);
        assertThat(vm.formNameProperty().get()).isEqualTo("csv-cleaner");
        assertThat(vm.dirtyProperty().get()).isFalse();

        vm.formDescriptionProperty().set("Clean CSV files: trim and dedupe.");
        // the value keeps the quotes it was written with
        assertThat(vm.textProperty().get()).contains("description: 'Clean CSV files: trim and dedupe.'");
        assertThat(vm.dirtyProperty().get()).isTrue();

        vm.textProperty().set(vm.textProperty().get().replace("name: csv-cleaner", "name: Bad_Name"));
        assertThat(vm.formNameProperty().get()).isEqualTo("Bad_Name");
        vm.validateNow();
        assertThat(vm.issues()).anyMatch(i -> i.ruleId().equals(Rules.NAME_FORMAT) && i.line() == 2);

        vm.formNameProperty().set("csv-cleaner");
        vm.save(null);
        assertThat(vm.versionProperty().get()).isEqualTo(2);
        assertThat(vm.dirtyProperty().get()).isFalse();
    }

    @Test
    void versionsDiffRollbackAndUndo() {
        new LibraryViewModel(services(core), executor, dialogs).imports().importPath(dir.resolve("src"), null);
        SkillEditorViewModel editor = new SkillEditorViewModel(core.library(), core.author(), executor, dialogs, "default");
        editor.load("csv-cleaner", null);
        editor.textProperty().set(editor.textProperty().get().replace("Strip.", "Strip and dedupe."));
        editor.save(null);
        VersionsViewModel vm = new VersionsViewModel(core.library(), core.author(), executor, dialogs, "default", "csv-cleaner");
        vm.reload();
        assertThat(vm.versions()).hasSize(2);
        assertThat(vm.layers()).hasSize(3);
        vm.diff(1, 2);
        assertThat(vm.unifiedDiffProperty().get()).contains("-Strip.", "+Strip and dedupe.");
        assertThat(vm.sideBySideRows()).anyMatch(r -> r.kind().equals("changed") && r.left().equals("Strip.")
                && r.right().equals("Strip and dedupe."));
        // the editor's unsaved text against a version, the changed words marked
        editor.textProperty().set(editor.textProperty().get().replace("Strip and dedupe.", "Strip, dedupe and sort."));
        vm.setUnsavedText(editor.textProperty()::get);
        vm.diff(2, VersionsViewModel.UNSAVED);
        assertThat(vm.unifiedDiffProperty().get()).contains("csv-cleaner (unsaved)", "+Strip, dedupe and sort.");
        var added = vm.diffRows().stream().filter(r -> r.kind() == dev.skilldesk.library.TextDiff.Kind.ADDED)
                .findFirst().orElseThrow();
        assertThat(added.changed()).isNotEmpty();
        vm.activate(1, null);
        assertThat(vm.activeProperty().get()).isEqualTo(1);
        assertThat(vm.undoVersionProperty().get()).isEqualTo(2);
        vm.undo(null);
        assertThat(vm.activeProperty().get()).isEqualTo(2);
    }
}
