package dev.skilldesk.ui;

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
        MainWindow w = app.window();
        interact(() -> ((TabPane) lookup("#mainTabs").query()).getTabs().stream()
                .filter(t -> "tab-sources".equals(t.getId())).findFirst().ifPresent(t -> t.getTabPane().getSelectionModel().select(t)));
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
        javafx.scene.control.TextArea diff = lookup("#upstreamDiff").query();
        assertThat(diff.getText()).contains("- First.", "+ Second.");
        interact(() -> ((javafx.stage.Stage) diff.getScene().getWindow()).close());
        clickOn("#updateFromSource");
        waitUntil(() -> rowTexts(skills).isEmpty(), 30); // up to date again: the filter hides it
        clickOn(needs);
        waitUntil(() -> rowTexts(skills).stream().anyMatch(r -> r.contains("pdf-tools") && r.contains("up-to-date")), 20);
        git.close();
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }
}
