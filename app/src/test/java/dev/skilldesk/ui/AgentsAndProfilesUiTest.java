package dev.skilldesk.ui;

import dev.skilldesk.ui.shell.DesktopRoot;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
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
 * Installing for agents and profiles in the app, under a home of the test's (--home): the Install dialog offers
 * every agent, those found on this machine ticked, and says which folders it writes (agents sharing a folder get
 * one copy); a profile made from a Library selection is applied to a project, changed and applied again (what left
 * it is removed); the Budget tab plans the listing of an agent in that project. Read off the screen.
 */
class AgentsAndProfilesUiTest extends FxRobot {
    @TempDir
    Path dir;

    private void tab(String id) {
        clickOn("#" + id.replace("tab-", "place-"));
    }

    @SuppressWarnings("unchecked")
    private void selectRows(TableView<?> table, List<String> names) {
        interact(() -> {
            TableView<dev.skilldesk.library.LibraryOverview.Row> t = (TableView<dev.skilldesk.library.LibraryOverview.Row>) table;
            t.getSelectionModel().clearSelection();
            for (int i = 0; i < t.getItems().size(); i++) {
                if (names.contains(t.getItems().get(i).skill().name())) {
                    t.getSelectionModel().select(i);
                }
            }
        });
    }

    /** The dialog pane on screen whose header says {@code header}. */
    private DialogPane dialog(String header) throws Exception {
        waitUntil(() -> lookup(".dialog-pane").queryAll().stream().anyMatch(p -> ((DialogPane) p).getHeaderText() != null
                && ((DialogPane) p).getHeaderText().contains(header)), 10);
        return (DialogPane) lookup(".dialog-pane").queryAll().stream().filter(p -> ((DialogPane) p).getHeaderText() != null
                && ((DialogPane) p).getHeaderText().contains(header)).findFirst().orElseThrow();
    }

    /** The text of the list's cells on screen. */
    private static List<String> cellTexts(javafx.scene.control.ListView<?> list) {
        return list.lookupAll(".list-cell").stream().map(c -> ((javafx.scene.control.Labeled) c).getText())
                .filter(t -> t != null && !t.isEmpty()).toList();
    }

