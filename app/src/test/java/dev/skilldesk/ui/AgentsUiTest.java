package dev.skilldesk.ui;

import dev.skilldesk.library.AgentTargets;
import javafx.application.Platform;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.skilldesk.ui.UiTests.rowTexts;
import static dev.skilldesk.ui.UiTests.truncated;
import static dev.skilldesk.ui.UiTests.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Agents place under a home of the test's: what Claude Code sees in a project (the personal copy of a name wins over
 * the project's, on screen), switching a skill off from the table with the preview of the one line written and Undo,
 * switching from the Library's context menu, a scene of a profile with its preview and Undo leaving the files as they
 * were, the lock drift in Installs, and the Library's "Same name elsewhere". Read off the screen.
 */
class AgentsUiTest extends FxRobot {
    @TempDir
    Path dir;

    private DialogPane dialog(String header) throws Exception {
        waitUntil(() -> lookup(".dialog-pane").queryAll().stream().anyMatch(p -> ((DialogPane) p).getHeaderText() != null
                && ((DialogPane) p).getHeaderText().contains(header)), 10);
        return (DialogPane) lookup(".dialog-pane").queryAll().stream().filter(p -> ((DialogPane) p).getHeaderText() != null
                && ((DialogPane) p).getHeaderText().contains(header)).findFirst().orElseThrow();
    }

    private static void skill(Path folder, String name, String description) throws Exception {
        Files.createDirectories(folder.resolve(name));
        Files.writeString(folder.resolve(name).resolve("SKILL.md"), "---\nname: " + name + "\ndescription: " + description
                + "\n---\n\nBody.\n");
    }

    @Test
    void whatClaudeCodeSeesSwitchingScenesAndLocks() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path project = Files.createDirectories(dir.resolve("shop-api"));
        skill(home.resolve(".claude/skills"), "deploy", "Personal deploy steps for any repository.");
        skill(project.resolve(".claude/skills"), "deploy", "The shop's own deploy steps.");
        skill(project.resolve(".claude/skills"), "lint", "Runs the shop's linters before a commit.");
        String settings = "{\n  \"model\": \"opus\"\n}\n";
        Files.writeString(home.resolve(".claude/settings.json"), settings);
        // a lock the skills CLI would have written, one skill missing on disk
        Files.writeString(project.resolve("skills-lock.json"), "{\n  \"version\": 1,\n  \"skills\": {\n    \"gone\": {\n"
                + "      \"source\": \"../src/gone\",\n      \"sourceType\": \"local\",\n      \"computedHash\": \"00\"\n    }\n  }\n}\n");

        FxToolkit.registerPrimaryStage();
        SkillDeskApp app = (SkillDeskApp) FxToolkit.setupApplication(SkillDeskApp.class, "--data-dir",
                dir.resolve("lib").toString(), "--home", home.toString());
        waitUntil(() -> lookup("#libraryTable").tryQuery().isPresent(), 60); // the window is built once the library opens
        TableView<?> library = lookup("#libraryTable").queryTableView();
        waitUntil(() -> library.getItems().size() >= 5, 60);

