package dev.skilldesk.ui;

import dev.skilldesk.ui.editor.SkillDocuments;
import dev.skilldesk.ui.shell.DesktopRoot;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.TestCorpus;
import dev.skilldesk.library.LibraryOverview;
import dev.skilldesk.parse.Rules;
import dev.skilldesk.skill.Activation;
import dev.skilldesk.skill.Skill;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real app, headless (TestFX on Monocle): import the corpus, search and open a result, edit and
 * save, see a validation marker, roll back and undo, see an activation in analytics, switch theme.
 * Each main view is rendered to PNG on the way (see {@link Screenshots}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkbenchUiTest extends FxRobot {
    @TempDir
    static Path dir;
    SkillDeskApp app;
    DesktopRoot window;
    SkillDeskCore core;

    @BeforeAll
    void launch() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (SkillDeskApp) FxToolkit.setupApplication(SkillDeskApp.class, "--data-dir", dir.resolve("lib").toString());
        window = app.window();
        core = app.window().core();
        waitUntil(() -> core.searchStarted() && core.search().indexer().status().indexReady(), 60);
    }

    @AfterAll
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private static void waitUntil(Callable<Boolean> condition, int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private int tableRows() {
        return window.libraryViewModel().visibleRows().size();
    }

    @Test
    @Order(1)
    void opensOnTheStarterLibrary() throws Exception {
        waitUntil(() -> tableRows() == 5, 30);
        TableView<?> table = lookup("#libraryTable").queryTableView();
        assertThat(table.getItems()).hasSize(5);
    }

    @Test
    @Order(2)
    void importsTheCorpusThroughTheImportDialog() throws Exception {
        Path corpus = TestCorpus.root();
        clickOn("#importButton");
        clickOn("#importPath").write(corpus.toString());
        // Import is possible once the preview of what is typed is on screen
        waitUntil(() -> !lookup("#importOk").query().isDisabled(), 60);
        assertThat(lookup("#importSummary").queryLabeled().getText()).startsWith("155 skills found: 155 new");
        clickOn("#importOk");
        waitUntil(() -> tableRows() == 160, 120);
        core.search().indexer().awaitIdle(5, TimeUnit.MINUTES);
        interact(() -> window.libraryViewModel().reload());
        waitUntil(() -> window.libraryViewModel().rows().stream().allMatch(r -> r.indexState().equals("indexed")), 60);
        Screenshots.save(window.scene(), "library");
    }

    @Test
    @Order(3)
    void searchesAndOpensAResult() throws Exception {
        push(KeyCode.CONTROL, KeyCode.K);
        waitUntil(() -> lookup("#searchField").tryQuery().isPresent(), 10);
        for (String q : new String[] {"fix a failing test", "protein structure", "make a poster for my conference talk"}) {
            TextField field = lookup("#searchField").queryAs(TextField.class);
            int before = window.searchViewModel().history().size();
            interact(() -> field.setText(q));
            waitUntil(() -> window.searchViewModel().history().size() == before + 1, 30);
        }
        waitUntil(() -> window.searchViewModel().history().size() >= 3, 10);
        Screenshots.save(window.scene(), "search");
        String first = window.searchViewModel().results().get(0).skill().name();
        Node firstCell = lookup("#searchResults .list-cell").nth(0).query();
        doubleClickOn(firstCell, javafx.scene.input.MouseButton.PRIMARY);
        waitUntil(() -> window.openSkills().containsKey("default/" + first), 20);
        waitUntil(() -> window.openSkills().get("default/" + first).editor().versionProperty().get() == 1, 20);
    }

    private SkillDocuments.SkillDocument openTab() {
        return window.openSkills().values().stream().filter(t -> t.versions() != null).findFirst().orElseThrow();
    }

    @Test
    @Order(4)
    void editsAndSavesANewVersion() throws Exception {
        SkillDocuments.SkillDocument tab = openTab();
        clickOn(tab.editorView().area());
        push(KeyCode.CONTROL, KeyCode.END);
        write("\nA line added in the editor.\n");
        waitUntil(() -> tab.editor().dirtyProperty().get(), 10);
        push(KeyCode.CONTROL, KeyCode.S);
        waitUntil(() -> tab.editor().versionProperty().get() == 2 && !tab.editor().dirtyProperty().get(), 20);
        String name = tab.editor().skillNameProperty().get();
        assertThat(core.store().find("default", name).orElseThrow().versionCount()).isEqualTo(2);
    }

    @Test
    @Order(5)
    void showsTheValidationMarkerForABrokenName() throws Exception {
        SkillDocuments.SkillDocument tab = openTab();
        TextField name = lookup("#formName").queryAs(TextField.class);
        interact(() -> name.setText("Broken_Name"));
        waitUntil(() -> tab.editor().issues().stream().anyMatch(i -> i.ruleId().equals(Rules.NAME_FORMAT) && i.line() == 2), 10);
        assertThat(tab.editor().textProperty().get()).contains("name: Broken_Name");
        Screenshots.save(window.scene(), "editor");
        interact(() -> tab.editor().revert());
        waitUntil(() -> !tab.editor().dirtyProperty().get(), 10);
    }

    @Test
    @Order(6)
    void rollsBackAndUndoes() throws Exception {
        SkillDocuments.SkillDocument tab = openTab();
        String name = tab.editor().skillNameProperty().get();
        selectInner(tab, "Versions");
        waitUntil(() -> tab.versions().versions().size() == 2, 10);
        TableView<?> versions = lookup("#versionsTable").queryTableView();
        interact(() -> versions.getSelectionModel().select(0));
        waitUntil(() -> !tab.versions().sideBySideRows().isEmpty(), 10);
        Screenshots.save(window.scene(), "versions");
        clickOn("#activateVersion");
        waitUntil(() -> core.store().find("default", name).orElseThrow().activeVersion() == 1, 10);
        clickOn("#undoActivate");
        waitUntil(() -> core.store().find("default", name).orElseThrow().activeVersion() == 2, 10);
        selectInner(tab, "Layers");
        // what the Layers tab shows, built when first chosen: each layer's text and its token count
        javafx.scene.Node layersView = ((javafx.scene.control.TabPane) tab.view()).getTabs().stream()
                .filter(t -> t.getText().equals("Layers")).findFirst().orElseThrow().getContent();
        waitUntil(() -> from(layersView).lookup(".text-area").queryAllAs(javafx.scene.control.TextArea.class).stream()
                .filter(javafx.scene.Node::isVisible).anyMatch(a -> a.getText().contains(name)), 10);
        javafx.scene.control.TabPane layerTabs = from(layersView).lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class);
        assertThat(layerTabs.getTabs()).extracting(javafx.scene.control.Tab::getText).allMatch(t -> t.contains("tokens"));
        Screenshots.save(window.scene(), "layers");
        selectInner(tab, "Trigger lab");
        clickOn("#triggerRequest").write("make a poster for my conference talk");
        clickOn("#triggerAdd");
        waitUntil(() -> tab.triggers().results().size() == 1, 30);
        interact(() -> tab.triggers().add("turn my thesis chapter into slides", dev.skilldesk.skill.Trigger.Expectation.FIND));
        interact(() -> tab.triggers().add("cluster my single-cell RNA-seq data", dev.skilldesk.skill.Trigger.Expectation.AVOID));
        waitUntil(() -> tab.triggers().results().size() == 3, 30);
        Screenshots.save(window.scene(), "trigger-lab");
    }

    /**
     * Selects a skill's inner tab by its title. Not clickOn("Versions"): a query by text reads every node's text off
     * the FX thread, a TextArea being edited included, and once in a while that read fails inside JavaFX.
     */
    private void selectInner(SkillDocuments.SkillDocument tab, String title) {
        javafx.scene.control.TabPane inner = (javafx.scene.control.TabPane) tab.view();
        interact(() -> inner.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> inner.getSelectionModel().select(t)));
    }

    @Test
    @Order(7)
    void anActivationAppearsInAnalytics() throws Exception {
        Skill skill = core.store().find("default", openTab().editor().skillNameProperty().get()).orElseThrow();
        Instant now = Instant.now();
        for (int day = 0; day < 14; day++) {
            for (int i = 0; i <= (day * 7) % 5; i++) {
                for (LibraryOverview.Row r : window.libraryViewModel().rows().subList(0, 6)) {
                    core.activations().log(new Activation(r.skill().id(), 1, i % 2 == 0 ? "claude-code" : "mcp-agent", "default",
                            "test", 1 + (i + day) % 3, 120 + i * 40, now.minus(day, ChronoUnit.DAYS), 3, (i + day) % 7 != 0, null));
                }
            }
        }
        core.activations().log(new Activation(skill.id(), 2, "claude-code", "default", "test", 2, 400, now, 5, true, null));
        clickOn("#place-analytics");
        waitUntil(() -> window.analyticsViewModel().summaryProperty().get() != null
                && window.analyticsViewModel().summaryProperty().get().topSkills().stream()
                .anyMatch(c -> c.name().equals(skill.name())), 20);
        Screenshots.save(window.scene(), "analytics");
    }

    @Test
    @Order(8)
    void showsAnInstalledCopyThatWasEditedOnDisk() throws Exception {
        // a skill that passes the library's rules (one that needs fixes is not installed: NeedsFixesTest)
        String open = openTab().editor().skillNameProperty().get();
        dev.skilldesk.skill.Skill skill = core.library().find("default", open).filter(k -> !k.needsFixes())
                .orElseGet(() -> core.library().list(core.author(), dev.skilldesk.skill.SkillQuery.all().passingOnly()).get(0));
        String name = skill.name();
        Path project = dir.resolve("project/.claude/skills");
        core.installs().install(core.author(), skill.namespace(), name, 0, project);
        java.nio.file.Files.writeString(project.resolve(name).resolve("SKILL.md"), "\nEdited in the agent folder.\n",
                java.nio.file.StandardOpenOption.APPEND);
        clickOn("#place-installs");
        waitUntil(() -> lookup("#installsTable").queryTableView().getItems().size() == 1, 20);
        TableView<?> installs = lookup("#installsTable").queryTableView();
        assertThat(((dev.skilldesk.library.Installs.Status) installs.getItems().get(0)).state())
                .isEqualTo(dev.skilldesk.library.Installs.State.EDITED_ON_DISK);
        Screenshots.save(window.scene(), "installs");
    }

    @Test
    @Order(9)
    void switchesTheTheme() throws Exception {
        clickOn("#place-settings");
        Screenshots.save(window.scene(), "settings");
        assertThat(Application.getUserAgentStylesheet()).containsIgnoringCase("primer-light");
        clickOn("#themeToggle");
        waitUntil(() -> Application.getUserAgentStylesheet().toLowerCase().contains("primer-dark"), 10);
        clickOn("#place-search");
        Screenshots.save(window.scene(), "search-dark");
        clickOn("#themeToggle");
        waitUntil(() -> Application.getUserAgentStylesheet().toLowerCase().contains("primer-light"), 10);
        Node root = window.scene().getRoot();
        assertThat(root).isNotNull();
    }
}
