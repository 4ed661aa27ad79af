package dev.skilldesk.ui.triggers;

import dev.skilldesk.library.TriggerResult;
import dev.skilldesk.skill.Trigger;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;
import java.util.function.Function;

/** Add test requests, run them, and read the rank each gives and the skills that beat it. */
public final class TriggerLabView extends BorderPane {
    public TriggerLabView(TriggerLabViewModel vm) {
        TextField request = new TextField();
        request.setId("triggerRequest");
        request.setPromptText("A request an agent might get, e.g. “clean up this messy CSV”");
        HBox.setHgrow(request, Priority.ALWAYS);
        ComboBox<Trigger.Expectation> expect = new ComboBox<>();
        expect.getItems().setAll(Trigger.Expectation.values());
        expect.setValue(Trigger.Expectation.FIND);
        Button add = new Button("Add", new FontIcon(Feather.PLUS));
        add.setId("triggerAdd");
        add.disableProperty().bind(request.textProperty().isEmpty());
        Runnable doAdd = () -> {
            vm.add(request.getText(), expect.getValue());
            request.clear();
        };
        add.setOnAction(e -> doAdd.run());
        request.setOnAction(e -> {
            if (!request.getText().isBlank()) {
                doAdd.run();
            }
        });
        Button run = new Button("Run all", new FontIcon(Feather.PLAY));
        run.setId("triggerRun");
        run.setOnAction(e -> vm.run());
        HBox bar = new HBox(8, request, expect, add, run);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));
        Label summary = new Label();
        summary.textProperty().bind(vm.summaryProperty());
        summary.setPadding(new Insets(0, 8, 6, 8));

        TableView<TriggerResult> table = new TableView<>(vm.results());
        table.setId("triggerResults");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(
                col("Result", 70, r -> r.passed() ? "PASS" : "FAIL"),
                col("Expect", 70, r -> r.trigger().expectation().key()),
                col("Rank", 60, r -> r.rank() == 0 ? "—" : Integer.toString(r.rank())),
                col("Request", 380, r -> r.trigger().request()),
                col("Beaten by", 380, r -> String.join(", ", r.beatenBy()))));
        table.setRowFactory(t -> {
            TableRow<TriggerResult> row = new TableRow<>() {
                @Override
                protected void updateItem(TriggerResult item, boolean empty) {
                    super.updateItem(item, empty);
                    getStyleClass().removeAll("row-error");
                    if (!empty && item != null && !item.passed()) {
                        getStyleClass().add("row-error");
                    }
                }
            };
            MenuItem remove = new MenuItem("Remove this request");
            remove.setOnAction(e -> vm.remove(row.getItem()));
            row.contextMenuProperty().bind(Bindings.when(row.emptyProperty())
                    .then((ContextMenu) null).otherwise(new ContextMenu(remove)));
            return row;
        });
        Label empty = new Label("Requests that should find this skill show the rank they give it and the skills\n"
                + "that beat it, so you see whether the description does its job before an agent loads it.");
        empty.getStyleClass().add("empty-state");
        table.setPlaceholder(empty);
        setTop(new VBox(bar, summary));
        setCenter(table);
    }

    private static TableColumn<TriggerResult, String> col(String title, double width,
                                                         Function<TriggerResult, String> f) {
        TableColumn<TriggerResult, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        return c;
    }
}
