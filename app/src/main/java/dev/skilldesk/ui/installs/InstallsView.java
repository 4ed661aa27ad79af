package dev.skilldesk.ui.installs;

import atlantafx.base.theme.Styles;
import dev.skilldesk.library.AgentTargets;
import dev.skilldesk.library.Installs;
import dev.skilldesk.ui.common.TooltipCell;
import dev.skilldesk.ui.common.UiPreferences;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Where skills were installed, whether the copies drifted, and the actions that reconcile them. */
public final class InstallsView extends BorderPane {
    public InstallsView(InstallsViewModel vm, ProfilesViewModel profiles, UiPreferences prefs,
                        java.util.function.Consumer<List<String>> switchOff) {
        SortedList<Installs.Status> sorted =
                new SortedList<>(vm.rows());
        TableView<Installs.Status> table = new TableView<>(sorted);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setId("installsTable");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // too narrow for every column (a 1024-pixel screen): the columns keep their widths and the table scrolls sideways
        table.widthProperty().addListener((o, a, w) -> table.setColumnResizePolicy(w.doubleValue() < 900
                ? TableView.UNCONSTRAINED_RESIZE_POLICY : TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN));
        Map<String, String> env = vm.env();
        TableColumn<Installs.Status, String> state = col("State", 110, s -> s.state().label());
        // the sentence behind the state (what changed on disk, why a copy cannot be read) on hover
        state.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                Installs.Status st = empty || getTableRow() == null ? null : getTableRow().getItem();
                setTooltip(st == null || st.detail() == null ? null : new Tooltip(st.detail()));
            }
        });
        table.getColumns().addAll(List.of(
                col("Agents", 190, st -> agents(st, env)),
                col("Project", 120, st -> {
                    var w = AgentTargets.where(st.install().folder().getParent(), env);
                    return w.agents().isEmpty() ? "" : w.project() == null ? "(global)" : w.project().toString();
                }),
                col("Skill", 200, Installs.Status::ref),
                col("Installed", 84, s -> "v" + s.install().version()),
                col("Library", 76, s -> "v" + s.activeVersion()),
                state,
                col("Folder", 300, s -> s.install().folder().toString())));
        // grouped by agent and project: the rows sorted by those two columns first
        table.getSortOrder().setAll(List.of(table.getColumns().get(0), table.getColumns().get(1)));
        Label empty = new Label("No installed copies yet. Select skills in the Library and choose Install… to copy them"
                + " into the folders of the agents you use (Claude Code, Codex, Cursor, Gemini CLI …), for you or in a project.");
        empty.setWrapText(true);
        empty.setMaxWidth(560);
        empty.setMinHeight(Region.USE_PREF_SIZE);
        empty.getStyleClass().add("empty-state");
        table.setPlaceholder(empty);
        Button refresh = new Button("Check again", new FontIcon(Feather.REFRESH_CW));
        refresh.setOnAction(e -> vm.reload());
        Button importEdits = new Button("Import edits as a new version", new FontIcon(Feather.DOWNLOAD));
        importEdits.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            Installs.Status s = table.getSelectionModel().getSelectedItem();
            return s == null || s.state() != Installs.State.EDITED_ON_DISK;
        }, table.getSelectionModel().selectedItemProperty()));
        importEdits.setOnAction(e -> vm.importEdits(table.getSelectionModel().getSelectedItem()));
        Button update = new Button("Update the copy", new FontIcon(Feather.UPLOAD));
        update.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            Installs.Status s = table.getSelectionModel().getSelectedItem();
            return s == null || s.state() == Installs.State.IN_SYNC;
        }, table.getSelectionModel().selectedItemProperty()));
        update.setOnAction(e -> vm.updateCopy(table.getSelectionModel().getSelectedItem()));
        Button off = new Button("Switch off…", new FontIcon(Feather.EYE_OFF));
        off.setId("installsSwitchOff");
        off.setTooltip(new Tooltip("Switch the selected copies' skills off for agents without deleting them"));
        off.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        off.setOnAction(e -> switchOff.accept(table.getSelectionModel().getSelectedItems().stream()
                .map(s -> s.install().folder().getFileName().toString()).distinct().toList()));
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        // a narrow window wraps the buttons to a second line rather than cutting their words
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(8, 6, refresh, importEdits, update, off);
        for (Button b : List.of(refresh, importEdits, update, off)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));
        BorderPane installed = new BorderPane();
        installed.setTop(bar); // before the table: Tab follows the layout
        // the projects' lock files (skills-lock.json, as the skills CLI writes it) against their disk
        TableView<dev.skilldesk.agents.SkillLocks.Drift> locks = new TableView<>(vm.drift());
        locks.setId("installsLocks");
        locks.getStyleClass().add(Styles.DENSE);
        locks.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        locks.getColumns().addAll(List.of(
                lockCol("Lock file", 260, d -> d.lock().toString()),
                lockCol("Skill", 160, dev.skilldesk.agents.SkillLocks.Drift::name),
                lockCol("On disk", 110, d -> d.state().equals("not-in-lock") ? "not in lock" : d.state()),
                lockCol("Folder", 300, d -> d.folder() == null ? "" : d.folder().toString())));
        Label noLocks = new Label("No lock files in the projects SkillDesk installed into. 'skilldesk lock --project DIR'"
                + " writes one (skills-lock.json, as the skills CLI reads it); 'skilldesk restore --project DIR' installs"
                + " what one names.");
        noLocks.setWrapText(true);
        noLocks.setMaxWidth(560);
        noLocks.setMinHeight(Region.USE_PREF_SIZE);
        noLocks.getStyleClass().add("empty-state");
        locks.setPlaceholder(noLocks);
        Label locksTitle = new Label("Lock files");
        locksTitle.getStyleClass().add(Styles.TITLE_4);
        BorderPane locksPane = new BorderPane(locks);
        locksPane.setTop(locksTitle);
        BorderPane.setMargin(locksTitle, new Insets(4, 8, 4, 8));
        SplitPane tables = new SplitPane(table, locksPane);
        tables.setOrientation(javafx.geometry.Orientation.VERTICAL);
        tables.setDividerPositions(0.72);
        installed.setCenter(tables);
        ProfilesView profilesView = new ProfilesView(profiles, prefs);
        profilesView.setMinWidth(300);
        SplitPane split = new SplitPane(profilesView, installed);
        split.setDividerPositions(0.27);
        SplitPane.setResizableWithParent(profilesView, false);
        setCenter(split);
    }

    private static TableColumn<dev.skilldesk.agents.SkillLocks.Drift, String> lockCol(String title, double width,
            Function<dev.skilldesk.agents.SkillLocks.Drift, String> f) {
        TableColumn<dev.skilldesk.agents.SkillLocks.Drift, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(new Text(title).getLayoutBounds().getWidth() + 44);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        c.setCellFactory(col -> new TooltipCell<>());
        return c;
    }

    private static String agents(Installs.Status st, Map<String, String> env) {
        var w = AgentTargets.where(st.install().folder().getParent(), env);
        return w.agents().isEmpty() ? "(a folder of yours)" : w.agentNames();
    }

    private static TableColumn<Installs.Status, String> col(String title, double width,
                                                           Function<Installs.Status, String> f) {
        TableColumn<Installs.Status, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        // short values (v2, in-sync): never cut; the wide columns give way, but never below their header
        c.setMinWidth(Math.max(width <= 130 ? width : 0, new Text(title).getLayoutBounds().getWidth() + 44));
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        c.setCellFactory(col -> new TooltipCell<>());
        return c;
    }
}
