package dev.skilldesk.ui.agents;

import atlantafx.base.theme.Styles;
import dev.skilldesk.agents.AgentView;
import dev.skilldesk.agents.SkillSwitches;
import dev.skilldesk.library.AgentTargets;
import dev.skilldesk.ui.common.TooltipCell;
import dev.skilldesk.ui.common.UiPreferences;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** What an agent sees: pick the agent and the place; every skill it reads, who wins a name, its fate in the listing. */
public final class AgentsView extends BorderPane {
    private static final List<Integer> WINDOWS = List.of(0, 8_000, 32_000, 128_000, 200_000, 400_000, 1_000_000);

    private final AgentsViewModel vm;
    private final TableView<AgentView.Seen> table;
    private final ComboBox<AgentTargets.Agent> agent;

    public AgentsView(AgentsViewModel vm, UiPreferences prefs) {
        this.vm = vm;
        getStyleClass().add("agents-view");
        // the agent: those found on this machine first
        dev.skilldesk.ui.common.AgentChoices.Ordered ordered = dev.skilldesk.ui.common.AgentChoices.foundFirst(vm.env());
        agent = new ComboBox<>(FXCollections.observableArrayList(ordered.agents()));
        agent.setId("agentsAgent");
        agent.setVisibleRowCount(16);
        agent.setMinWidth(Region.USE_PREF_SIZE);
        agent.setPrefWidth(210);
        agent.setConverter(new StringConverter<>() {
            @Override
            public String toString(AgentTargets.Agent a) {
                return a == null ? "" : a.name() + (ordered.isFound(a) ? "  ✓" : "");
            }

            @Override
            public AgentTargets.Agent fromString(String s) {
                return null;
            }
        });
        agent.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(AgentTargets.Agent a, boolean empty) {
                super.updateItem(a, empty);
                setText(empty || a == null ? null : a.name() + (ordered.isFound(a) ? "  (found on this machine)" : ""));
            }
        });
        agent.valueProperty().bindBidirectional(vm.agentProperty());

        TextField project = new TextField();
        project.setId("agentsProject");
        project.setPromptText("none: outside any project");
        project.setPrefColumnCount(26);
        project.setOnAction(e -> {
            Path p = path(project.getText());
            if (java.util.Objects.equals(p, vm.projectProperty().get())) {
                vm.reload(); // the same place (or still none): read again, and say what was wrong with the text
            } else {
                vm.projectProperty().set(p);
            }
        });
        project.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                vm.projectProperty().set(path(project.getText()));
            }
        });
        Button browse = new Button("Browse…");
        browse.setMinWidth(Region.USE_PREF_SIZE);
        browse.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("The project's root folder");
            File f = c.showDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                project.setText(f.getAbsolutePath());
                vm.projectProperty().set(f.toPath());
            }
        });
        ComboBox<Integer> window = new ComboBox<>(FXCollections.observableArrayList(WINDOWS));
        window.setId("agentsWindow");
        window.setEditable(true); // any size: type a number of tokens
        window.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer n) {
                return n == null || n == 0 ? "default" : String.format(Locale.ROOT, "%,d tokens", n);
            }

            @Override
            public Integer fromString(String s) {
                String digits = s == null ? "" : s.replaceAll("[^0-9]", "");
                if (digits.isEmpty() || digits.length() > 9) {
                    return 0;
                }
                int n = Integer.parseInt(digits);
                return s.toLowerCase(Locale.ROOT).contains("k") && n < 100_000 ? n * 1000 : n;
            }
        });
        window.setValue(0);
        window.setMinWidth(Region.USE_PREF_SIZE);
        window.setPrefWidth(170);
        window.valueProperty().addListener((o, a, n) -> vm.contextTokensProperty().set(n == null || n == 0 ? null : n));
        window.setTooltip(new Tooltip("The model's context window: Claude Code lists skills within 1% of it, Codex 2%"
                + " (8,000 characters when it is not known)"));
        Button refresh = new Button(null, new FontIcon(Feather.REFRESH_CW));
        refresh.setTooltip(new Tooltip("Read the folders again"));
        refresh.setOnAction(e -> vm.reload());
        HBox pick = new HBox(8, label("Agent:"), agent, label("Project:"), project, browse, label("Context window:"), window,
                refresh);
        pick.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(project, Priority.ALWAYS);

        Label summary = new Label();
        summary.setId("agentsSummary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        summary.textProperty().bind(vm.summaryProperty());
        Label precedence = new Label();
        precedence.setId("agentsPrecedence");
        precedence.setWrapText(true);
        precedence.setMinHeight(Region.USE_PREF_SIZE);
        precedence.getStyleClass().add(Styles.TEXT_MUTED);
        precedence.textProperty().bind(vm.precedenceProperty());

        table = new TableView<>(vm.rows());
        table.setId("agentsTable");
        table.getStyleClass().add(Styles.DENSE);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(
                col("Skill", 180, AgentView.Seen::name),
                col("Scope", 90, AgentView.Seen::scope),
                col("Loaded", 190, AgentsView::loaded),
                col("Override", 150, s -> s.kept() ? "off (in SkillDesk's keep)" : s.override()),
                col("Listing", 90, s -> s.listing().label()),
                col("Folder", 320, s -> s.path().toString())));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(AgentView.Seen s, boolean empty) {
                super.updateItem(s, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("shadowed"), !empty && s != null && !s.wins());
            }
        });
        Label empty = new Label("This agent reads no skills here. The folders it reads are listed above once you pick it;"
                + " install skills from the Library (Install…), or pick a project.");
        empty.setWrapText(true);
        empty.setMaxWidth(560);
        empty.getStyleClass().add("empty-state");
        table.setPlaceholder(empty);

        MenuButton off = new MenuButton("Switch off", new FontIcon(Feather.EYE_OFF));
        off.setId("agentsSwitchOff");
        MenuItem offItem = new MenuItem("Off: hidden from the agent");
        offItem.setOnAction(e -> switchSelected(SkillSwitches.Mode.OFF));
        MenuItem nameOnly = new MenuItem("Name only: listed without its description (Claude Code)");
        nameOnly.setOnAction(e -> switchSelected(SkillSwitches.Mode.NAME_ONLY));
        MenuItem userOnly = new MenuItem("Only when I call it (Claude Code)");
        userOnly.setOnAction(e -> switchSelected(SkillSwitches.Mode.USER_INVOCABLE_ONLY));
        off.getItems().addAll(offItem, nameOnly, userOnly);
        nameOnly.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.agentProperty().get() == null
                || vm.agentProperty().get().switchKind() != AgentTargets.Switch.CLAUDE_CODE_SKILL_OVERRIDES, vm.agentProperty()));
        userOnly.disableProperty().bind(nameOnly.disableProperty());
        Button on = new Button("Switch on", new FontIcon(Feather.EYE));
        on.setId("agentsSwitchOn");
        on.setOnAction(e -> switchSelected(SkillSwitches.Mode.ON));
        var none = Bindings.isEmpty(table.getSelectionModel().getSelectedItems());
        off.disableProperty().bind(none);
        on.disableProperty().bind(none);
        Button scene = new Button("Scene…", new FontIcon(Feather.LAYERS));
        scene.setId("agentsScene");
        scene.setTooltip(new Tooltip("Switch a profile's skills on or off for chosen agents in one step, with Undo"));
        scene.setOnAction(e -> vm.profiles(profiles -> {
            if (profiles.isEmpty()) {
                // nothing to switch yet: say how to make a profile
                javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION,
                        "A scene switches a profile's skills. Make one first: select skills in the Library and choose"
                                + " Add to profile…");
                a.initOwner(getScene().getWindow());
                a.setHeaderText("No profiles yet");
                a.showAndWait();
                return;
            }
            SwitchDialog.askScene(getScene().getWindow(), profiles, vm.env(), prefs)
                    .ifPresent(c -> vm.scene(c.profile(), c.on(), c.agents(), c.project()));
        }));
        Button undoScene = new Button("Undo last switch", new FontIcon(Feather.ROTATE_CCW));
        undoScene.setId("agentsUndoScene");
        undoScene.disableProperty().bind(vm.lastSceneProperty().isNull());
        undoScene.setOnAction(e -> vm.undoScene());
        vm.lastSceneProperty().addListener((o, a, t) -> undoScene.setTooltip(t == null ? null : new Tooltip("Undo: " + t)));
        HBox actions = new HBox(8, off, on, scene, undoScene);
        actions.setAlignment(Pos.CENTER_LEFT);

        VBox top = new VBox(6, pick, summary, precedence, actions);
        top.setPadding(new Insets(8));
        setTop(top);
        setCenter(table);
        sceneProperty().addListener((o, a, s) -> {
            if (s != null && s.getWindow() != null) {
                PreviewDialog.owner = s.getWindow();
            }
        });
    }

    /** Switches the selected rows' skills for the agent in front, where each row is (its project, or globally). */
    private void switchSelected(SkillSwitches.Mode mode) {
        List<AgentView.Seen> sel = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (sel.isEmpty()) {
            return;
        }
        if (getScene() != null) {
            PreviewDialog.owner = getScene().getWindow();
        }
        Path project = vm.projectProperty().get();
        // off: a copy in the project is switched there, others for me; on: where its override is set (a kept copy
        // comes back from wherever the agent reads it)
        java.util.function.Predicate<AgentView.Seen> here = s -> {
            if (project == null) {
                return false;
            }
            if (mode != SkillSwitches.Mode.ON) {
                return s.path().startsWith(project);
            }
            if (s.kept()) {
                return true;
            }
            Path from = vm.overrideSource(s);
            return from == null ? s.path().startsWith(project) : from.startsWith(project);
        };
        List<String> inProject = sel.stream().filter(here).map(s -> folderName(s)).distinct().toList();
        List<String> global = sel.stream().filter(here.negate()).map(s -> folderName(s)).distinct().toList();
        AgentTargets.Agent a = vm.agentProperty().get();
        if (!inProject.isEmpty()) {
            vm.switchSkills(new AgentsViewModel.Request(inProject, List.of(a), project, mode), t -> { });
        }
        if (!global.isEmpty()) {
            vm.switchSkills(new AgentsViewModel.Request(global, List.of(a), null, mode), t -> { });
        }
    }

    /** The name a switch takes: the agent's name for it (Claude Code: the folder; a kept copy: its folder). */
    private static String folderName(AgentView.Seen s) {
        return s.kept() ? s.path().getFileName().toString() : s.name();
    }

    static String loaded(AgentView.Seen s) {
        if (s.kept() || s.override().equals("off")) {
            return "no: switched off";
        }
        if (!s.wins()) {
            return "no: another copy wins";
        }
        String copies = s.sameName().isEmpty() ? "" : " (" + (s.sameName().size() + 1) + " copies)";
        return s.override().equals("user-invocable-only") ? "only by /" + s.name() + copies : "yes" + copies;
    }

    private Path path(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            vm.projectProblemProperty().set(null);
            return null;
        }
        Path p = Path.of(t).toAbsolutePath().normalize();
        vm.projectProblemProperty().set(Files.isDirectory(p) ? null : "No folder " + p + ": showing what it sees outside"
                + " any project.");
        return Files.isDirectory(p) ? p : null;
    }

    private static Label label(String s) {
        Label l = new Label(s);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static TableColumn<AgentView.Seen, String> col(String title, double width, Function<AgentView.Seen, String> f) {
        TableColumn<AgentView.Seen, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(Math.max(width <= 100 ? width : 0, new Text(title).getLayoutBounds().getWidth() + 44));
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        c.setCellFactory(col -> new TooltipCell<>());
        return c;
    }

    public javafx.scene.Node focusTarget() {
        return agent;
    }
}
