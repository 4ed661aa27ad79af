package dev.skilldesk.ui.sources;

import dev.skilldesk.library.TextDiff;
import dev.skilldesk.skill.Source;
import dev.skilldesk.ui.common.DiffList;
import dev.skilldesk.ui.common.Tables;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Sources: where skills come from. Above, the sources (folders, packages, git repositories, marketplaces); below,
 * the selected one's skills with a badge each (its upstream state, "not imported", or "refused" with the reason),
 * filtered to those that need attention if asked; import a selection, update, update all that merge cleanly, pin.
 */
public final class SourcesView extends BorderPane {
    public SourcesView(SourcesViewModel vm) {
        TableView<Source> sources = new TableView<>(vm.sources());
        sources.setId("sourcesTable");
        sources.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        sources.getColumns().addAll(List.of(
                col("Source", 160, Source::shortName),
                col("Kind", 100, s -> s.kind().label()),
                col("Ref", 124, s -> s.ref() == null ? "default branch" : s.ref()),
                col("Last fetch", 260, s -> s.fetchError() != null ? "failed: " + s.fetchError()
                        : (s.head() != null && s.kind().isGit() ? "at " + s.head().substring(0, 12) : "—")
                        + (s.fetchedAt() == null ? "" : ", " + ago(s.fetchedAt()))),
                col("Location", 400, s -> s.location() + (s.subpath() == null ? "" : " : " + s.subpath()))));
        Label noSources = new Label("No sources yet. Add a git repository, a plugin marketplace, a folder or a .skill"
                + " package\nwith Add source…; its skills remember where they came from and show when upstream moves.\n"
                + "(Import… copies skills in once and forgets where from; a source keeps track of it.)");
        noSources.getStyleClass().add("empty-state");
        sources.setPlaceholder(noSources);
        sources.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && vm.selectedProperty().get() != b) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != null && sources.getSelectionModel().getSelectedItem() != b) {
                sources.getSelectionModel().select(b);
            }
        });

        FilteredList<SourcesViewModel.Row> shown = new FilteredList<>(vm.rows());
        TableView<SourcesViewModel.Row> skills = new TableView<>(shown);
        skills.setId("sourceSkillsTable");
        skills.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        skills.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        skills.getColumns().addAll(List.of(
                rowCol("Skill", 170, SourcesViewModel.Row::name),
                rowCol("State", 130, SourcesViewModel.Row::badge),
                rowCol("Trust check", 130, r -> r.trust() == null ? "" : r.trust()),
                rowCol("Pinned", 80, r -> r.pinned() == null ? "" : r.pinned()),
                rowCol("In the library", 170, r -> r.importedAs() == null ? "" : r.importedAs()),
                rowCol("Path", 200, SourcesViewModel.Row::path),
                rowCol("Detail", 360, r -> r.problem() != null ? r.problem() : r.reason() != null ? r.reason()
                        : r.description() == null ? "" : r.description())));
        skills.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(SourcesViewModel.Row item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("row-error", "row-attention");
                if (!empty && item != null) {
                    if (!item.importable() || "source-gone".equals(item.state())) {
                        getStyleClass().add("row-error");
                    } else if (item.needsUpdate()) {
                        getStyleClass().add("row-attention");
                    }
                }
            }
        });
        Label noSkills = new Label();
        noSkills.getStyleClass().add("empty-state");
        skills.setPlaceholder(noSkills);

        Button add = new Button("Add source…", new FontIcon(Feather.PLUS));
        add.setId("addSource");
        add.setOnAction(e -> addDialog(vm));
        Button fetch = new Button("Fetch", new FontIcon(Feather.REFRESH_CW));
        fetch.setId("fetchSource");
        fetch.disableProperty().bind(vm.selectedProperty().isNull());
        fetch.setOnAction(e -> vm.fetch());
        ComboBox<SourcesViewModel.AutoFetch> auto = new ComboBox<>(
                FXCollections.observableArrayList(SourcesViewModel.AutoFetch.values()));
        auto.setId("autoFetch");
        auto.valueProperty().bindBidirectional(vm.autoFetchProperty());
        auto.setTooltip(new Tooltip("Fetch every source in the background while SkillDesk is open;"
                + " the upstream badges follow. From cron: skilldesk source fetch --older-than 1h"));
        Label autoLabel = new Label("Fetch automatically");
        autoLabel.setLabelFor(auto);
        autoLabel.setMinWidth(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(8, add, fetch, gap, autoLabel, auto);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(8));

        CheckBox needsUpdate = new CheckBox("Needs update only");
        needsUpdate.setId("needsUpdateFilter");
        noSkills.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedProperty().get() == null
                        ? "Select a source to see its skills." : needsUpdate.isSelected() && !vm.rows().isEmpty()
                        ? "Nothing from " + vm.selectedProperty().get().shortName() + " needs an update."
                        : "No skills in " + vm.selectedProperty().get().shortName() + ".",
                vm.selectedProperty(), needsUpdate.selectedProperty(), vm.rows()));
        needsUpdate.selectedProperty().addListener((o, a, only) -> shown.setPredicate(only ? SourcesViewModel.Row::needsUpdate : null));
        Button importSel = new Button("Import selected", new FontIcon(Feather.DOWNLOAD));
        importSel.setId("importFromSource");
        // only for what it applies to: import what is not imported yet, update what is
        importSel.disableProperty().bind(Bindings.createBooleanBinding(() -> skills.getSelectionModel().getSelectedItems()
                .stream().noneMatch(r -> r != null && r.importable() && r.importedAs() == null),
                skills.getSelectionModel().getSelectedItems()));
        importSel.setOnAction(e -> vm.importRows(List.copyOf(skills.getSelectionModel().getSelectedItems())));
        Button update = new Button("Update selected", new FontIcon(Feather.ARROW_UP_CIRCLE));
        update.setId("updateFromSource");
        update.disableProperty().bind(Bindings.createBooleanBinding(() -> skills.getSelectionModel().getSelectedItems()
                .stream().noneMatch(r -> r != null && r.importedAs() != null), skills.getSelectionModel().getSelectedItems()));
        update.setOnAction(e -> vm.update(List.copyOf(skills.getSelectionModel().getSelectedItems()), false));
        Button updateAll = new Button("Update all that merge cleanly");
        updateAll.setId("updateAllFromSources");
        updateAll.setOnAction(e -> vm.update(List.of(), true));
        updateAll.disableProperty().bind(Bindings.isEmpty(vm.sources()));
        Button diff = new Button("Diff with upstream…", new FontIcon(Feather.GIT_PULL_REQUEST));
        diff.setId("diffWithUpstream");
        diff.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            SourcesViewModel.Row r = skills.getSelectionModel().getSelectedItem();
            return r == null || r.importedAs() == null;
        }, skills.getSelectionModel().selectedItemProperty()));
        diff.setOnAction(e -> vm.diff(skills.getSelectionModel().getSelectedItem(), found -> {
            // the same diff as the Versions view: every file under its head, changed words marked
            ListView<TextDiff.Line> rows = DiffList.of(
                    FXCollections.observableArrayList(found.rows()), "No differences: the library"
                            + " has what upstream has.");
            rows.setId("upstreamDiff");
            rows.setPrefSize(820, 460);
            Label sides = new Label("− " + found.ours() + "\n+ " + found.theirs());
            sides.getStyleClass().add("mono");
            VBox area = new VBox(8, sides, rows);
            if (found.note() != null) {
                Label note = new Label(found.note());
                note.setWrapText(true);
                note.getStyleClass().add("notice");
                area.getChildren().add(0, note);
            }
            VBox.setVgrow(rows, Priority.ALWAYS);
            SourcesViewModel.Row row = skills.getSelectionModel().getSelectedItem();
            Dialog<ButtonType> d = new Dialog<>();
            d.setTitle("Upstream changes");
            d.setHeaderText("What updating " + row.name() + " would bring in");
            d.getDialogPane().setContent(area);
            ButtonType updateNow = new ButtonType("Update", ButtonBar.ButtonData.OK_DONE);
            d.getDialogPane().getButtonTypes().addAll(updateNow, ButtonType.CLOSE);
            d.initOwner(getScene().getWindow());
            d.setResultConverter(b -> {
                if (b == updateNow) {
                    vm.update(List.of(row), false);
                }
                return b;
            });
            d.show();
        }));
        Button pin = new Button("Pin…");
        pin.disableProperty().bind(skills.getSelectionModel().selectedItemProperty().isNull());
        pin.setOnAction(e -> {
            SourcesViewModel.Row r = skills.getSelectionModel().getSelectedItem();
            TextInputDialog d = new TextInputDialog(r.pinned() == null ? "" : r.pinned());
            d.setTitle("Pin " + r.name());
            d.setHeaderText("Compare " + r.name() + " with a tag, branch or commit instead of the source's ref");
            d.setContentText("Tag, branch or commit:");
            d.initOwner(getScene().getWindow());
            d.showAndWait().ifPresent(ref -> vm.pin(r, ref));
        });
        Button unpin = new Button("Unpin");
        unpin.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            SourcesViewModel.Row r = skills.getSelectionModel().getSelectedItem();
            return r == null || r.pinned() == null;
        }, skills.getSelectionModel().selectedItemProperty()));
        unpin.setOnAction(e -> vm.unpin(skills.getSelectionModel().getSelectedItem()));
        // a narrow window wraps the actions onto a second row rather than cutting their names
        FlowPane actions = new FlowPane(8, 6, needsUpdate, importSel, diff, update,
                updateAll, pin, unpin);
        for (Node n : actions.getChildren()) {
            if (n instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.setPadding(new Insets(8));
        Label message = new Label();
        message.setId("sourcesMessage");
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        message.getStyleClass().add("text-muted");
        message.setPadding(new Insets(0, 8, 8, 8));

        VBox lower = new VBox(actions, message, skills);
        VBox.setVgrow(skills, Priority.ALWAYS);
        SplitPane split = new SplitPane(sources, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.3);
        setTop(top);
        setCenter(split);
    }

    private void addDialog(SourcesViewModel vm) {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Add a source");
        d.setHeaderText("A git repository or plugin marketplace (URL), a folder, or a .skill/.zip package");
        d.initOwner(getScene().getWindow());
        TextField location = new TextField();
        location.setId("sourceLocation");
        location.setPromptText("https://github.com/acme/skills.git, or /path/to/folder");
        location.setPrefColumnCount(36);
        TextField ref = new TextField();
        ref.setPromptText("the default branch");
        TextField path = new TextField();
        path.setPromptText("the whole source");
        TextField ns = new TextField();
        ns.setPromptText("your namespace");
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.addRow(0, formLabel("URL or path"), location);
        g.addRow(1, formLabel("Branch, tag or commit"), ref);
        g.addRow(2, formLabel("Folder in it"), path);
        g.addRow(3, formLabel("Import into namespace"), ns);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(new ButtonType("Add", ButtonBar.ButtonData.OK_DONE),
                ButtonType.CANCEL);
        Node ok = d.getDialogPane().lookupButton(d.getDialogPane().getButtonTypes().get(0));
        ok.setId("addSourceOk");
        ok.disableProperty().bind(location.textProperty().isEmpty());
        d.showAndWait().filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE)
                .ifPresent(b -> vm.add(location.getText().strip(), ref.getText(), path.getText(), ns.getText()));
    }

    /** A form's label: as wide as its text, never cut. */
    private static Label formLabel(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** "just now", "5 min ago", "3 h ago", "2 days ago". */
    static String ago(Instant when) {
        long min = Duration.between(when, Instant.now()).toMinutes();
        if (min < 1) {
            return "just now";
        }
        if (min < 60) {
            return min + " min ago";
        }
        if (min < 48 * 60) {
            return (min / 60) + " h ago";
        }
        return (min / (24 * 60)) + " days ago";
    }

    private static TableColumn<Source, String> col(String title, double width, Function<Source, String> f) {
        TableColumn<Source, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        return c;
    }

    private static TableColumn<SourcesViewModel.Row, String> rowCol(String title, double width,
                                                                  Function<SourcesViewModel.Row, String> f) {
        TableColumn<SourcesViewModel.Row, String> c = new TableColumn<>(title);
        c.setMinWidth(Tables.headerWidth(title));
        c.setPrefWidth(Math.max(width, c.getMinWidth()));
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        return c;
    }
}
