package dev.skilldesk.ui;

import dev.skilldesk.ui.editor.SkillDocuments;
import dev.skilldesk.ui.shell.DesktopRoot;
import dev.skilldesk.TestCorpus;
import dev.skilldesk.library.TextDiff;
import dev.skilldesk.skill.SkillVersion;
import dev.skilldesk.ui.library.ImportViewModel;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static dev.skilldesk.ui.UiTests.truncated;
import static dev.skilldesk.ui.UiTests.cli;
import static dev.skilldesk.ui.UiTests.rowTexts;
import static dev.skilldesk.ui.UiTests.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new author's first hour, in one run, asserting what the screen shows: the visible text of the editor and
 * its first visible line, labels that are not cut to "…", the values the lists offer, the rows on screen.
 * First start; the corpus imported through the dialog with its top folders as namespaces after a checked
 * preview; a namespace browsed, the table filtered, a skill opened at line 1; a new skill named first, whose
 * visible text is what is stored; the frontmatter broken, its cause read and the quick fix applied; a save
 * with a note; the diff as hunks; a rollback and its undo; a search with a persona from the import; an
 * activation logged by the CLI in another process shown without Refresh; the window at 1024×640. A screenshot
 * at each step (target/screenshots, or docs/screenshots with -Dskilldesk.screenshots.dir).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorJourneyUiTest extends FxRobot {
    @TempDir
    static Path dir;
    SkillDeskApp app;
    DesktopRoot window;
    SkillDocuments.SkillDocument fresh;

    @BeforeAll
    void launch() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (SkillDeskApp) FxToolkit.setupApplication(SkillDeskApp.class, "--data-dir", dir.resolve("lib").toString());
        window = app.window();
        waitUntil(() -> visibleRows().size() >= 5 && window.searchReady(), 90);
    }

    @AfterAll
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    @Order(0)
    void theCutLabelCheckSeesACutLabel() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Parent> pane = new java.util.concurrent.atomic.AtomicReference<>();
        FxToolkit.setupFixture(() -> {
            Label cut = new Label("a label far too long for the forty pixels it is given");
            cut.setMaxWidth(40);
            javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(cut);
            new Scene(box, 60, 30);
            box.applyCss();
            box.layout();
            pane.set(box);
        });
        assertThat(truncated(pane.get())).hasSize(1);
    }

    @Test
    @Order(1)
    void firstStartSaysWhatToDo() throws Exception {
        waitUntil(() -> lookup("#welcomePanel").tryQuery().isPresent(), 10);
        assertThat(texts(lookup("#welcomePanel").queryAs(Parent.class))).anyMatch(t -> t.contains("Welcome to SkillDesk"));
        assertThat(truncated(window.scene().getRoot())).as("labels cut to …").isEmpty();
        shot("01-first-start");
    }

    @Test
    @Order(2)
    void importsTheCorpusWithItsFoldersAsNamespacesAfterThePreview() throws Exception {
        Path corpus = TestCorpus.root();
        clickOn("#importButton");
        clickOn("#importPath").write(corpus.toString());
        interact(() -> lookup("#importMapping").<ChoiceBox<ImportViewModel.Mapping>>query().setValue(ImportViewModel.Mapping.NAMESPACE));
        waitUntil(() -> !lookup("#importOk").query().isDisabled(), 60);
        TableView<?> preview = lookup("#importPreview").query();
        List<String> rows = rowTexts(preview);
        assertThat(rows).anyMatch(r -> r.startsWith("anthropics-skills/ anthropics-skills"))
                .anyMatch(r -> r.startsWith("scientific-skills/ scientific-skills"))
                .anyMatch(r -> r.startsWith("superpowers/ superpowers"));
        assertThat(lookup("#importSummary").queryLabeled().getText()).startsWith("155 skills found: 155 new");
        assertThat(truncated(preview.getScene().getRoot())).as("labels of the import dialog cut to …").isEmpty();
        shotOf(preview.getScene(), "02-import-preview");
        clickOn("#importOk");
        waitUntil(() -> window.libraryViewModel().rows().size() == 160, 120);
        waitUntil(() -> treeTexts().contains("scientific-skills (129)"), 10);
        assertThat(treeTexts()).contains("anthropics-skills (12)", "superpowers (14)");
    }

    @Test
    @Order(3)
    void browsesANamespaceFiltersAndOpensASkillAtLineOne() throws Exception {
        clickTree("anthropics-skills (12)");
        waitUntil(() -> visibleRows().stream().allMatch(r -> r.contains("algorithmic-art") || !r.contains("adaptyv")), 10);
        clickOn("#libraryFilter").write("canvas");
        waitUntil(() -> visibleRows().size() == 1 && visibleRows().get(0).startsWith("canvas-design"), 10);
        Node row = lookup("#libraryTable .table-row-cell").queryAll().stream()
                .filter(n -> ((TableRow<?>) n).getItem() != null && n.isVisible()).findFirst().orElseThrow();
        doubleClickOn(row, MouseButton.PRIMARY);
        String key = "anthropics-skills/canvas-design";
        waitUntil(() -> window.openSkills().containsKey(key)
                && window.openSkills().get(key).editorView().area().getText().length() > 100, 20);
        CodeArea area = window.openSkills().get(key).editorView().area();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(area.firstVisibleParToAllParIndex()).as("the first visible line is line 1").isZero();
        assertThat(visibleLines(area).get(0)).isEqualTo("---");
        shot("03-skill-opened");
    }

    @Test
    @Order(4)
    void aNewSkillIsNamedFirstAndItsVisibleTextIsWhatIsStored() throws Exception {
        push(KeyCode.CONTROL, KeyCode.N);
        waitUntil(() -> lookup("#newSkillName").tryQuery().isPresent(), 10);
        clickOn("#newSkillName").write("journey-notes");
        interact(() -> lookup("#newSkillNamespace").<ComboBox<String>>query().getEditor().setText("anthropics-skills"));
        waitUntil(() -> !lookup("#newSkillOk").query().isDisabled(), 10);
        clickOn("#newSkillOk");
        waitUntil(() -> window.openSkills().values().stream().anyMatch(t -> t.versions() == null), 10);
        fresh = window.openSkills().values().stream().filter(t -> t.versions() == null).findFirst().orElseThrow();
        CodeArea area = fresh.editorView().area();
        waitUntil(() -> !area.getText().isEmpty(), 10);
        String onScreen = String.join("\n", visibleLines(area));
        assertThat(onScreen).startsWith("---\nname: journey-notes\ndescription: ");
        clickOn(area);
        push(KeyCode.CONTROL, KeyCode.S);
        waitUntil(() -> window.openSkills().containsKey("anthropics-skills/journey-notes")
                && window.openSkills().get("anthropics-skills/journey-notes").versions() != null, 20);
        fresh = window.openSkills().get("anthropics-skills/journey-notes");
        String stored = app.window().core().library().version(app.window().core().author(), "anthropics-skills", "journey-notes", 1)
                .orElseThrow().content();
        assertThat(stored).isEqualTo(area.getText()).startsWith(onScreen);
        shot("04-new-skill");
    }

    @Test
    @Order(5)
    void aBrokenFrontmatterSaysItsCauseAndTheQuickFixMendsIt() throws Exception {
        CodeArea area = fresh.editorView().area();
        String good = area.getText();
        // the author deletes the closing fence
        interact(() -> {
            int at = good.indexOf("\n---\n", 3);
            area.replaceText(at + 1, at + 5, "");
        });
        waitUntil(() -> issueTexts().stream().anyMatch(t -> t.contains("frontmatter.unclosed")), 10);
        assertThat(issueTexts()).anyMatch(t -> t.contains("never closed by a '---' line"));
        WaitForAsyncUtils.waitForFxEvents(2);
        assertThat(area.lookupAll(".gutter-error")).as("a marker in the gutter of the finding's line").isNotEmpty();
        waitUntil(() -> lookup("#quickFix").query().isVisible(), 10);
        assertThat(lookup("#quickFix").queryButton().getText()).startsWith("Quick fix: Close the frontmatter after line");
        shot("05-broken-frontmatter");
        clickOn("#quickFix");
        waitUntil(() -> issueTexts().stream().noneMatch(t -> t.contains("frontmatter.unclosed")), 10);
        assertThat(area.getText()).isEqualTo(good);
    }

    @Test
    @Order(6)
    void savesWithANoteAndSeesTheDiffAsHunks() throws Exception {
        CodeArea area = fresh.editorView().area();
        clickOn(area);
        push(KeyCode.CONTROL, KeyCode.END);
        write("2. The second step.\n");
        clickOn("#versionNote").write("a second step");
        push(KeyCode.CONTROL, KeyCode.S);
        waitUntil(() -> fresh.editor().versionProperty().get() == 2, 20);
        SkillVersion v2 = app.window().core().library().version(app.window().core().author(), "anthropics-skills", "journey-notes", 2).orElseThrow();
        assertThat(v2.note()).isEqualTo("a second step");

        TabPane inner = (TabPane) fresh.view();
        interact(() -> inner.getSelectionModel().select(1)); // Versions
        waitUntil(() -> !fresh.versions().diffRows().isEmpty(), 10);
        List<String> diff = listTexts(lookup("#unifiedDiff").query());
        assertThat(diff).anyMatch(t -> t.contains("unchanged lines")).anyMatch(t -> t.contains("+") && t.contains("The second step."));
        assertThat(fresh.versions().diffRows()).extracting(TextDiff.Line::kind).contains(TextDiff.Kind.FOLD, TextDiff.Kind.ADDED);
        assertThat(rowTexts(lookup("#versionsTable").query())).anyMatch(r -> r.contains("a second step"));
        shot("06-versions-diff");
    }

    @Test
    @Order(7)
    void makesVersionOneActiveThenUndoesIt() throws Exception {
        TableView<SkillVersion> history = lookup("#versionsTable").query();
        interact(() -> history.getSelectionModel().select(0));
        clickOn("#activateVersion");
        waitUntil(() -> fresh.versions().activeProperty().get() == 1, 10);
        waitUntil(() -> !lookup("#undoActivate").query().isDisabled(), 10);
        clickOn("#undoActivate");
        waitUntil(() -> fresh.versions().activeProperty().get() == 2, 10);
    }

    @Test
    @Order(8)
    void searchesWithAPersonaFromTheImport() throws Exception {
        push(KeyCode.CONTROL, KeyCode.K);
        waitUntil(() -> lookup("#searchField").tryQuery().isPresent(), 10);
        ComboBox<String> persona = lookup("#searchPersonaFilter").query();
        waitUntil(() -> persona.getItems().contains("general"), 10);
        interact(() -> persona.setValue("general"));
        int before = window.searchViewModel().history().size();
        interact(() -> lookup("#searchField").queryTextInputControl().setText("make a poster for my conference talk"));
        waitUntil(() -> window.searchViewModel().history().size() > before && !window.searchViewModel().results().isEmpty(), 30);
        List<String> hits = listTexts(lookup("#searchResults").query());
        assertThat(hits.get(0)).contains("latex-posters").contains("%").contains("scientific-skills · general");
        assertThat(window.searchViewModel().results()).allMatch(h -> h.skill().persona().equals("general"));
        assertThat(lookup("#latencySummary").queryLabeled().getText()).matches("last [0-9.]+ ms \\(query embedded\\).*")
                .contains("over 1 search").doesNotContain("cache miss");
        assertThat(lookup("#sparkScale").tryQuery()).isPresent();
        assertThat(String.join(" ", hits)).doesNotContain("allowed-tools").doesNotContain("license:");
        shot("07-search");
        // keyword mode embeds nothing and says nothing of an embedding; plurals follow the count
        clickOn("#mode-keyword");
        int more = window.searchViewModel().history().size();
        interact(() -> lookup("#searchField").queryTextInputControl().setText("poster latex"));
        waitUntil(() -> window.searchViewModel().history().size() > more, 30);
        waitUntil(() -> lookup("#latencySummary").queryLabeled().getText().contains("searches"), 10);
        assertThat(lookup("#latencySummary").queryLabeled().getText()).doesNotContain("embed").doesNotContain("cache");
        assertThat(lookup("#sparkScale").queryLabeled().getText()).matches("max [0-9.]+ ms");
        assertThat(listTexts(lookup("#searchResults").query()).get(0)).doesNotContain("meaning only")
                .doesNotContain("keywords only");
        clickOn("#mode-hybrid");
    }

    @Test
    @Order(9)
    void anActivationLoggedByTheCliShowsInTheLibraryAndAnalytics() throws Exception {
        cli(dir.resolve("lib"), "log-activation", "scientific-skills/latex-posters");
        clickOn("#place-library");
        interact(() -> lookup("#libraryFilter").queryTextInputControl().setText("latex-posters"));
        TreeView<String> tree = lookup("#libraryTree").query();
        interact(() -> tree.getSelectionModel().select(tree.getRoot())); // all skills (clicking the tree is step 3's)
        try {
            waitUntil(() -> visibleRows().stream().anyMatch(r -> r.startsWith("latex-posters") && !r.endsWith("never ")), 10);
        } catch (java.util.concurrent.TimeoutException e) {
            shot("debug-step9");
            throw new AssertionError("the Library rows on screen: " + visibleRows() + "; model rows " + window.libraryViewModel().visibleRows().size(), e);
        }
        clickOn("#place-analytics");
        waitUntil(() -> lookup("#analyticsHeadline").queryAs(Label.class).getText().startsWith("1 activation "), 10);
        // whole numbers on the count axes, ISO dates under the bars
        for (Node axis : lookup(".analytics-view .axis").queryAll()) {
            if (axis instanceof javafx.scene.chart.NumberAxis n) {
                assertThat(n.getTickMarks()).allMatch(t -> t.getLabel() == null || t.getLabel().isEmpty()
                        || t.getLabel().matches("[0-9,]+"));
            } else if (axis instanceof javafx.scene.chart.CategoryAxis c && !c.getCategories().isEmpty()
                    && c.getCategories().get(0).matches("\\d.*")) {
                assertThat(c.getCategories()).allMatch(d -> d.matches("\\d{4}-\\d{2}-\\d{2}"));
            }
        }
        shot("08-analytics-live");
        // the listing budget of the library the author now has
        clickOn("#place-budget");
        waitUntil(() -> lookup("#budgetVerdict").queryLabeled().getText().startsWith("Listing: "), 10);
        assertThat(lookup("#budgetVerdict").queryLabeled().getText()).contains("tokens").contains("1% of a 200,000-token context");
        assertThat(rowTexts(lookup("#budgetTable").query())).isNotEmpty();
        shot("08b-listing-budget");
    }

    @Test
    @Order(10)
    void at1024x640TheTreeIsUsableThePlacesReachableAndNoLabelIsCut() throws Exception {
        Stage stage = (Stage) window.scene().getWindow();
        interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(640);
        });
        clickOn("#place-library");
        interact(() -> lookup("#libraryFilter").queryTextInputControl().setText(""));
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> window.scene().getWidth() <= 1024, 10);
        TreeView<?> tree = lookup("#libraryTree").query();
        assertThat(tree.getWidth()).as("tree width at 1024").isGreaterThanOrEqualTo(160);
        // the selected skill's details under the table, readable at this width
        TableView<?> table = lookup("#libraryTable").query();
        interact(() -> table.getSelectionModel().select(2));
        waitUntil(() -> lookup("#detailsDescription").tryQuery().isPresent(), 10);
        assertThat(texts(lookup("#skillDetails").queryAs(Parent.class))).anyMatch(t -> t.startsWith("Listing (L1): "))
                .anyMatch(t -> t.equals("Last activations"));
        assertThat(truncated(window.scene().getRoot())).as("labels cut to … at 1024x640").isEmpty();
        for (var place : window.window().places()) {
            clickOn("#place-" + place.id());
            assertThat(window.window().front()).isSameAs(place);
            assertThat(truncated(window.scene().getRoot())).as("labels cut to … at 1024x640 in " + place.title()).isEmpty();
        }
        clickOn("#place-library");
        shot("09-narrow-window");
    }

    /** Ten skills opened with quick open (Ctrl+P): every place stays named on screen, one click and one shortcut away. */
    @Test
    @Order(11)
    void tenSkillsOpenedWithQuickOpenLeaveEveryPlaceNamedAndOneClickAndOneShortcutAway() throws Exception {
        Stage stage = (Stage) window.scene().getWindow();
        interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        List<String> names = window.libraryViewModel().rows().stream().map(r -> r.skill().name()).distinct().limit(10).toList();
        assertThat(names).hasSize(10);
        for (String name : names) {
            push(KeyCode.CONTROL, KeyCode.P);
            waitUntil(() -> lookup("#quickOpenField").tryQuery().map(Node::isFocused).orElse(false), 5);
            write(name);
            waitUntil(() -> {
                ListView<?> list = lookup("#quickOpenList").query();
                return !list.getItems().isEmpty() && String.valueOf(list.getSelectionModel().getSelectedItem()).endsWith("/" + name);
            }, 5);
            push(KeyCode.ENTER);
            waitUntil(() -> window.openSkills().keySet().stream().anyMatch(k -> k.endsWith("/" + name)), 10);
        }
        assertThat(window.openSkills()).hasSizeGreaterThanOrEqualTo(10);
        shot("23-ten-skills-open");
        Parent rail = lookup("#placesRail").query();
        assertThat(truncated(rail)).as("place names cut with ten skills open").isEmpty();
        int n = 1;
        for (var place : window.window().places()) {
            javafx.scene.control.ToggleButton b = lookup("#place-" + place.id()).query();
            assertThat(b.getText()).isEqualTo(place.title());
            assertThat(b.isVisible() && b.localToScene(b.getBoundsInLocal()).getMaxY() <= window.scene().getHeight())
                    .as(place.title() + " on screen").isTrue();
            // one click
            clickOn(b);
            waitUntil(() -> window.window().front() == place, 5);
            // one shortcut: away to a skill, then back by Ctrl+n
            interact(() -> window.window().show(window.documents().documents().get(0)));
            push(KeyCode.CONTROL, KeyCode.valueOf("DIGIT" + n++));
            waitUntil(() -> window.window().front() == place, 5);
        }
        // the places and the skills keep to their own rows: the strip scrolls, the rail does not move
        assertThat(lookup("#documentStrip").query().isVisible()).isTrue();
    }

    /** A skill is its folder: files opened from the tree, one edited, one added, saved as one version covering both. */
    @Test
    @Order(12)
    void aSkillIsItsFolderFilesOpenFromTheTreeAndOneSaveIsOneVersionOfThemAll() throws Exception {
        push(KeyCode.CONTROL, KeyCode.P);
        write("skill-creator");
        waitUntil(() -> String.valueOf(lookup("#quickOpenList").queryListView().getSelectionModel().getSelectedItem())
                .endsWith("/skill-creator"), 5);
        push(KeyCode.ENTER);
        String key = "anthropics-skills/skill-creator";
        waitUntil(() -> window.openSkills().containsKey(key) && window.openSkills().get(key).editor().paths().size() > 5, 20);
        var doc = window.openSkills().get(key);
        int before = doc.editor().versionProperty().get();
        TreeView<String> files = lookup("#fileTreeView").query();
        clickOnTreeItem(files, "scripts/run_eval.py");
        waitUntil(() -> lookup("#fileText").tryQuery().isPresent()
                && ((CodeArea) lookup("#fileText").query()).getText().contains("def "), 10);
        CodeArea py = lookup("#fileText").query();
        waitUntil(() -> py.firstVisibleParToAllParIndex() == 0, 5);
        assertThat(visibleLines(py).get(0)).as("the script's first line on screen").isEqualTo("#!/usr/bin/env python3");
        assertThat(lookup("#fileKind").queryLabeled().getText()).contains("scripts/run_eval.py").contains("Python");
        shot("24-file-tree-python");
        clickOnTreeItem(files, "references/schemas.md");
        waitUntil(() -> ((CodeArea) lookup("#fileText").query()).getText().startsWith("#"), 10);
        CodeArea md = lookup("#fileText").query();
        assertThat(lookup("#fileKind").queryLabeled().getText()).contains("Markdown");
        clickOn(md);
        interact(() -> md.moveTo(0));
        write("Edited in SkillDesk.\n");
        waitUntil(() -> doc.editor().fileText("references/schemas.md").startsWith("Edited in SkillDesk."), 5);
        // a new file, named under the same rules as import
        clickOn("#newFileButton");
        waitUntil(() -> lookup(".dialog-pane .text-field").tryQuery().isPresent(), 5);
        javafx.scene.control.TextField pathField = lookup(".dialog-pane .text-field").query();
        interact(() -> pathField.setText("references/notes.md"));
        push(KeyCode.ENTER);
        waitUntil(() -> doc.editor().file("references/notes.md") != null, 5);
        CodeArea notes = lookup("#fileText").query();
        clickOn(notes);
        write("# Notes\n");
        waitUntil(() -> doc.editor().fileText("references/notes.md").startsWith("# Notes"), 5);
        assertThat(doc.dirty().get()).isTrue();
        push(KeyCode.CONTROL, KeyCode.S);
        waitUntil(() -> doc.editor().versionProperty().get() == before + 1 && !doc.dirty().get(), 20);
        // one version covering both files: its diff shows the two under their heads
        interact(() -> doc.showTab("tab-versions")); // on the FX thread: the tab builds its view when first shown
        interact(() -> doc.versions().diff(before, before + 1));
        waitUntil(() -> doc.versions().diffRows().stream().filter(r -> r.kind() == TextDiff.Kind.FILE).count() == 2, 10);
        ListView<?> diff = lookup("#unifiedDiff").query();
        waitUntil(() -> listTexts(diff).stream().anyMatch(t -> t.contains("references/notes.md") && t.contains("(added)")), 10);
        assertThat(listTexts(diff)).anyMatch(t -> t.contains("references/schemas.md") && t.contains("(changed)"));
        assertThat(app.window().core().library().files(app.window().core().author(), "anthropics-skills", "skill-creator", before + 1))
                .anyMatch(f -> f.path().equals("references/notes.md"));
        shot("25-one-version-two-files");
        interact(() -> doc.showTab("tab-edit"));
    }

    /** The command palette (Ctrl+Shift+P) finds an action by name, shows its shortcut, and runs it. */
    @Test
    @Order(13)
    void theCommandPaletteRunsImport() throws Exception {
        push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P);
        waitUntil(() -> lookup("#commandPaletteField").tryQuery().map(Node::isFocused).orElse(false), 5);
        write("import");
        waitUntil(() -> listTexts(lookup("#commandPaletteList").query()).stream()
                .anyMatch(t -> t.contains("Import") && t.contains("Ctrl+I")), 5);
        shot("26-command-palette");
        push(KeyCode.ENTER);
        waitUntil(() -> lookup("#importPath").tryQuery().isPresent(), 10);
        push(KeyCode.ESCAPE);
        waitUntil(() -> lookup("#importPath").tryQuery().isEmpty(), 10);
    }

    /** Search, results, open, edit and save with the keyboard alone. */
    @Test
    @Order(14)
    void searchOpenEditAndSaveWithTheKeyboardAlone() throws Exception {
        push(KeyCode.CONTROL, KeyCode.K);
        waitUntil(() -> lookup("#searchField").tryQuery().map(Node::isFocused).orElse(false), 10);
        write("poster for a conference");
        waitUntil(() -> !window.searchViewModel().results().isEmpty() && !window.searchViewModel().searchingProperty().get()
                && "poster for a conference".equals(window.searchViewModel().queryProperty().get()), 20);
        push(KeyCode.DOWN);
        ListView<?> results = lookup("#searchResults").query();
        waitUntil(results::isFocused, 5);
        assertThat(results.getSelectionModel().getSelectedIndex()).isZero();
        String first = window.searchViewModel().results().get(0).skill().ref().toString();
        push(KeyCode.ENTER);
        waitUntil(() -> window.openSkills().containsKey(first) && window.window().front() == window.openSkills().get(first), 10);
        var doc = window.openSkills().get(first);
        waitUntil(() -> doc.editorView().area().isFocused(), 5);
        int before = doc.editor().versionProperty().get();
        push(KeyCode.CONTROL, KeyCode.END);
        write("\nKept with the keyboard alone.\n");
        waitUntil(() -> doc.dirty().get(), 5);
        push(KeyCode.CONTROL, KeyCode.S);
        waitUntil(() -> doc.editor().versionProperty().get() == before + 1, 20);
        assertThat(app.window().core().library().get(app.window().core().author(), doc.ref().namespace(), doc.ref().name()).orElseThrow()
                .version().content()).contains("Kept with the keyboard alone.");
    }

    /**
     * Two skills the author can fix (a ": " inside the description, a name in capitals) are imported as needing fixes,
     * every finding shown before and after; one opens at its first error, its quick fix makes it pass; Install refuses
     * the other, naming its finding.
     */
    @Test
    @Order(15)
    void twoFixableSkillsAreImportedAsNeedingFixesOneIsFixedAndInstallRefusesTheOther() throws Exception {
        Path incoming = dir.resolve("fixable");
        Files.createDirectories(incoming.resolve("release-notes"));
        Files.writeString(incoming.resolve("release-notes/SKILL.md"), "---\nname: release-notes\ndescription: Use when:"
                + " the user asks for release notes from a changelog\n---\n\n# Release notes\n\nRead CHANGELOG.md.\n");
        Files.createDirectories(incoming.resolve("PDF_Merger"));
        Files.writeString(incoming.resolve("PDF_Merger/SKILL.md"), "---\nname: PDF_Merger\ndescription: Merges PDF files"
                + " into one document. Use when the user asks to combine PDFs.\n---\n\n# Merge\n\nRun merge.py.\n");
        push(KeyCode.CONTROL, KeyCode.DIGIT1);
        push(KeyCode.CONTROL, KeyCode.I);
        waitUntil(() -> lookup("#importPath").tryQuery().isPresent(), 10);
        clickOn("#importPath").write(incoming.toString());
        waitUntil(() -> !lookup("#importOk").query().isDisabled(), 30);
        assertThat(lookup("#importSummary").queryLabeled().getText()).startsWith("2 skills found: 2 new")
                .contains("2 need fixes");
        javafx.scene.control.TextArea findings = lookup("#importRefused").query();
        assertThat(findings.getText()).contains("Needs fixes: default/release-notes", "Needs fixes: default/pdf-merger")
                .contains("release-notes/SKILL.md:3: error [frontmatter.needs-quotes]")
                .contains("PDF_Merger/SKILL.md:2: error [name.format]");
        assertThat(truncated(findings.getScene().getRoot())).as("labels of the import dialog cut to …").isEmpty();
        shotOf(findings.getScene(), "19-import-needs-fixes");
        clickOn("#importOk");

        // the Library says how many need fixes and lists them
        waitUntil(() -> lookup("#libraryNeedsFixes").tryQuery().map(Node::isVisible).orElse(false)
                && window.libraryViewModel().rows().stream().anyMatch(r -> r.skill().name().equals("pdf-merger")), 30);
        clickOn("#libraryNeedsFixes");
        waitUntil(() -> visibleRows().stream().anyMatch(r -> r.startsWith("release-notes default"))
                && visibleRows().stream().anyMatch(r -> r.startsWith("pdf-merger default")), 10);
        assertThat(visibleRows()).allMatch(r -> r.contains("needs fixes ("));
        assertThat(lookup("#libraryNeedsFixes").queryAs(javafx.scene.control.ToggleButton.class).getText())
                .matches("Needs fixes \\(\\d+\\)");
        selectRow("release-notes");
        waitUntil(() -> lookup("#detailsNeedsFixes").tryQuery().isPresent(), 10);
        assertThat(texts(lookup("#skillDetails").queryAs(Parent.class)))
                .anyMatch(t -> t.contains("SKILL.md:3 · frontmatter.needs-quotes"));
        assertThat(truncated(window.scene().getRoot())).as("labels cut to …").isEmpty();
        shot("20-library-needs-fixes");

        // opened, it starts at its first error with that error's quick fix
        push(KeyCode.ENTER);
        waitUntil(() -> window.openSkills().containsKey("default/release-notes"), 10);
        var doc = window.openSkills().get("default/release-notes");
        waitUntil(() -> lookup("#quickFix").tryQuery().map(Node::isVisible).orElse(false), 10);
        assertThat(lookup("#quickFix").queryButton().getText()).isEqualTo("Quick fix: Quote the value of 'description' (line 3)");
        TableView<?> issues = doc.editorView().lookup("#validationIssues") instanceof TableView<?> t ? t : null;
        assertThat(issues).isNotNull();
        assertThat(issues.getSelectionModel().getSelectedIndex()).isGreaterThanOrEqualTo(0);
        assertThat(doc.editorView().area().getCurrentParagraph()).as("the caret on the finding's line").isEqualTo(2);
        shot("21-open-at-first-finding");
        clickOn("#quickFix");
        waitUntil(() -> doc.editor().issues().stream().noneMatch(i -> i.severity() == dev.skilldesk.skill.Severity.ERROR), 10);
        push(KeyCode.CONTROL, KeyCode.S);
        waitUntil(() -> doc.editor().versionProperty().get() == 2 && !doc.dirty().get(), 20);
        waitUntil(() -> app.window().core().library().find("default", "release-notes").map(k -> !k.needsFixes()).orElse(false), 10);

        // Install refuses the other, naming its finding; the fixed one goes
        push(KeyCode.CONTROL, KeyCode.DIGIT1);
        Path agentFolder = Files.createDirectories(dir.resolve("agent-skills"));
        if (lookup("#libraryNeedsFixes").queryAs(javafx.scene.control.ToggleButton.class).isSelected()) {
            clickOn("#libraryNeedsFixes"); // off: every skill again
        }
        for (String name : List.of("pdf-merger", "release-notes")) {
            selectRow(name);
            clickOn("#installButton");
            if (!name.equals("pdf-merger")) { // one that needs fixes is refused before a folder is asked
                waitUntil(() -> lookup("#targetFolder").tryQuery().isPresent(), 10);
                clickOn((javafx.scene.control.RadioButton) lookup("#targetFolder").query());
                javafx.scene.control.TextField where = lookup("#targetFolderPath").query();
                interact(() -> where.setText(agentFolder.toString()));
                clickOn("#targetOk");
            }
            if (name.equals("pdf-merger")) {
                waitUntil(() -> lookup(".dialog-pane").queryAll().stream().anyMatch(p -> p.lookup(".text-area") != null
                        && ((javafx.scene.control.TextArea) p.lookup(".text-area")).getText().contains("name.format")), 20);
                javafx.scene.control.DialogPane refusal = (javafx.scene.control.DialogPane) lookup(".dialog-pane").queryAll()
                        .stream().filter(p -> p.lookup(".text-area") != null && ((javafx.scene.control.TextArea)
                                p.lookup(".text-area")).getText().contains("name.format")).findFirst().orElseThrow();
                assertThat(((javafx.scene.control.TextArea) refusal.lookup(".text-area")).getText())
                        .contains("pdf-merger").contains("needs fixes");
                shotOf(refusal.getScene(), "22-install-refuses-needs-fixes");
                clickOn(refusal.lookupButton(javafx.scene.control.ButtonType.OK));
                assertThat(agentFolder.resolve("pdf-merger")).doesNotExist();
            } else {
                waitUntil(() -> Files.isRegularFile(agentFolder.resolve("release-notes/SKILL.md")), 20);
            }
        }
    }

    private void selectRow(String name) {
        TableView<dev.skilldesk.library.LibraryOverview.Row> table = lookup("#libraryTable").query();
        interact(() -> {
            table.getSelectionModel().clearSelection();
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).skill().name().equals(name)) {
                    table.getSelectionModel().select(i);
                    table.scrollTo(i);
                    table.requestFocus();
                    return;
                }
            }
        });
    }

    private void clickOnTreeItem(TreeView<String> tree, String path) throws Exception {
        interact(() -> {
            for (int row = 0; row < tree.getExpandedItemCount(); row++) {
                if (path.equals(tree.getTreeItem(row).getValue())) {
                    tree.scrollTo(Math.max(0, row - 2));
                }
            }
        });
        waitUntil(() -> tree.lookupAll(".tree-cell").stream().anyMatch(n -> path.equals(((TreeCell<?>) n).getItem())), 10);
        for (Node n : tree.lookupAll(".tree-cell")) {
            TreeCell<?> c = (TreeCell<?>) n;
            if (path.equals(c.getItem())) {
                clickOn(c);
                return;
            }
        }
    }

    // ---- what the screen shows -----------------------------------------------------------------

    private static List<String> visibleLines(CodeArea area) {
        return UiTests.visibleLines(area);
    }

    private List<String> visibleRows() {
        return rowTexts(lookup("#libraryTable").query());
    }


    private static List<String> listTexts(ListView<?> list) {
        List<String> out = new ArrayList<>();
        for (Node node : list.lookupAll(".list-cell")) {
            ListCell<?> cell = (ListCell<?>) node;
            if (cell.isVisible() && cell.getItem() != null) {
                out.add(String.join(" ", texts(cell)));
            }
        }
        return out;
    }

    private static List<String> texts(Parent p) {
        List<String> out = new ArrayList<>();
        for (Node n : p.lookupAll("*")) {
            if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
                out.add(l.getText());
            } else if (n instanceof Text t && !(t.getParent() instanceof Labeled) && t.getText() != null) {
                out.add(t.getText());
            }
        }
        return out;
    }

    private List<String> issueTexts() {
        return rowTexts(fresh.editorView().lookup("#validationIssues") instanceof TableView<?> t ? t
                : lookup("#validationIssues").query());
    }

    private List<String> treeTexts() {
        List<String> out = new ArrayList<>();
        for (Node n : lookup("#libraryTree .tree-cell").queryAll()) {
            TreeCell<?> c = (TreeCell<?>) n;
            if (c.getItem() != null) {
                out.add(c.getText());
            }
        }
        return out;
    }

    private void clickTree(String label) throws Exception {
        waitUntil(() -> treeTexts().contains(label), 10);
        for (Node n : lookup("#libraryTree .tree-cell").queryAll()) {
            TreeCell<?> c = (TreeCell<?>) n;
            if (label.equals(c.getText()) && c.isVisible() && c.getScene() != null) {
                clickOn(c);
                waitUntil(() -> c.getTreeView().getSelectionModel().getSelectedItem() != null
                        && label.equals(String.valueOf(c.getTreeView().getSelectionModel().getSelectedItem().getValue())), 5);
                return;
            }
        }
    }

    private void shot(String name) throws Exception {
        Screenshots.save(window.scene(), name);
    }

    private static void shotOf(Scene scene, String name) throws Exception {
        Screenshots.save(scene, name);
    }


}
