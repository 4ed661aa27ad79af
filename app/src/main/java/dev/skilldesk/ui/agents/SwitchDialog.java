package dev.skilldesk.ui.agents;

import dev.skilldesk.agents.SkillSwitches;
import dev.skilldesk.library.AgentTargets;
import dev.skilldesk.library.Profiles;
import dev.skilldesk.ui.common.AgentChoices;
import dev.skilldesk.ui.common.Prefs;
import dev.skilldesk.ui.common.UiPreferences;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Asks which agents, where (for me or in a project) and how a switch goes; the scene dialog adds the profile. */
public final class SwitchDialog {
    private SwitchDialog() {
    }

    /** One agent of the list, ticked or not. */
    private record Item(AgentTargets.Agent agent, boolean found, BooleanProperty ticked) {
        @Override
        public String toString() {
            return agent.name() + (found ? "  (found on this machine)" : "") + "  · " + how(agent);
        }
    }

    static String how(AgentTargets.Agent a) {
        return switch (a.switchKind()) {
            case CLAUDE_CODE_SKILL_OVERRIDES -> "its skillOverrides setting";
            case CODEX_SKILLS_CONFIG -> "its [[skills.config]] in config.toml";
            case GEMINI_CLI_SKILLS_DISABLED -> "its skills.disabled setting";
            case KEEP -> "folder moved into SkillDesk's keep";
        };
    }

    /** What the scene dialog chose. */
    public record SceneChoice(Profiles.Profile profile, boolean on, List<AgentTargets.Agent> agents, Path project) {
    }