    @Test
    void installForAgentsInAProjectThenApplyAProfileChangeItAndApplyAgain() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve(".claude"));
        Files.createDirectories(home.resolve(".codex"));
        Path project = Files.createDirectories(dir.resolve("shop-api"));

        FxToolkit.registerPrimaryStage();
        SkillDeskApp app = (SkillDeskApp) FxToolkit.setupApplication(SkillDeskApp.class, "--data-dir",
                dir.resolve("lib").toString(), "--home", home.toString());
        DesktopRoot w = app.window();
        TableView<?> library = lookup("#libraryTable").queryTableView();
        waitUntil(() -> library.getItems().size() >= 5, 60);
        List<String> names = library.getItems().stream()
                .map(r -> ((dev.skilldesk.library.LibraryOverview.Row) r).skill().name()).sorted().limit(3).toList();

        // Install… two skills for the agents found here, in the project
        selectRows(library, names.subList(0, 2));
        clickOn("#installButton");
        DialogPane install = dialog("Install 2 skills");
        javafx.scene.control.ListView<?> agents = lookup("#targetAgents").queryListView();
        waitUntil(() -> agents.lookupAll(".check-box-list-cell").size() > 2, 10);
        List<String> offered = agents.lookupAll(".check-box-list-cell").stream()
                .map(c -> ((javafx.scene.control.Labeled) c).getText()).filter(t -> t != null).toList();
        assertThat(offered.subList(0, 2)).as("the agents found on this machine come first")
                .containsExactly("Claude Code  (found on this machine)", "Codex  (found on this machine)");
        assertThat(agents.getItems()).hasSizeGreaterThanOrEqualTo(14);
        clickOn((RadioButton) lookup("#targetProject").query());
        TextField where = lookup("#targetProjectPath").query();
        interact(() -> where.setText(project.toString()));
        javafx.scene.control.TextArea writes = lookup("#targetWrites").query();
        waitUntil(() -> writes.getText().contains(project.resolve(".claude/skills").toString()), 5);
        assertThat(writes.getText()).contains("Writes to 2 folders", project.resolve(".agents/skills")
                + "  (Codex; also read by Amp,", project.resolve(".claude/skills") + "  (Claude Code)");
        assertThat(truncated(install)).as("labels cut to …").isEmpty();
        Screenshots.save(install.getScene(), "14-install-for-agents");
        clickOn(install.lookupButton(install.getButtonTypes().get(0)));
        for (String n : names.subList(0, 2)) {
            waitUntil(() -> Files.isRegularFile(project.resolve(".claude/skills").resolve(n).resolve("SKILL.md"))
                    && Files.isRegularFile(project.resolve(".agents/skills").resolve(n).resolve("SKILL.md")), 20);
        }

        // a profile from a Library selection, with the context menu's Add to profile…
        selectRows(library, names);
        MenuItem add = library.getContextMenu().getItems().stream().filter(i -> "addToProfile".equals(i.getId()))
                .findFirst().orElseThrow();
        Platform.runLater(add::fire);
        DialogPane which = dialog("to a profile");
        clickOn(which.lookupButton(ButtonType.OK)); // "A new profile…" is the only choice yet
        DialogPane named = dialog("A name for the set");
        interact(() -> named.lookupAll(".text-field").forEach(f -> ((TextField) f).setText("python-backend")));
        clickOn(named.lookupButton(ButtonType.OK));

        tab("tab-installs");
        javafx.scene.control.ListView<?> profiles = lookup("#profilesList").queryListView();
        try {
            waitUntil(() -> profiles.lookupAll(".list-cell").stream().anyMatch(c -> "python-backend (3)"
                    .equals(((javafx.scene.control.Labeled) c).getText())), 20);
        } catch (Exception e) {
            throw new AssertionError("profiles " + profiles.getItems() + "; said: "
                    + ((Label) lookup("#statusMessage").query()).getText(), e);
        }
        TableView<?> installs = lookup("#installsTable").queryTableView();
        try {
            waitUntil(() -> rowTexts(installs).stream().filter(r -> r.contains(project.toString())).count() == 4, 20);
        } catch (Exception e) {
            throw new AssertionError("installs on screen " + rowTexts(installs) + " of " + installs.getItems().size(), e);
        }
        assertThat(rowTexts(installs)).anySatisfy(r -> assertThat(r).startsWith("Claude Code " + project + " "))
                .anySatisfy(r -> assertThat(r).startsWith("Amp, Antigravity, ").contains(", Codex, ", project + "/.agents/skills"));

        // apply it to the project for Claude Code only
        clickOn("#applyProfile");
        DialogPane apply = dialog("Apply python-backend");
        clickOn((RadioButton) lookup("#targetProject").query());
        waitUntil(() -> ((TextField) lookup("#targetProjectPath").query()).getText().equals(project.toString()), 5);
        // untick Codex (the second row)
        javafx.scene.control.ListView<?> applyAgents = (javafx.scene.control.ListView<?>) apply.lookup("#targetAgents");
        javafx.scene.Node codex = applyAgents.lookupAll(".check-box-list-cell").stream()
                .filter(c -> ((javafx.scene.control.Labeled) c).getText() != null
                        && ((javafx.scene.control.Labeled) c).getText().startsWith("Codex")).findFirst().orElseThrow();
        clickOn(codex.lookup(".check-box"));
        javafx.scene.control.TextArea applyWrites = (javafx.scene.control.TextArea) apply.lookup("#targetWrites");
        waitUntil(() -> applyWrites.getText().startsWith("Writes to 1 folder"), 5);
        clickOn(apply.lookupButton(apply.getButtonTypes().get(0)));
        javafx.scene.control.ListView<?> steps = lookup("#profileSteps").queryListView();
        try {
            waitUntil(() -> cellTexts(steps).size() == 3, 20);
        } catch (Exception e) {
            Screenshots.save(w.scene(), "fail");
            throw new AssertionError("steps " + cellTexts(steps) + " of " + steps.getItems(), e);
        }
        assertThat(cellTexts(steps)).filteredOn(r -> r.contains("unchanged")).hasSize(2);
        assertThat(cellTexts(steps)).filteredOn(r -> r.contains("installed v")).hasSize(1);
        assertThat(project.resolve(".claude/skills").resolve(names.get(2)).resolve("SKILL.md")).isRegularFile();
        Screenshots.save(w.scene(), "15-profiles-and-installs");
        assertThat(truncated(w.scene().getRoot())).as("labels cut to …").isEmpty();

        // take one out of the profile and apply again: it leaves the project's Claude Code folder (only there)
        javafx.scene.control.ListView<?> inProfile = lookup("#profileSkills").queryListView();
        interact(() -> inProfile.getSelectionModel().select(0));
        String removed = (String) inProfile.getSelectionModel().getSelectedItem();
        String removedName = removed.substring(removed.indexOf('/') + 1);
        clickOn("#removeFromProfile");
        waitUntil(() -> profiles.lookupAll(".list-cell").stream().anyMatch(c -> "python-backend (2)"
                .equals(((javafx.scene.control.Labeled) c).getText())), 20);
        clickOn("#applyProfile");
        DialogPane again = dialog("Apply python-backend");
        clickOn((RadioButton) again.lookup("#targetProject"));
        waitUntil(() -> ((javafx.scene.control.TextArea) again.lookup("#targetWrites")).getText().equals("Writes to 1 folder:\n  "
                + project.resolve(".claude/skills") + "  (Claude Code)"), 5); // the agents chosen last time
        clickOn(again.lookupButton(again.getButtonTypes().get(0)));
        waitUntil(() -> cellTexts(steps).stream().anyMatch(r -> r.contains("removed")), 20);
        assertThat(project.resolve(".claude/skills").resolve(removedName)).doesNotExist();
        assertThat(project.resolve(".agents/skills").resolve(removedName).resolve("SKILL.md"))
                .as("Codex's copy was not part of that apply").isRegularFile();

        // the Budget tab plans the listing of Claude Code in the project
        tab("tab-budget");
        ComboBox<?> scope = lookup("#budgetScope").query();
        waitUntil(() -> scope.getItems().stream().anyMatch(s -> s.toString().startsWith("Claude Code in " + project)), 20);
        interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<Object> c = (ComboBox<Object>) scope;
            c.setValue(c.getItems().stream().filter(s -> s.toString().startsWith("Claude Code in " + project))
                    .findFirst().orElseThrow());
        });
        TableView<?> budget = lookup("#budgetTable").queryTableView();
        waitUntil(() -> rowTexts(budget).size() == 2, 10);
        assertThat(scope.getItems().stream().map(Object::toString)).anySatisfy(s -> assertThat(s).startsWith("Profile python-backend"));
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }
}
