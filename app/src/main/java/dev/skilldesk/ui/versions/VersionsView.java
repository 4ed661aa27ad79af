package dev.skilldesk.ui.versions;

import dev.skilldesk.library.TextDiff;
import dev.skilldesk.skill.SkillVersion;
import dev.skilldesk.ui.common.DiffList;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** History with author, date, hash and token counts; a diff of any two versions; rollback with undo. */
public final class VersionsView extends BorderPane {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    public VersionsView(VersionsViewModel vm, Runnable afterActivate) {
        TableView<SkillVersion> history = new TableView<>(vm.versions());
        history.setId("versionsTable");
        TableColumn<SkillVersion, String> active = col("", 30, v -> v.version() == vm.activeProperty().get() ? "●" : "");
        history.getColumns().addAll(List.of(active,
                col("Version", 70, v -> Integer.toString(v.version())),
                col("Author", 110, SkillVersion::createdBy),
                col("Date", 170, v -> WHEN.format(v.createdAt())),
                col("SHA-256", 130, v -> v.contentHash().substring(0, 12)),
                col("L1 / L2 / L3 tokens", 150, v -> v.tokens().layer1() + " / " + v.tokens().layer2() + " / " + v.tokens().layer3()),
                col("Note", 300, v -> v.note() == null ? "" : v.note())));
        history.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        history.setPlaceholder(new Label("No versions yet: save the skill to make version 1."));
        vm.activeProperty().addListener((o, a, b) -> history.refresh());

        ComboBox<Integer> from = new ComboBox<>();
        ComboBox<Integer> to = new ComboBox<>();
        from.setId("diffFrom");
        to.setId("diffTo");
        StringConverter<Integer> names = new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : v == VersionsViewModel.UNSAVED ? "unsaved text" : "v" + v;
            }

            @Override
            public Integer fromString(String s) {
                return s.equals("unsaved text") ? VersionsViewModel.UNSAVED : Integer.parseInt(s.replace("v", ""));
            }
        };
        from.setConverter(names);
        to.setConverter(names);
        // the choices follow the history; filled now too, for a view built after the history has loaded (a tab's
        // view is built when first shown)
        Runnable choices = () -> {
            List<Integer> numbers = vm.versions().stream().map(SkillVersion::version).toList();
            List<Integer> withUnsaved = new ArrayList<>(numbers);
            withUnsaved.add(VersionsViewModel.UNSAVED);
            from.getItems().setAll(withUnsaved);
            to.getItems().setAll(withUnsaved);
            if (numbers.size() >= 2) {
                from.setValue(numbers.get(numbers.size() - 2));
                to.setValue(numbers.get(numbers.size() - 1));
            } else if (!numbers.isEmpty()) {
                from.setValue(numbers.get(0));
                to.setValue(numbers.get(0));
            }
        };
        vm.versions().addListener((ListChangeListener<SkillVersion>) c -> choices.run());
        Runnable rediff = () -> {
            if (from.getValue() != null && to.getValue() != null) {
                vm.diff(from.getValue(), to.getValue());
            }
        };
        from.valueProperty().addListener((o, a, b) -> rediff.run());
        to.valueProperty().addListener((o, a, b) -> rediff.run());
        choices.run();

        ToggleGroup mode = new ToggleGroup();
        ToggleButton sideBySide = new ToggleButton("Side by side");
        ToggleButton unified = new ToggleButton("Unified");
        sideBySide.setToggleGroup(mode);
        unified.setToggleGroup(mode);
        unified.setSelected(true);
        mode.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one of the two is always on
            }
        });
        ToggleButton allLines = new ToggleButton("All lines");
        allLines.setId("diffAllLines");
        allLines.setTooltip(new Tooltip("Show the unchanged lines too, instead of folding them"));
        allLines.selectedProperty().bindBidirectional(vm.allLinesProperty());
        allLines.selectedProperty().addListener((o, a, b) -> vm.rediff());
        Button copyPatch = new Button("Copy patch", new FontIcon(Feather.COPY));
        copyPatch.setTooltip(new Tooltip("Copy the diff as a unified patch"));
        copyPatch.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(vm.unifiedDiffProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
        });

        ListView<TextDiff.Line> unifiedText =
                DiffList.of(vm.diffRows(), "No differences.");
        unifiedText.setId("unifiedDiff");
        TableView<VersionsViewModel.SideBySideRow> sbs = new TableView<>(vm.sideBySideRows());
        sbs.setId("sideBySideDiff");
        sbs.getStyleClass().add("diff-table");
        sbs.getColumns().addAll(List.of(
                diffCol("", 40, r -> r.leftLine() > 0 ? Integer.toString(r.leftLine()) : "", null),
                diffCol("before", 430, VersionsViewModel.SideBySideRow::left, "left"),
                diffCol("", 40, r -> r.rightLine() > 0 ? Integer.toString(r.rightLine()) : "", null),
                diffCol("after", 430, VersionsViewModel.SideBySideRow::right, "right")));
        sbs.setPlaceholder(new Label("Pick two versions to compare."));
        sbs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        vm.sideBySideRows().addListener((ListChangeListener<VersionsViewModel.SideBySideRow>) c -> {
            for (int i = 0; i < vm.sideBySideRows().size(); i++) {
                if (!vm.sideBySideRows().get(i).kind().equals("same")) {
                    sbs.scrollTo(Math.max(0, i - 3)); // open on the first change, with a little context
                    break;
                }
            }
        });
        StackPane diffArea = new StackPane(sbs, unifiedText);
        unifiedText.visibleProperty().bind(unified.selectedProperty());
        sbs.visibleProperty().bind(sideBySide.selectedProperty());

        Button activate = new Button("Make active", new FontIcon(Feather.CHECK_CIRCLE));
        activate.setId("activateVersion");
        activate.disableProperty().bind(history.getSelectionModel().selectedItemProperty().isNull());
        activate.setOnAction(e -> vm.activate(history.getSelectionModel().getSelectedItem().version(), afterActivate));
        Button undo = new Button("Undo rollback", new FontIcon(Feather.ROTATE_CCW));
        undo.setId("undoActivate");
        undo.disableProperty().bind(vm.undoVersionProperty().isEqualTo(0));
        undo.setOnAction(e -> vm.undo(afterActivate));

        FlowPane bar = new FlowPane(8, 6, activate, undo, new Label("   Compare"), from,
                new Label("→"), to, unified, sideBySide, allLines, copyPatch);
        for (Node n : bar.getChildren()) {
            if (n instanceof Control c) {
                c.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        SplitPane split = new SplitPane(history, diffArea);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.35);
        setTop(bar);
        setCenter(split);
    }


    private static <T> TableColumn<T, String> col(String title, double width, Function<T, String> f) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        return c;
    }

    private static TableColumn<VersionsViewModel.SideBySideRow, String> diffCol(String title, double width,
            Function<VersionsViewModel.SideBySideRow, String> f, String side) {
        TableColumn<VersionsViewModel.SideBySideRow, String> c = col(title, width, f);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("diff-added", "diff-removed", "diff-changed");
                setText(empty ? null : item);
                if (!empty && side != null && getTableRow() != null && getTableRow().getItem() != null) {
                    String kind = getTableRow().getItem().kind();
                    if (kind.equals("changed")) {
                        getStyleClass().add("diff-changed");
                    } else if (kind.equals("added") && side.equals("right")) {
                        getStyleClass().add("diff-added");
                    } else if (kind.equals("removed") && side.equals("left")) {
                        getStyleClass().add("diff-removed");
                    }
                }
            }
        });
        return c;
    }
}