    /** Asks how to switch {@code skills}; empty when cancelled. */
    public static Optional<AgentsViewModel.Request> askSwitch(Window owner, List<String> skills, boolean on,
                                                              Map<String, String> env, UiPreferences prefs) {
        Dialog<ButtonType> d = dialog(owner, (on ? "Switch on " : "Switch off ") + (skills.size() == 1 ? "'" + skills.get(0) + "'"
                : skills.size() + " skills") + " for the agents you choose, without deleting "
                + (skills.size() == 1 ? "it" : "them") + ".\nEach agent by its own switch where it has one; for the others the"
                + " folder moves into SkillDesk's keep and back.");
        Parts parts = parts(owner, env, prefs);
        ChoiceBox<SkillSwitches.Mode> mode = new ChoiceBox<>(FXCollections.observableArrayList(SkillSwitches.Mode.OFF,
                SkillSwitches.Mode.NAME_ONLY, SkillSwitches.Mode.USER_INVOCABLE_ONLY));
        mode.setId("switchMode");
        mode.setValue(SkillSwitches.Mode.OFF);
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(SkillSwitches.Mode m) {
                return m == null ? "" : switch (m) {
                    case OFF -> "Off: hidden from the agent";
                    case NAME_ONLY -> "Name only: listed without its description (Claude Code)";
                    case USER_INVOCABLE_ONLY -> "Only when I call it: hidden from the model (Claude Code)";
                    case ON -> "On";
                };
            }

            @Override
            public SkillSwitches.Mode fromString(String s) {
                return null;
            }
        });
        HBox modeRow = new HBox(8, new Label("How:"), mode);
        modeRow.setAlignment(Pos.CENTER_LEFT);
        VBox content = parts.box();
        if (!on) {
            content.getChildren().add(modeRow);
        }
        d.getDialogPane().setContent(content);
        ButtonType ok = new ButtonType("Preview…", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(ok).setId("switchOk");
        ButtonBar.setButtonUniformSize(d.getDialogPane().lookupButton(ok), false);
        if (d.showAndWait().filter(b -> b == ok).isEmpty()) {
            return Optional.empty();
        }
        List<AgentTargets.Agent> agents = parts.ticked();
        if (agents.isEmpty()) {
            return Optional.empty();
        }
        parts.remember(prefs);
        return Optional.of(new AgentsViewModel.Request(skills, agents, parts.project(), on ? SkillSwitches.Mode.ON : mode.getValue()));
    }

    /** Asks which profile to switch on or off, for which agents, where; empty when cancelled. */
    public static Optional<SceneChoice> askScene(Window owner, List<Profiles.Profile> profiles, Map<String, String> env,
                                                 UiPreferences prefs) {
        Dialog<ButtonType> d = dialog(owner, "A scene switches every skill of a profile on or off for the agents you choose,"
                + " in one step, with a preview first and Undo after. Nothing is deleted.");
        ChoiceBox<Profiles.Profile> profile = new ChoiceBox<>(FXCollections.observableArrayList(profiles));
        profile.setId("sceneProfile");
        profile.setConverter(new StringConverter<>() {
            @Override
            public String toString(Profiles.Profile p) {
                return p == null ? "" : p.name() + " (" + p.skills().size() + " skill" + (p.skills().size() == 1 ? "" : "s") + ")";
            }

            @Override
            public Profiles.Profile fromString(String s) {
                return null;
            }
        });
        if (!profiles.isEmpty()) {
            profile.setValue(profiles.get(0));
        }
        ToggleGroup way = new ToggleGroup();
        RadioButton off = new RadioButton("Off");
        off.setId("sceneOff");
        RadioButton on = new RadioButton("On");
        on.setId("sceneOn");
        off.setToggleGroup(way);
        on.setToggleGroup(way);
        off.setSelected(true);
        HBox top = new HBox(8, new Label("Profile:"), profile, new Label("Switch:"), off, on);
        top.setAlignment(Pos.CENTER_LEFT);
        Parts parts = parts(owner, env, prefs);
        VBox content = parts.box();
        content.getChildren().add(0, top);
        d.getDialogPane().setContent(content);
        ButtonType ok = new ButtonType("Preview…", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        Node okButton = d.getDialogPane().lookupButton(ok);
        okButton.setId("sceneOk");
        ButtonBar.setButtonUniformSize(okButton, false);
        okButton.disableProperty().bind(profile.valueProperty().isNull());
        if (d.showAndWait().filter(b -> b == ok).isEmpty() || parts.ticked().isEmpty()) {
            return Optional.empty();
        }
        parts.remember(prefs);
        return Optional.of(new SceneChoice(profile.getValue(), on.isSelected(), parts.ticked(), parts.project()));
    }

    private static Dialog<ButtonType> dialog(Window owner, String header) {
        Dialog<ButtonType> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle("SkillDesk");
        d.setHeaderText(header);
        d.setResizable(true);
        return d;
    }

    /** The agents list and the place, shared by both dialogs. */
    private record Parts(VBox box, ObservableList<Item> items, RadioButton inProject, TextField path) {
        List<AgentTargets.Agent> ticked() {
            return items.stream().filter(i -> i.ticked().get()).map(Item::agent).toList();
        }

        Path project() {
            String t = path.getText() == null ? "" : path.getText().strip();
            return inProject.isSelected() && !t.isEmpty() ? Path.of(t).toAbsolutePath().normalize() : null;
        }

        void remember(UiPreferences prefs) {
            Path p = project();
            if (p != null) {
                prefs.set(Prefs.INSTALL_PROJECT, p.toString());
            }
        }
    }

    private static Parts parts(Window owner, Map<String, String> env, UiPreferences prefs) {
        ToggleGroup where = new ToggleGroup();
        RadioButton global = new RadioButton("For me: the agents' global settings and folders");
        global.setId("switchGlobal");
        RadioButton inProject = new RadioButton("In a project:");
        inProject.setId("switchProject");
        global.setToggleGroup(where);
        inProject.setToggleGroup(where);
        global.setSelected(true);
        inProject.setMinWidth(Region.USE_PREF_SIZE);
        TextField path = new TextField(prefs.get(Prefs.INSTALL_PROJECT));
        path.setId("switchProjectPath");
        path.setPromptText("the project's root folder");
        path.disableProperty().bind(inProject.selectedProperty().not());
        Button browse = new Button("Browse…");
        browse.setMinWidth(Region.USE_PREF_SIZE);
        browse.disableProperty().bind(inProject.selectedProperty().not());
        browse.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("The project's root folder");
            String t = path.getText();
            if (t != null && !t.isBlank() && Files.isDirectory(Path.of(t))) {
                c.setInitialDirectory(new File(t));
            }
            File f = c.showDialog(owner);
            if (f != null) {
                path.setText(f.getAbsolutePath());
            }
        });
        HBox projectRow = new HBox(6, inProject, path, browse);
        projectRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(path, Priority.ALWAYS);

        Set<String> remembered = Set.of(prefs.get(Prefs.INSTALL_AGENTS).split(","));
        AgentChoices.Ordered ordered = AgentChoices.foundFirst(env);
        ObservableList<Item> items = FXCollections.observableArrayList();
        for (AgentTargets.Agent a : ordered.agents()) {
            items.add(new Item(a, ordered.isFound(a), new SimpleBooleanProperty(remembered.contains(a.id()))));
        }
        if (items.stream().noneMatch(i -> i.ticked().get())) {
            items.stream().filter(i -> i.agent().id().equals("claude-code")).forEach(i -> i.ticked().set(true));
        }
        ListView<Item> list = new ListView<>(items);
        list.setId("switchAgents");
        list.setCellFactory(CheckBoxListCell.forListView(Item::ticked));
        list.setPrefHeight(220);
        Label agentsLabel = new Label("Agents (" + ordered.found() + " found on this machine, " + items.size() + " known):");
        VBox box = new VBox(8, global, projectRow, agentsLabel, list);
        box.setPadding(new Insets(8, 12, 4, 12));
        box.setPrefWidth(640);
        return new Parts(box, items, inProject, path);
    }
}
