package dev.skilldesk.ui;

import dev.skilldesk.ui.editor.SkillDocuments;
import dev.skilldesk.ui.shell.DesktopRoot;
import dev.skilldesk.TestSkills;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.control.TableRow;
import javafx.scene.control.TabPane;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static dev.skilldesk.ui.UiTests.cli;
import static dev.skilldesk.ui.UiTests.rowTexts;
import static dev.skilldesk.ui.UiTests.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window follows the library's change feed: a skill imported and an activation logged by the CLI in
 * another process show on screen (a Library row, the tree, the search view's persona filter, the Analytics
 * headline) within two seconds, with no restart and no Refresh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveChangesUiTest extends FxRobot {
    @TempDir
    static Path dir;
    SkillDeskApp app;
    DesktopRoot window;

    @BeforeAll
    void launch() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (SkillDeskApp) FxToolkit.setupApplication(SkillDeskApp.class, "--data-dir", dir.resolve("lib").toString());
        window = app.window();
        waitUntil(() -> window.searchReady() && visibleRowTexts().size() >= 5, 90);
        // the Search place's view is made the first time it is shown: its persona filter is read below
        interact(() -> window.show("search"));
        interact(() -> window.show("library"));
    }

    @AfterAll
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void aSkillImportedAndAnActivationLoggedByAnotherProcessShowWithinTwoSeconds() throws Exception {
        Path src = TestSkills.writeSkill(dir.resolve("src"), "okapi-census", "Count okapis in the rainforest reserve.",
                "## Core Instructions\nCount them.");
        cli(dir.resolve("lib"), "import", src.toString(), "--persona", "zoologist", "--no-index");
        long t0 = System.nanoTime();
        waitUntil(() -> visibleRowTexts().stream().anyMatch(t -> t.contains("okapi-census")), 10);
        long rowMs = ms(t0);
        waitUntil(() -> treeTexts().stream().anyMatch(t -> t.startsWith("zoologist")), 10);
        waitUntil(() -> personaChoices().contains("zoologist"), 10);
        long filtersMs = ms(t0);
        assertThat(rowMs).as("the row appears, ms").isLessThanOrEqualTo(2_000);
        assertThat(filtersMs).as("the tree and the persona filter offer the new persona, ms").isLessThanOrEqualTo(2_000);

        interact(() -> window.show("analytics"));
        waitUntil(() -> headline().startsWith("No activations"), 10);
        cli(dir.resolve("lib"), "log-activation", "okapi-census");
        t0 = System.nanoTime();
        waitUntil(() -> headline().startsWith("1 activation "), 10);
        assertThat(ms(t0)).as("the Analytics headline counts it, ms").isLessThanOrEqualTo(2_000);
        assertThat(headline()).contains("100.0% successful of 1 reported");
        Screenshots.save(window.scene(), "analytics-live");
    }

    @Test
    void embeddingPausesAndResumesFromTheStatusBar() throws Exception {
        waitUntil(() -> lookup("#embeddingToggle").tryQuery().isPresent(), 30);
        javafx.scene.control.Button toggle = lookup("#embeddingToggle").queryButton();
        waitUntil(() -> toggle.getText().equals("Pause embedding"), 10);
        clickOn(toggle);
        waitUntil(() -> toggle.getText().equals("Resume embedding"), 10);
        waitUntil(() -> app.window().core().search().indexer().status().paused(), 10);
        Path src = TestSkills.writeSkill(dir.resolve("src2"), "tapir-walker", "Walk the tapirs at dawn.", "b");
        cli(dir.resolve("lib"), "import", src.toString(), "--no-index");
        waitUntil(() -> lookup("#indexStatus").queryAs(Label.class).getText().contains("paused"), 10);
        clickOn(toggle);
        waitUntil(() -> toggle.getText().equals("Pause embedding"), 10);
        waitUntil(() -> app.window().core().search().indexer().status().pending() == 0, 60);
        waitUntil(() -> !lookup("#indexStatus").queryAs(Label.class).getText().contains("paused"), 10);
    }

    @Test
    void theEditorShowsWhatSaveStoresAndOpensAtLineOne() throws Exception {
        // Ctrl+N asks for the name first, checked as it is typed
        push(KeyCode.CONTROL, KeyCode.N);
        waitUntil(() -> lookup("#newSkillName").tryQuery().isPresent(), 10);
        clickOn("#newSkillName").write("Otter");
        waitUntil(() -> lookup("#newSkillProblem").queryLabeled().getText().contains("name.format"), 10);
        assertThat(lookup("#newSkillOk").query().isDisabled()).isTrue();
        interact(() -> lookup("#newSkillName").queryTextInputControl().setText("otter-spotter"));
        waitUntil(() -> !lookup("#newSkillOk").query().isDisabled(), 10);
        clickOn("#newSkillOk");
        // the template the new tab holds is on screen, and it is what Save stores
        waitUntil(() -> window.openSkills().values().stream().anyMatch(t -> t.versions() == null), 10);
        SkillDocuments.SkillDocument fresh = window.openSkills().values().stream().filter(t -> t.versions() == null)
                .findFirst().orElseThrow();
        org.fxmisc.richtext.CodeArea area = fresh.editorView().area();
        waitUntil(() -> !area.getText().isEmpty(), 10);
        assertThat(area.getText()).isEqualTo(fresh.editor().textProperty().get());
        assertThat(area.getParagraph(0).getText()).isEqualTo("---");
        assertThat(area.firstVisibleParToAllParIndex()).isZero();
        clickOn(area);
        push(KeyCode.CONTROL, KeyCode.S); // as an author saves: through the tab, which then becomes the skill's own
        waitUntil(() -> fresh.editor().versionProperty().get() == 1, 20);
        String name = fresh.editor().skillNameProperty().get();
        assertThat(name).isEqualTo("otter-spotter");
        assertThat(area.getParagraph(1).getText()).isEqualTo("name: otter-spotter");
        assertThat(app.window().core().library().version(app.window().core().author(), app.window().core().author().namespace(), name, 1)
                .orElseThrow().content()).isEqualTo(area.getText());
        // after the first save the tab is the skill's own: Versions, Layers and Trigger lab are there
        waitUntil(() -> window.openSkills().containsKey(app.window().core().author().namespace() + "/otter-spotter")
                && window.openSkills().get(app.window().core().author().namespace() + "/otter-spotter").versions() != null, 10);
        javafx.scene.control.TabPane inner = (javafx.scene.control.TabPane) window.openSkills()
                .get(app.window().core().author().namespace() + "/otter-spotter").view();
        assertThat(inner.getTabs()).extracting(javafx.scene.control.Tab::getText)
                .containsExactly("Edit", "Versions", "Layers", "Trigger lab");

        // an existing skill longer than the screen opens with its frontmatter in view
        Path src = TestSkills.writeSkill(dir.resolve("src3"), "long-one", "A long skill.",
                "## Core Instructions\n" + "A line of the body.\n".repeat(300));
        cli(dir.resolve("lib"), "import", src.toString(), "--no-index");
        waitUntil(() -> visibleRowTexts().stream().anyMatch(t -> t.contains("long-one")), 10);
        interact(() -> window.openSkill(app.window().core().library().get(app.window().core().author(), app.window().core().author().namespace(),
                "long-one").orElseThrow().skill()));
        waitUntil(() -> window.openSkills().containsKey(app.window().core().author().namespace() + "/long-one"), 10);
        SkillDocuments.SkillDocument opened = window.openSkills().get(app.window().core().author().namespace() + "/long-one");
        waitUntil(() -> opened.editorView().area().getText().contains("A line of the body."), 10);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(opened.editorView().area().firstVisibleParToAllParIndex()).as("the first visible line is line 1")
                .isZero();
        Screenshots.save(window.scene(), "editor-opened-at-top");
    }

    private static long ms(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    /** The text of the Library table's rows that are on screen. */
    private List<String> visibleRowTexts() throws Exception {
        library();
        return rowTexts(lookup("#libraryTable").query());
    }

    /** Brings the Library to the front: what the tests read of it is what is on screen. */
    private void library() throws Exception {
        if (window.window().front() != window.window().feature("library")) {
            interact(() -> window.show("library"));
        }
    }

    private List<String> treeTexts() throws Exception {
        library();
        List<String> out = new ArrayList<>();
        TreeView<String> tree = lookup("#libraryTree").query();
        collect(tree.getRoot(), out);
        return out;
    }

    private static void collect(TreeItem<String> item, List<String> out) {
        if (item == null) {
            return;
        }
        out.add(item.getValue());
        item.getChildren().forEach(c -> collect(c, out));
    }

    @SuppressWarnings("unchecked")
    private List<String> personaChoices() throws Exception {
        if (window.window().front() != window.window().feature("search")) {
            interact(() -> window.show("search")); // the values the Search place's filter offers, on screen
        }
        return new ArrayList<>(((ComboBox<String>) lookup("#searchPersonaFilter").query()).getItems());
    }

    private String headline() {
        return lookup("#analyticsHeadline").queryAs(Label.class).getText();
    }


}
