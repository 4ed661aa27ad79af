package dev.skilldesk.ui;

import dev.skilldesk.ui.shell.DesktopRoot;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static dev.skilldesk.ui.UiTests.rowTexts;
import static dev.skilldesk.ui.UiTests.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the window was showing comes back at the next start: its size, the library's split, the skills that
 * were open, the selected tab and the selected skill (kept beside the library, not in it).
 */
class WindowStateUiTest extends FxRobot {
    @TempDir
    Path dir;

    @Test
    void theWindowComesBackAsItWasLeft() throws Exception {
        String lib = dir.resolve("lib").toString();
        FxToolkit.registerPrimaryStage();
        SkillDeskApp first = (SkillDeskApp) FxToolkit.setupApplication(SkillDeskApp.class, "--data-dir", lib);
        DesktopRoot w = first.window();
        waitUntil(() -> w.libraryViewModel().rows().size() >= 5, 60);
        var row = w.libraryViewModel().rows().get(1);
        String ref = row.skill().namespace() + "/" + row.skill().name();
        interact(() -> {
            Stage stage = (Stage) w.scene().getWindow();
            stage.setWidth(1100);
            stage.setHeight(700);
            w.openSkill(row.skill());
        });
        waitUntil(() -> w.openSkills().containsKey(ref), 20);
        // soft wrap switched off in the editor: it stays off next time
        javafx.scene.control.ToggleButton wrap = lookup("#editorWrap").query();
        interact(() -> wrap.setSelected(false));
        interact(() -> {
            w.show("library");
            javafx.scene.control.TableView<?> view = lookup("#libraryTable").query();
            view.getSelectionModel().select(1);
            w.rememberState();
        });
        double width = w.scene().getWidth();
        FxToolkit.cleanupApplication(first);
        FxToolkit.cleanupStages();

        FxToolkit.registerPrimaryStage();
        SkillDeskApp again = (SkillDeskApp) FxToolkit.setupApplication(SkillDeskApp.class, "--data-dir", lib);
        DesktopRoot w2 = again.window();
        waitUntil(() -> w2.openSkills().containsKey(ref), 60);
        assertThat(w2.scene().getWidth()).isEqualTo(width);
        waitUntil(() -> w2.window().front() == w2.window().feature("library"), 10);
        assertThat(lookup("#place-library").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();
        assertThat(w2.openSkills().get(ref).editorView().area().isWrapText()).as("soft wrap as it was left").isFalse();
        javafx.scene.control.TableView<?> view = lookup("#libraryTable").query();
        waitUntil(() -> view.getSelectionModel().getSelectedItem() != null, 10);
        var sel = (dev.skilldesk.library.LibraryOverview.Row) view.getSelectionModel().getSelectedItem();
        assertThat(sel.skill().namespace() + "/" + sel.skill().name()).isEqualTo(ref);
        FxToolkit.cleanupApplication(again);
        FxToolkit.cleanupStages();
    }


    @Test
    void theSkillInFrontComesBackOnItsTab() throws Exception {
        String lib = dir.resolve("lib").toString();
        FxToolkit.registerPrimaryStage();
        SkillDeskApp first = (SkillDeskApp) FxToolkit.setupApplication(SkillDeskApp.class, "--data-dir", lib);
        DesktopRoot w = first.window();
        waitUntil(() -> w.libraryViewModel().rows().size() >= 5, 60);
        var row = w.libraryViewModel().rows().get(2);
        String ref = row.skill().namespace() + "/" + row.skill().name();
        interact(() -> w.openSkill(row.skill()));
        waitUntil(() -> w.openSkills().containsKey(ref), 20);
        interact(() -> {
            w.openSkills().get(ref).showTab("tab-versions");
            w.rememberState();
        });
        FxToolkit.cleanupApplication(first);
        FxToolkit.cleanupStages();

        FxToolkit.registerPrimaryStage();
        SkillDeskApp again = (SkillDeskApp) FxToolkit.setupApplication(SkillDeskApp.class, "--data-dir", lib);
        DesktopRoot w2 = again.window();
        waitUntil(() -> w2.openSkills().containsKey(ref), 60);
        waitUntil(() -> w2.window().front() == w2.openSkills().get(ref), 10);
        assertThat(w2.openSkills().get(ref).shownTab()).as("its tab as it was left").isEqualTo("tab-versions");
        FxToolkit.cleanupApplication(again);
        FxToolkit.cleanupStages();
    }
}
