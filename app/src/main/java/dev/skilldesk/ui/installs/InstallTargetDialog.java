package dev.skilldesk.ui.installs;

import dev.skilldesk.library.AgentTargets;
import dev.skilldesk.ui.common.Prefs;
import dev.skilldesk.ui.common.UiPreferences;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where skills go: the agents (every one of the agents table, those found on this machine first), for the author
 * (each agent's global folder) or in a project, or into any folder; copy or link. It says which folders that
 * writes, agents that share a folder listed together (one copy). The agents chosen are remembered.
 */
public final class InstallTargetDialog {
    /** What the author chose: agents and a project (null: their global folders), or a folder of their own. */
    public record Choice(List<AgentTargets.Agent> agents, Path project, Path folder, boolean link) {
        /** The folders this writes to, one per folder, with the agents that read each. */
        public List<AgentTargets.Target> targets(Map<String, String> env) {
            if (folder != null) {
                return List.of(new AgentTargets.Target(folder.toAbsolutePath().normalize(), List.of()));
            }
            return AgentTargets.byFolder(agents, env, project);
        }
    }


    private InstallTargetDialog() {
    }

    /** One agent of the list, ticked or not. */
    private record Item(AgentTargets.Agent agent, boolean found, BooleanProperty ticked) {
        @Override
        public String toString() {
            return agent.name() + (found ? "  (found on this machine)" : "");
        }
    }

    /**
     * Asks; {@code action} names the button ("Install", "Apply"). {@code anyFolder}: offer "a folder of my choice"
     * too (installing does; applying a profile, which is about agents, does not).
     */
    public static Optional<Choice> ask(Window owner, String header, String action, Map<String, String> env,
                                       UiPreferences prefs, boolean anyFolder) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(action + " skills");
        d.setHeaderText(header);
        d.setResizable(true);

        ToggleGroup where = new ToggleGroup();
        RadioButton global = new RadioButton("For me: each agent's own skills folder");
        global.setId("targetGlobal");
        RadioButton inProject = new RadioButton("In a project:");
        inProject.setId("targetProject");
        RadioButton inFolder = new RadioButton("Into a folder of my choice:");
        inFolder.setId("targetFolder");
        for (RadioButton r : List.of(global, inProject, inFolder)) {
            r.setToggleGroup(where);
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        TextField project = new TextField(prefs.get(Prefs.INSTALL_PROJECT));
        project.setId("targetProjectPath");
        project.setPromptText("the project's root folder");
        TextField folder = new TextField();
        folder.setId("targetFolderPath");
        folder.setPromptText("any folder");
        folder.setTooltip(new Tooltip("Each skill goes into a folder of its name there"));
        HBox projectRow = new HBox(6, inProject, project, browse(owner, "The project's root folder", project));
        HBox folderRow = new HBox(6, inFolder, folder, browse(owner, "Install into folder", folder));
        for (HBox row : List.of(projectRow, folderRow)) {
            row.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(row.getChildren().get(1), Priority.ALWAYS);
        }
        project.disableProperty().bind(inProject.selectedProperty().not());
        folder.disableProperty().bind(inFolder.selectedProperty().not());
        // where it went last time; applying a profile (which also removes) starts in a project, never globally
        String scope = prefs.get(anyFolder ? Prefs.INSTALL_SCOPE : Prefs.APPLY_SCOPE);
        (scope.equals("project") ? inProject : scope.equals("folder") && anyFolder ? inFolder : global).setSelected(true);

        Set<String> remembered = Set.of(prefs.get(Prefs.INSTALL_AGENTS).split(","));
        ObservableList<Item> items = FXCollections.observableArrayList();
        List<Item> found = new ArrayList<>();
        dev.skilldesk.ui.common.AgentChoices.Ordered ordered = dev.skilldesk.ui.common.AgentChoices.foundFirst(env);
        for (AgentTargets.Agent a : ordered.agents()) {
            Item i = new Item(a, ordered.isFound(a), new SimpleBooleanProperty(remembered.contains(a.id())));
            items.add(i);
            if (i.found()) {
                found.add(i);
            }
        }
        if (items.stream().noneMatch(i -> i.ticked().get())) {
            // nothing remembered: the agents found here, else Claude Code
            (found.isEmpty() ? items.filtered(i -> i.agent().id().equals("claude-code")) : found)
                    .forEach(i -> i.ticked().set(true));
        }
        ListView<Item> agents = new ListView<>(items);
        agents.setId("targetAgents");
        agents.setCellFactory(CheckBoxListCell.forListView(Item::ticked));
        agents.setPrefHeight(230);
        agents.disableProperty().bind(inFolder.selectedProperty());
        Label agentsLabel = new Label("Agents (" + found.size() + " found on this machine, " + items.size() + " known):");

        CheckBox link = new CheckBox("Link instead of copying");
        link.setId("targetLink");
        link.setTooltip(new Tooltip("Each folder gets a link to one copy SkillDesk keeps per"
                + " version. Where the system refuses links (Windows without developer mode, some file systems) it is"
                + " copied, and the message says so."));
        link.setSelected(prefs.get(Prefs.INSTALL_LINK));

        // the folders it writes: a fixed height that scrolls, so that the dialog (and its buttons) never move
        TextArea writes = new TextArea();
        writes.setId("targetWrites");
        writes.setEditable(false);
        writes.setWrapText(true);
        writes.setPrefRowCount(4);
        writes.setFocusTraversable(false);
        writes.getStyleClass().add("text-muted");
        Runnable preview = () -> writes.setText(preview(choice(items, where, inProject, inFolder, project, folder, link),
                env));
        items.forEach(i -> i.ticked().addListener((o, a, b) -> preview.run()));
        where.selectedToggleProperty().addListener((o, a, b) -> preview.run());
        project.textProperty().addListener((o, a, b) -> preview.run());
        folder.textProperty().addListener((o, a, b) -> preview.run());
        preview.run();

        VBox content = new VBox(8, global, projectRow);
        if (anyFolder) {
            content.getChildren().add(folderRow);
        }
        content.getChildren().addAll(agentsLabel, agents, link, writes);
        content.setPadding(new Insets(8, 12, 4, 12)); // the Browse buttons keep clear of the dialog's edge
        content.setPrefWidth(620);
        d.getDialogPane().setContent(content);
        ButtonType ok = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        Node okButton = d.getDialogPane().lookupButton(ok);
        okButton.setId("targetOk");
        okButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> choice(items, where, inProject, inFolder, project, folder, link) == null,
                where.selectedToggleProperty(), project.textProperty(), folder.textProperty(),
                Bindings.createIntegerBinding(() -> (int) items.stream().filter(i -> i.ticked().get()).count(),
                        items.stream().map(Item::ticked).toArray(Observable[]::new))));
        Optional<ButtonType> answer = d.showAndWait();
        if (answer.isEmpty() || answer.get() != ok) {
            return Optional.empty();
        }
        Choice c = choice(items, where, inProject, inFolder, project, folder, link);
        if (c != null && !anyFolder && c.project() == null && !confirmGlobal(owner)) {
            return Optional.empty();
        }
        if (c != null) {
            prefs.set(anyFolder ? Prefs.INSTALL_SCOPE : Prefs.APPLY_SCOPE, c.folder() != null ? "folder"
                    : c.project() != null ? "project" : "global");
            prefs.set(Prefs.INSTALL_AGENTS, String.join(",", c.agents().stream().map(AgentTargets.Agent::id).toList()));
            prefs.set(Prefs.INSTALL_LINK, c.link());
            if (c.project() != null) {
                prefs.set(Prefs.INSTALL_PROJECT, c.project().toString());
            }
        }
        return Optional.ofNullable(c);
    }

    /** Applying to the global folders makes them hold only the profile's skills: asked first. */
    private static boolean confirmGlobal(Window owner) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION,
                "Applying a profile to your own folders (not a project's) makes each agent's global skills folder hold"
                        + " only the profile's skills: copies SkillDesk installed there that are not in the profile are"
                        + " removed (edited ones are kept).", ButtonType.OK, ButtonType.CANCEL);
        a.initOwner(owner);
        a.setHeaderText("Apply to your global skills folders?");
        ((Button) a.getDialogPane().lookupButton(ButtonType.OK)).setText("Apply globally");
        return a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    /** The choice as it stands, or null when it is not complete (no agent, no project folder …). */
    private static Choice choice(List<Item> items, ToggleGroup where, RadioButton inProject, RadioButton inFolder,
                                 TextField project, TextField folder, CheckBox link) {
        if (where.getSelectedToggle() == inFolder) {
            String f = folder.getText().strip();
            return f.isEmpty() ? null : new Choice(List.of(), null, Path.of(f), link.isSelected());
        }
        List<AgentTargets.Agent> ticked = items.stream().filter(i -> i.ticked().get()).map(Item::agent).toList();
        if (ticked.isEmpty()) {
            return null;
        }
        if (where.getSelectedToggle() == inProject) {
            String p = project.getText().strip();
            if (p.isEmpty() || !Path.of(p).isAbsolute() || !Files.isDirectory(Path.of(p))) {
                return null;
            }
            return new Choice(ticked, Path.of(p), null, link.isSelected());
        }
        return new Choice(ticked, null, null, link.isSelected());
    }

    /** "Writes to: <folder> (agents)" for each folder, or what is missing. */
    static String preview(Choice c, Map<String, String> env) {
        if (c == null) {
            return "Choose at least one agent, and a project folder that exists when installing into a project.";
        }
        Map<Path, String> lines = new LinkedHashMap<>();
        for (AgentTargets.Target t : c.targets(env)) {
            List<String> chosen = t.agents().stream().map(AgentTargets.Agent::name).toList();
            List<String> also = AgentTargets.readersOf(t.folder(), env, c.project()).stream()
                    .map(AgentTargets.Agent::name).filter(n -> !chosen.contains(n)).toList();
            lines.put(t.folder(), String.join(", ", chosen) + (also.isEmpty() ? "" : "; also read by "
                    + String.join(", ", also)));
        }
        StringBuilder b = new StringBuilder(lines.size() == 1 ? "Writes to 1 folder:" : "Writes to " + lines.size()
                + " folders (agents that share one get one copy):");
        lines.forEach((f, who) -> b.append("\n  ").append(f).append(who.isEmpty() ? "" : "  (" + who + ")"));
        return b.toString();
    }

    private static Button browse(Window owner, String title, TextField into) {
        Button b = new Button("Browse…");
        b.disableProperty().bind(into.disableProperty());
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(title);
            if (!into.getText().isBlank() && Files.isDirectory(Path.of(into.getText().strip()))) {
                chooser.setInitialDirectory(new File(into.getText().strip()));
            }
            File f = chooser.showDialog(owner);
            if (f != null) {
                into.setText(f.toString());
            }
        });
        return b;
    }
}
