package dev.skilldesk.ui.shell;

import dev.skilldesk.ui.common.Fuzzy;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A box over the window with a field and a list, as an IDE's quick open and command palette have: typing filters
 * the list fuzzily, Up and Down move, Enter picks, Escape (or a click outside) closes. Quick open (Ctrl+P) picks a
 * skill; the command palette (Ctrl+Shift+P) an action, with its shortcut beside it.
 */
final class Picker<T> {
    private static final int SHOWN = 12;
    private final StackPane overlay;
    private final VBox box = new VBox(6);
    private final TextField field = new TextField();
    private final ListView<T> list = new ListView<>();
    private final Supplier<List<T>> items;
    private final Function<T, String> text;
    private final Consumer<T> pick;
    private Node focusBefore;

    /**
     * @param detail the grey text on an item's right (a shortcut, a namespace); null for none
     */
    Picker(StackPane overlay, String id, String prompt, Supplier<List<T>> items, Function<T, String> text,
           Function<T, String> detail, Consumer<T> pick) {
        this.overlay = overlay;
        this.items = items;
        this.text = text;
        this.pick = pick;
        field.setId(id + "Field");
        field.setPromptText(prompt);
        list.setId(id + "List");
        list.setPrefHeight(SHOWN * 30 + 4);
        list.setFocusTraversable(false);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Label main = new Label(text.apply(item));
                main.setMinWidth(Region.USE_PREF_SIZE);
                Region grow = new Region();
                HBox.setHgrow(grow, Priority.ALWAYS);
                HBox row = new HBox(12, main, grow);
                String d = detail == null ? null : detail.apply(item);
                if (d != null && !d.isEmpty()) {
                    Label right = new Label(d);
                    right.getStyleClass().add("text-muted");
                    right.setMinWidth(Region.USE_PREF_SIZE);
                    row.getChildren().add(right);
                }
                row.setAlignment(Pos.CENTER_LEFT);
                setText(null);
                setGraphic(row);
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() >= 1 && list.getSelectionModel().getSelectedItem() != null) {
                choose(list.getSelectionModel().getSelectedItem());
            }
        });
        field.textProperty().addListener((o, a, b) -> refilter());
        field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DOWN) {
                move(1);
                e.consume();
            } else if (e.getCode() == KeyCode.UP) {
                move(-1);
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                T chosen = list.getSelectionModel().getSelectedItem();
                if (chosen != null) {
                    choose(chosen);
                }
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                close();
                e.consume();
            }
        });
        field.focusedProperty().addListener((o, was, now) -> {
            if (!now && isOpen()) {
                // the author went elsewhere: closed once focus has settled on another control (a window losing focus a
                // moment, or the list taking it, does not close it)
                Platform.runLater(() -> {
                    Node owner = box.getScene() == null ? null : box.getScene().getFocusOwner();
                    if (isOpen() && owner != null && !field.isFocused() && !inside(owner)) {
                        close();
                    }
                });
            }
        });
        box.getChildren().addAll(field, list);
        box.setId(id);
        box.getStyleClass().add("picker");
        box.setMaxWidth(620);
        box.setMaxHeight(Region.USE_PREF_SIZE);
        box.setPadding(new Insets(8));
        StackPane.setAlignment(box, Pos.TOP_CENTER);
        StackPane.setMargin(box, new Insets(56, 0, 0, 0));
    }

    private boolean inside(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == box) {
                return true;
            }
        }
        return false;
    }

    boolean isOpen() {
        return overlay.getChildren().contains(box);
    }

    void open(String initial) {
        if (!isOpen()) {
            focusBefore = overlay.getScene() == null ? null : overlay.getScene().getFocusOwner();
            overlay.getChildren().add(box);
        }
        field.setText(initial == null ? "" : initial);
        refilter();
        field.requestFocus();
        field.selectAll();
    }

    void close() {
        if (!isOpen()) {
            return;
        }
        overlay.getChildren().remove(box);
        if (focusBefore != null && focusBefore.getScene() != null) {
            focusBefore.requestFocus();
        }
    }

    private void choose(T item) {
        close();
        pick.accept(item);
    }

    private void refilter() {
        List<T> ranked = Fuzzy.rank(items.get(), field.getText(), text, 200);
        list.getItems().setAll(ranked);
        if (!ranked.isEmpty()) {
            list.getSelectionModel().select(0);
            list.scrollTo(0);
        }
    }

    private void move(int by) {
        int n = list.getItems().size();
        if (n == 0) {
            return;
        }
        int i = Math.floorMod(list.getSelectionModel().getSelectedIndex() + by, n);
        list.getSelectionModel().select(i);
        list.scrollTo(Math.max(0, i - SHOWN / 2));
    }

    ListView<T> list() {
        return list;
    }

    TextField field() {
        return field;
    }
}
