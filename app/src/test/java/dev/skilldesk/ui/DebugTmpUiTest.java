package dev.skilldesk.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.file.Path;

class DebugTmpUiTest extends FxRobot {
    @TempDir
    Path dir;

    @Test
    void debug() throws Exception {
        FxToolkit.registerPrimaryStage();
        SkillDeskApp app = (SkillDeskApp) FxToolkit.setupApplication(SkillDeskApp.class, "--data-dir", dir.resolve("lib").toString());
        var w = app.window();
        UiTests.waitUntil(() -> w.libraryViewModel().rows().size() >= 5, 60);
        Thread.sleep(2000);
        clickOn("#importButton");
        Thread.sleep(1500);
        for (javafx.stage.Window win : javafx.stage.Window.getWindows()) {
            System.out.println("WINDOW " + win + " " + (win.getScene() == null ? "" : win.getScene().getRoot()));
            if (win.getScene() != null) {
                win.getScene().getRoot().lookupAll(".label").forEach(n -> System.out.println("  LABEL " + ((javafx.scene.control.Labeled) n).getText()));
                win.getScene().getRoot().lookupAll(".dialog-pane").forEach(n -> System.out.println("  DIALOG " + ((javafx.scene.control.DialogPane) n).getHeaderText() + " / " + ((javafx.scene.control.DialogPane) n).getContentText()));
            }
        }
        FxToolkit.cleanupApplication(app);
    }
}
