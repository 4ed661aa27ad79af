package dev.skilldesk.ui;

import dev.skilldesk.ui.shell.DesktopRoot;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.skilldesk.ui.UiTests.rowTexts;
import static dev.skilldesk.ui.UiTests.truncated;
import static dev.skilldesk.ui.UiTests.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Sources view as an author uses it: add a git repository, see its skills (one refused, with its reason), import
 * one, watch upstream move it to upstream-newer, filter to what needs an update, and update it, all read off the
 * screen's rows.
 */
class SourcesUiTest extends FxRobot {
    @TempDir
    Path dir;

    private static String skill(String name, String body) {
        return "---\nname: " + name + "\ndescription: Does " + name + " things when asked.\n---\n# " + name + "\n" + body + "\n";
    }

    @Test
    void addImportSeeUpstreamMoveAndUpdate() throws Exception {
        Path work = dir.resolve("team-skills");
        Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
        Files.createDirectories(work.resolve("skills/pdf-tools"));
        Files.writeString(work.resolve("skills/pdf-tools/SKILL.md"), skill("pdf-tools", "First."));
        Files.createDirectories(work.resolve("skills/linky"));
        Files.writeString(work.resolve("skills/linky/SKILL.md"), skill("linky", "Has a link."));
        Files.createSymbolicLink(work.resolve("skills/linky/passwd"), Path.of("/etc/passwd"));
        git.add().addFilepattern(".").call();
        git.commit().setMessage("first").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();

        FxToolkit.registerPrimaryStage();
        SkillDeskApp app = (SkillDeskApp) FxToolkit.setupApplication(SkillDeskApp.class, "--data-dir", dir.resolve("lib").toString());
        DesktopRoot w = app.window();
        clickOn("#place-sources");
        TableView<?> sources = lookup("#sourcesTable").queryTableView();
        assertThat(sources.getPlaceholder().isVisible()).as("the empty state says what to do").isTrue();

        clickOn("#addSource");
        TextField location = lookup("#sourceLocation").query();
        interact(() -> location.setText(work.toUri().toString()));
        clickOn("#addSourceOk");
        waitUntil(() -> rowTexts(sources).size() == 1, 30);
        assertThat(rowTexts(sources).get(0)).contains("team-skills", "git");
        TableView<?> skills = lookup("#sourceSkillsTable").queryTableView();
        waitUntil(() -> rowTexts(skills).size() == 2, 30);
        assertThat(rowTexts(skills)).anySatisfy(r -> assertThat(r).contains("linky", "refused", "is a link"))
                .anySatisfy(r -> assertThat(r).contains("pdf-tools", "not imported"));

        // import the good one
        interact(() -> {
            @SuppressWarnings("unchecked")
            TableView<Object> t = (TableView<Object>) skills;
            t.getSelectionModel().clearSelection();
            for (int i = 0; i < t.getItems().size(); i++) {
                if (t.getItems().get(i).toString().contains("pdf-tools")) {
                    t.getSelectionModel().select(i);
                }
            }
        });
        clickOn("#importFromSource");
        waitUntil(() -> rowTexts(skills).stream().anyMatch(r -> r.contains("pdf-tools") && r.contains("up-to-date")
                && r.contains("default/pdf-tools")), 30);

        // upstream moves
        Files.writeString(work.resolve("skills/pdf-tools/SKILL.md"), skill("pdf-tools", "Second."));
        git.add().addFilepattern(".").call();
        git.commit().setMessage("second").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
        clickOn("#fetchSource");
        waitUntil(() -> rowTexts(skills).stream().anyMatch(r -> r.contains("pdf-tools") && r.contains("upstream-newer")), 30);
        CheckBox needs = lookup("#needsUpdateFilter").query();
        clickOn(needs);
        waitUntil(() -> rowTexts(skills).size() == 1, 10);
        assertThat(truncated(w.scene().getRoot())).as("labels cut to …").isEmpty();
        Screenshots.save(w.scene(), "11-sources");
        interact(() -> skills.getSelectionModel().select(0));
        clickOn("#diffWithUpstream");
        waitUntil(() -> lookup("#upstreamDiff").tryQuery().isPresent(), 20);
        javafx.scene.control.ListView<?> diff = lookup("#upstreamDiff").query();
        // on screen, as the Versions view shows a diff: the file's head, the removed and the added line
        waitUntil(() -> diffRows(diff).stream().anyMatch(r -> r.matches("6 − First ?\\."))
                && diffRows(diff).stream().anyMatch(r -> r.matches("6 \\+ Second ?\\.")), 10);
        assertThat(diffRows(diff)).anyMatch(r -> r.startsWith("SKILL.md"));
        interact(() -> ((javafx.stage.Stage) diff.getScene().getWindow()).close());
        clickOn("#updateFromSource");
        waitUntil(() -> rowTexts(skills).isEmpty(), 30); // up to date again: the filter hides it
        clickOn(needs);
        waitUntil(() -> rowTexts(skills).stream().anyMatch(r -> r.contains("pdf-tools") && r.contains("up-to-date")), 20);
        git.close();
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    /**
     * A diverged skill whose merge has conflicts: the Library shows its badge and Needs update finds it; Update
     * selected opens the merge in the skill's editor (the conflict markers on screen, the notice saying what to do,
     * the marker lines flagged), a save with markers left is refused, and the resolved text saves as a new version
     * that reads locally-modified in both views.
     */
    @Test
    void aConflictingMergeIsResolvedInTheEditor() throws Exception {
        Path work = dir.resolve("team-skills");
        Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
        Files.createDirectories(work.resolve("skills/notes"));
        Files.writeString(work.resolve("skills/notes/SKILL.md"), skill("notes", "Step one.\nStep two.\nStep three."));
        git.add().addFilepattern(".").call();
        git.commit().setMessage("first").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();

        FxToolkit.registerPrimaryStage();
        SkillDeskApp app = (SkillDeskApp) FxToolkit.setupApplication(SkillDeskApp.class, "--data-dir", dir.resolve("lib").toString());
        DesktopRoot w = app.window();
        var core = app.window().core();
        var source = core.sources().add(core.author(), work.toUri().toString(), null, null, null);
        core.sources().importSkills(core.author(), source, java.util.List.of("skills/notes"));
        interact(() -> w.libraryViewModel().reload());
        TableView<?> library = lookup("#libraryTable").queryTableView();
        waitUntil(() -> rowTexts(library).stream().anyMatch(r -> r.contains("notes") && r.contains("up-to-date")), 30);

        // both sides change the same line
        String mine = skill("notes", "Step one.\nStep two, my way.\nStep three.");
        var saved = core.library().save(core.author(), new dev.skilldesk.library.SkillDraft("test", "notes", mine,
                java.util.List.of()), new dev.skilldesk.library.SaveOptions("default", dev.skilldesk.skill.AccessLevel.PRIVATE, null));
        assertThat(saved.stored()).isTrue();
        Files.writeString(work.resolve("skills/notes/SKILL.md"), skill("notes", "Step one.\nStep two, upstream's way.\nStep three."));
        git.add().addFilepattern(".").call();
        git.commit().setMessage("second").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
        core.sources().fetch(source);
        interact(() -> w.libraryViewModel().states().refreshUpstream());
        waitUntil(() -> rowTexts(library).stream().anyMatch(r -> r.contains("notes") && r.contains("diverged")), 30);
        javafx.scene.control.ToggleButton needs = lookup("#libraryNeedsUpdate").query();
        assertThat(needs.isVisible()).as("offered once a skill came from a source").isTrue();
        clickOn(needs);
        waitUntil(() -> rowTexts(library).size() == 1, 10);
        assertThat(truncated(w.scene().getRoot())).as("labels cut to …").isEmpty();
        Screenshots.save(w.scene(), "12-library-upstream");
        clickOn(needs);

        // Update selected in the Sources view opens the merge in the editor
        clickOn("#place-sources");
        TableView<?> skills = lookup("#sourceSkillsTable").queryTableView();
        waitUntil(() -> rowTexts(skills).stream().anyMatch(r -> r.contains("notes") && r.contains("diverged")), 30);
        interact(() -> skills.getSelectionModel().select(0));
        clickOn("#updateFromSource");
        waitUntil(() -> w.openSkills().containsKey("default/notes")
                && w.openSkills().get("default/notes").editorView().area().getText().contains("<<<<<<< yours"), 30);
        var tab = w.openSkills().get("default/notes");
        org.fxmisc.richtext.CodeArea area = tab.editorView().area();
        // what is drawn once the editor has laid out the merge (a busy machine draws the first line first)
        waitUntil(() -> String.join("\n", UiTests.visibleLines(area)).contains(">>>>>>> upstream"), 10);
        String onScreen = String.join("\n", UiTests.visibleLines(area));
        assertThat(onScreen).contains("<<<<<<< yours", "Step two, my way.", "=======", "Step two, upstream's way.",
                ">>>>>>> upstream");
        javafx.scene.control.Label notice = lookup("#mergeNotice").query();
        assertThat(notice.isVisible()).isTrue();
        assertThat(notice.getText()).contains("Merging upstream", "notes", "Save");
        TableView<?> issues = lookup("#validationIssues").queryTableView();
        waitUntil(() -> rowTexts(issues).stream().anyMatch(r -> r.contains("conflict-marker")), 10);
        Screenshots.save(w.scene(), "13-merge-in-the-editor");

        // a save with the markers left is refused, naming the rule; nothing is stored
        int before = core.library().get(core.author(), "default", "notes").orElseThrow().skill().activeVersion();
        clickOn("#saveButton");
        javafx.scene.control.Label said = lookup("#statusMessage").query();
        waitUntil(() -> said.getText().contains("Not saved") && said.getText().contains("conflict-marker"), 10);
        assertThat(core.library().get(core.author(), "default", "notes").orElseThrow().skill().activeVersion()).isEqualTo(before);
        interact(() -> javafx.stage.Window.getWindows().stream().filter(x -> x != w.scene().getWindow())
                .toList().forEach(javafx.stage.Window::hide)); // the error's window

        // resolved: both ideas kept, the markers gone
        String text = area.getText();
        String resolved = text.substring(0, text.indexOf("<<<<<<< yours")) + "Step two, my way, as upstream says.\n"
                + text.substring(text.indexOf(">>>>>>> upstream") + ">>>>>>> upstream".length() + 1);
        interact(() -> area.replaceText(resolved));
        waitUntil(() -> rowTexts(issues).stream().noneMatch(r -> r.contains("conflict-marker")), 10);
        clickOn("#saveButton");
        waitUntil(() -> core.library().get(core.author(), "default", "notes").orElseThrow().skill().activeVersion() > before, 20);
        waitUntil(() -> notice.getText().isEmpty() && !notice.isVisible(), 10);
        assertThat(core.sources().status(core.author(), "default/notes").get(0).state().label()).isEqualTo("locally-modified");
        clickOn("#place-library");
        waitUntil(() -> rowTexts(library).stream().anyMatch(r -> r.contains("notes") && r.contains("locally-modified")), 30);
        git.close();
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    /** The text of each row of a diff list on screen: its labels and its text, in order. */
    private static java.util.List<String> diffRows(javafx.scene.control.ListView<?> list) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (javafx.scene.Node cell : list.lookupAll(".list-cell")) {
            if (!(cell instanceof javafx.scene.control.ListCell<?> c) || c.getItem() == null) {
                continue;
            }
            java.util.List<String> parts = new java.util.ArrayList<>();
            for (javafx.scene.Node n : c.lookupAll("*")) {
                if (n instanceof javafx.scene.control.Labeled l && l.getText() != null && !l.getText().isBlank()) {
                    parts.add(l.getText().strip());
                } else if (n instanceof javafx.scene.text.Text t && !(t.getParent() instanceof javafx.scene.control.Labeled)
                        && t.getText() != null && !t.getText().isBlank()) {
                    parts.add(t.getText().strip());
                }
            }
            out.add(String.join(" ", parts));
        }
        return out;
    }
}
