package dev.skilldesk.ui.shell;

import dev.skilldesk.ui.common.Document;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The open skills, a chip each (its name, a dot while it has unsaved edits, a close button), in a strip that scrolls
 * sideways when they do not fit; a menu at its end lists them all. The places never share this strip: they stay
 * in the rail whatever is open.
 */
final class DocumentStrip extends HBox {
    private final HBox chips = new HBox(2);
    private final ScrollPane scroller = new ScrollPane(chips);
    private final MenuButton all = new MenuButton();
    private final ObjectProperty<Document> active = new SimpleObjectProperty<>();
    private final Map<Document, HBox> chipOf = new HashMap<>();

    DocumentStrip(ObservableList<Document> documents, Consumer<Document> show) {
        setId("documentStrip");
        getStyleClass().add("document-strip");
        setAlignment(Pos.CENTER_LEFT);
        chips.setAlignment(Pos.CENTER_LEFT);
        scroller.setFitToHeight(true);
        scroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroller.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroller.setFocusTraversable(false);
        scroller.getStyleClass().add("edge-to-edge");
        HBox.setHgrow(scroller, Priority.ALWAYS);
        all.setId("openSkillsMenu");
        all.setGraphic(new FontIcon(Feather.CHEVRON_DOWN));
        all.setTooltip(new Tooltip("Every open skill"));
        all.setFocusTraversable(false);
        all.textProperty().bind(Bindings.size(documents).asString("%d open"));
        all.setMinWidth(Region.USE_PREF_SIZE); // the strip's chips give way, never "N open"
        getChildren().addAll(scroller, all);
        documents.addListener((ListChangeListener<Document>) c -> rebuild(documents, show));
        active.addListener((o, a, b) -> {
            chipOf.forEach((d, chip) -> chip.pseudoClassStateChanged(PseudoClass.getPseudoClass("selected"), d == b));
            markActiveItem();
            showActiveChip();
        });
        // a chip added or widened (a title set after it was shown) moves the others: the one in front stays in view
        chips.widthProperty().addListener((o, a, b) -> showActiveChip());
        // the mouse wheel scrolls the strip sideways (its chips never wrap), as a tab strip's does
        scroller.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> {
            double content = chips.getWidth();
            double view = scroller.getViewportBounds().getWidth();
            double delta = e.getDeltaX() != 0 ? e.getDeltaX() : e.getDeltaY();
            if (content > view && view > 0 && delta != 0) {
                scroller.setHvalue(Math.max(0, Math.min(1, scroller.getHvalue() - delta / (content - view))));
            }
            e.consume();
        });
        visibleProperty().bind(Bindings.isNotEmpty(documents));
        managedProperty().bind(visibleProperty());
        rebuild(documents, show);
    }

    ObjectProperty<Document> activeProperty() {
        return active;
    }

    private void rebuild(ObservableList<Document> documents, Consumer<Document> show) {
        chips.getChildren().clear();
        all.getItems().clear();
        chipOf.keySet().retainAll(documents);
        for (Document d : documents) {
            HBox chip = chipOf.computeIfAbsent(d, k -> chip(k, show));
            chip.pseudoClassStateChanged(PseudoClass.getPseudoClass("selected"), d == active.get());
            chips.getChildren().add(chip);
            MenuItem item = new MenuItem();
            item.textProperty().bind(d.title());
            item.setOnAction(e -> show.accept(d));
            item.setUserData(d);
            all.getItems().add(item);
        }
        markActiveItem();
        showActiveChip();
    }

    /** The menu of every open skill marks the one in front. */
    private void markActiveItem() {
        for (MenuItem item : all.getItems()) {
            item.setGraphic(item.getUserData() == active.get() ? new FontIcon(Feather.CHECK) : null);
        }
    }

    /** Scrolls the chip of the skill in front into view once the strip has laid out (a new chip has no width before). */
    private void showActiveChip() {
        javafx.application.Platform.runLater(() -> {
            HBox chip = chipOf.get(active.get());
            if (chip != null && chip.getParent() == chips) {
                scroller.applyCss();
                scroller.layout();
                scrollIntoView(chip);
            }
        });
    }

    private HBox chip(Document d, Consumer<Document> show) {
        Label title = new Label();
        title.textProperty().bind(Bindings.createStringBinding(() -> d.title().get() + (d.dirty().get() ? " ●" : ""),
                d.title(), d.dirty()));
        title.setGraphic(new FontIcon(Feather.FILE_TEXT));
        title.getStyleClass().add("document-title");
        Button close = new Button(null, new FontIcon(Feather.X));
        close.getStyleClass().addAll("flat", "document-close");
        close.setFocusTraversable(false);
        close.setTooltip(new Tooltip("Close (Ctrl+W)"));
        close.setOnAction(e -> d.requestClose(() -> { }));
        HBox chip = new HBox(4, title, close);
        chip.setAlignment(Pos.CENTER_LEFT);
        chip.getStyleClass().add("document-chip");
        chip.setId("doc-" + d.key().replace('/', '-'));
        chip.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.MIDDLE) {
                d.requestClose(() -> { });
            } else if (e.getButton() == MouseButton.PRIMARY) {
                show.accept(d);
            }
        });
        return chip;
    }

    private void scrollIntoView(HBox chip) {
        double content = chips.getWidth();
        double view = scroller.getViewportBounds().getWidth();
        if (content <= view || view <= 0) {
            return;
        }
        double x = chip.getBoundsInParent().getMinX();
        double right = chip.getBoundsInParent().getMaxX();
        double h = scroller.getHvalue() * (content - view);
        if (x < h) {
            scroller.setHvalue(x / (content - view));
        } else if (right > h + view) {
            scroller.setHvalue((right - view) / (content - view));
        }
    }
}