        clickOn("#place-agents");
        ComboBox<AgentTargets.Agent> agent = lookup("#agentsAgent").queryComboBox();
        waitUntil(() -> agent.getValue() != null && agent.getValue().id().equals("claude-code"), 10);
        assertThat(agent.getItems()).hasSizeGreaterThanOrEqualTo(79);
        TextField where = lookup("#agentsProject").query();
        interact(() -> {
            where.setText(project.toString());
            where.getOnAction().handle(null);
        });
        TableView<?> table = lookup("#agentsTable").queryTableView();
        waitUntil(() -> rowTexts(table).size() == 3, 10);
        List<String> rows = rowTexts(table);
        assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("deploy personal yes (2 copies) on full " + home))
                .anySatisfy(r -> assertThat(r).startsWith("deploy project no: another copy wins on dropped " + project))
                .anySatisfy(r -> assertThat(r).startsWith("lint project yes on full"));
        Label summary = lookup("#agentsSummary").query();
        assertThat(summary.getText()).contains("Claude Code in " + project + ": 2 skills loaded, 1 shadowed",
                "1% of a 200,000-token context window = 8,000 characters");
        assertThat(((Label) lookup("#agentsPrecedence").query()).getText()).contains("enterprise overrides personal");
        Screenshots.save(table.getScene(), "27-what-an-agent-sees");

        // switch 'lint' off from the table: a preview of the one entry written, then Undo
        interact(() -> {
            @SuppressWarnings("unchecked")
            TableView<dev.skilldesk.agents.AgentView.Seen> t = (TableView<dev.skilldesk.agents.AgentView.Seen>) table;
            for (int i = 0; i < t.getItems().size(); i++) {
                if (t.getItems().get(i).name().equals("lint")) {
                    t.getSelectionModel().clearAndSelect(i);
                }
            }
        });
        MenuButton off = lookup("#agentsSwitchOff").query();
        interact(() -> off.getItems().get(1).fire()); // name only
        DialogPane preview = dialog("Switch name-only lint for Claude Code in " + project);
        TextArea changes = lookup("#switchPreview").query();
        assertThat(changes.getText()).contains("new  " + project.resolve(".claude/settings.json"),
                "skillOverrides.lint = name-only");
        assertThat(truncated(preview)).isEmpty();
        Screenshots.save(preview.getScene(), "28-switch-preview");
        clickOn(preview.lookupButton(preview.getButtonTypes().get(0)));
        waitUntil(() -> rowTexts(table).stream().anyMatch(r -> r.startsWith("lint project yes name-only name-only")), 10);
        assertThat(Files.readString(project.resolve(".claude/settings.json"))).contains("\"lint\": \"name-only\"");

        // from the Library's context menu: switch a library skill off for me (my settings.json gets one entry)
        clickOn("#place-library");
        String first = ((dev.skilldesk.library.LibraryOverview.Row) library.getItems().get(0)).skill().name();
        interact(() -> library.getSelectionModel().clearAndSelect(0));
        MenuItem switchOff = library.getContextMenu().getItems().stream().filter(i -> "switchOff".equals(i.getId()))
                .findFirst().orElseThrow();
        Platform.runLater(switchOff::fire);
        DialogPane ask = dialog("Switch off '" + first + "'");
        ListView<?> agents = lookup("#switchAgents").queryListView();
        waitUntil(() -> agents.lookupAll(".check-box-list-cell").size() > 2, 10);
        assertThat(agents.lookupAll(".check-box-list-cell").stream().map(c -> ((javafx.scene.control.Labeled) c).getText())
                .filter(t -> t != null).findFirst().orElseThrow())
                .isEqualTo("Claude Code  (found on this machine)  · its skillOverrides setting");
        assertThat(truncated(ask)).isEmpty();
        clickOn(ask.lookupButton(ask.getButtonTypes().get(0)));
        DialogPane confirm = dialog("Switch off " + first + " for Claude Code");
        assertThat(((TextArea) lookup("#switchPreview").query()).getText())
                .contains("edit " + home.resolve(".claude/settings.json"), "skillOverrides." + first + " = off");
        clickOn(confirm.lookupButton(confirm.getButtonTypes().get(0)));
        waitUntil(() -> Files.readString(home.resolve(".claude/settings.json")).contains("\"" + first + "\": \"off\""), 10);
        assertThat(Files.readString(home.resolve(".claude/settings.json"))).startsWith("{\n  \"model\": \"opus\",\n");

        // a scene: the profile's two skills off for Claude Code in one step, previewed, then undone to the byte
        String second = ((dev.skilldesk.library.LibraryOverview.Row) library.getItems().get(1)).skill().name();
        UiTests.cli(dir.resolve("lib"), "profile", "create", "focus");
        UiTests.cli(dir.resolve("lib"), "profile", "add", "focus", first, second);
        String beforeScene = Files.readString(home.resolve(".claude/settings.json"));
        clickOn("#place-agents");
        clickOn("#agentsScene");
        DialogPane sceneAsk = dialog("A scene switches every skill of a profile");
        assertThat(truncated(sceneAsk)).isEmpty();
        Screenshots.save(sceneAsk.getScene(), "30-scene");
        clickOn(sceneAsk.lookupButton(sceneAsk.getButtonTypes().get(0)));
        DialogPane scenePreview = dialog("Switch off 2 skills of focus for Claude Code");
        assertThat(((TextArea) lookup("#switchPreview").query()).getText())
                .contains("edit " + home.resolve(".claude/settings.json"));
        clickOn(scenePreview.lookupButton(scenePreview.getButtonTypes().get(0)));
        waitUntil(() -> Files.readString(home.resolve(".claude/settings.json")).contains("\"" + second + "\": \"off\""), 10);
        javafx.scene.control.Button undo = lookup("#agentsUndoScene").query();
        waitUntil(() -> !undo.isDisabled(), 10);
        clickOn(undo);
        waitUntil(() -> Files.readString(home.resolve(".claude/settings.json")).equals(beforeScene), 10);

        // the Library flags a name an agent's folder also holds (not installed by SkillDesk)
        skill(home.resolve(".agents/skills"), second, "A same-named copy someone else put there.");
        clickOn("#place-library");
        interact(() -> library.getSelectionModel().clearAndSelect(1));
        waitUntil(() -> lookup("#detailsSameName").tryQuery().isPresent(), 10);
        assertThat(lookup(".label").queryAll().stream().map(n -> ((javafx.scene.control.Labeled) n).getText())
                .filter(t -> t != null && t.startsWith("⚠ " + home.resolve(".agents/skills").resolve(second))).toList())
                .singleElement().satisfies(t -> assertThat(t).contains("read by", "not installed by SkillDesk"));

        // Installs shows the project's lock against its disk: 'gone' is missing
        UiTests.cli(dir.resolve("lib"), "install", first, "--agent",
                "claude-code", "--project", project.toString());
        clickOn("#place-installs");
        TableView<?> locks = lookup("#installsLocks").queryTableView();
        waitUntil(() -> rowTexts(locks).stream().anyMatch(r -> r.contains("gone missing")), 20);
        Screenshots.save(locks.getScene(), "29-installs-lock-drift");
    }
}
