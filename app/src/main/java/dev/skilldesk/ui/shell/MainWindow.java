package dev.skilldesk.ui.shell;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.ui.common.Action;
import dev.skilldesk.ui.common.ActionTable;
import dev.skilldesk.ui.common.AppState;
import dev.skilldesk.ui.common.Document;
import dev.skilldesk.ui.common.Feature;
import dev.skilldesk.ui.common.Prefs;
import dev.skilldesk.ui.common.WindowFit;
import dev.skilldesk.ui.common.StatusBar;
import dev.skilldesk.ui.common.Tables;
import dev.skilldesk.ui.common.UiPreferences;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.controlsfx.control.NotificationPane;
import org.kordamp.ikonli.feather.Feather;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The window: a menu bar and a toolbar made from the action table, the places rail on the left, the open skills'
 * strip above the content, the content (the place or the skill in front), notifications and the status bar; quick
 * open (Ctrl+P) and the command palette (Ctrl+Shift+P) over it. It knows features and documents by their contracts
 * only; {@link DesktopRoot} composes them.
 */
public final class MainWindow {
    private final Stage stage;
    private final UiPreferences prefs;
    private final AppState state;
    private final ActionTable actions;
    private final StatusBar statusBar;
    private final NotificationPane notifications;
    private final StackPane content = new StackPane();
    private final BorderPane frame = new BorderPane();
    private final StackPane root = new StackPane(frame);
    private final Scene scene;
    private final Map<String, Feature> features = new LinkedHashMap<>();
    private final Map<Object, Node> shown = new HashMap<>();
    private ObservableList<Document> documents;
    private PlacesRail rail;
    private DocumentStrip strip;
    private Picker<SkillRef> quickOpen;
    private Picker<Action> palette;
    private Object front;
    private final BooleanProperty documentInFront = new SimpleBooleanProperty();
    /** Whether the skill in front has unsaved edits (Save is offered only then). */
    private final BooleanProperty frontDirty = new SimpleBooleanProperty();
    private Feature lastPlace;
    private boolean switching;

    MainWindow(Stage stage, UiPreferences prefs, AppState state, ActionTable actions, StatusBar statusBar) {
        this.stage = stage;
        this.prefs = prefs;
        this.state = state;
        this.actions = actions;
        this.statusBar = statusBar;
        content.setId("content");
        content.getStyleClass().add("shell-content");
        notifications = new NotificationPane(content);
        notifications.setShowFromTop(false);
        notifications.getStyleClass().add(NotificationPane.STYLE_CLASS_DARK);
        root.setId("shell");
        double[] size = WindowFit.sceneSize(prefs.get(Prefs.WINDOW_WIDTH), prefs.get(Prefs.WINDOW_HEIGHT));
        scene = new Scene(root, size[0], size[1]);
        scene.getStylesheets().addAll(css("/css/skilldesk.css"), css("/css/controlsfx-atlantafx.css"));
    }

    private static String css(String path) {
        var url = MainWindow.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException(path + " is missing from the build");
        }
        return url.toExternalForm();
    }

    NotificationPane notifications() {
        return notifications;
    }

    /**
     * Lays the window out over the places and the open documents; the action table is complete by now (the
     * features added theirs).
     */
    void install(List<Feature> places, ObservableList<Document> docs, Supplier<List<SkillRef>> skills) {
        this.documents = docs;
        Map<String, String> shortcutText = new HashMap<>();
        int n = 1;
        for (Feature f : places) {
            features.put(f.id(), f);
            KeyCombination key = f.shortcut() != null ? f.shortcut()
                    : n <= 9 ? new KeyCodeCombination(KeyCode.valueOf("DIGIT" + n), KeyCombination.SHORTCUT_DOWN) : null;
            n++;
            actions.add(Action.of("place." + f.id(), "Go", "Go to " + f.title(), f.icon(), key, () -> show(f)));
            if (key != null) {
                shortcutText.put(f.id(), key.getDisplayText());
            }
        }
        rail = new PlacesRail(places, shortcutText, this::show);
        strip = new DocumentStrip(docs, this::show);
        quickOpen = new Picker<>(root, "quickOpen", "Open a skill by name (Ctrl+P)", skills, SkillRef::toString, r -> null,
                state::open);
        palette = new Picker<>(root, "commandPalette", "Run an action by name (Ctrl+Shift+P)",
                () -> actions.all().stream().filter(a -> a.enabled().get()).toList(),
                a -> a.group() + ": " + a.label().replace("…", ""), Action::shortcutText, Action::fire);
        actions.add(Action.of("shell.quickOpen", "Go", "Open a skill…", Feather.FILE,
                new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN), () -> quickOpen.open("")));
        actions.add(Action.of("shell.palette", "Go", "Run an action…", Feather.COMMAND,
                new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), () -> palette.open("")));
        actions.add(Action.of("shell.nextDocument", "Go", "Next open skill", Feather.CHEVRON_RIGHT,
                new KeyCodeCombination(KeyCode.PAGE_DOWN, KeyCombination.SHORTCUT_DOWN), () -> cycle(1))
                .enabledWhen(Bindings.isNotEmpty(docs)));
        actions.add(Action.of("shell.previousDocument", "Go", "Previous open skill", Feather.CHEVRON_LEFT,
                new KeyCodeCombination(KeyCode.PAGE_UP, KeyCombination.SHORTCUT_DOWN), () -> cycle(-1))
                .enabledWhen(Bindings.isNotEmpty(docs)));
        actions.add(Action.of("shell.closeDocument", "File", "Close the skill", Feather.X,
                new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), () -> {
                    if (front instanceof Document d) {
                        d.requestClose(() -> { });
                    }
                }).enabledWhen(documentInFront));
        actions.add(Action.of("shell.quit", "File", "Quit", Feather.LOG_OUT,
                new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), () ->
                        stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST))));

        BorderPane center = new BorderPane(notifications);
        center.setTop(strip);
        frame.setTop(new VBox(menuBar(), toolbar()));
        frame.setLeft(rail);
        frame.setCenter(center);
        frame.setBottom(statusBar);
        actions.bindShortcuts(scene);

        docs.addListener((ListChangeListener<Document>) c -> {
            while (c.next()) {
                for (Document gone : c.getRemoved()) {
                    Node v = shown.remove(gone);
                    if (v != null) {
                        content.getChildren().remove(v);
                    }
                    if (front == gone) {
                        front = null;
                        documentInFront.set(false);
                        if (!docs.isEmpty()) {
                            show(docs.get(Math.min(c.getFrom(), docs.size() - 1)));
                        } else {
                            show(lastPlace != null ? lastPlace : places.get(0));
                        }
                    }
                }
            }
            state.openSkills().setAll(docs.stream().map(MainWindow::refOf).filter(Objects::nonNull).toList());
        });
        state.placeProperty().addListener((o, a, b) -> {
            Feature f = features.get(b);
            if (!switching && f != null && front != f) {
                show(f);
            }
        });
    }

    private static SkillRef refOf(Document d) {
        return d.key().startsWith("*") ? null : SkillRef.parse(d.key(), "default");
    }

    private MenuBar menuBar() {
        MenuBar bar = new MenuBar(actions.menu("File", "File"), actions.menu("Go", "Go"), actions.menu("View", "View"));
        bar.setId("menuBar");
        return bar;
    }

    private HBox toolbar() {
        Label title = new Label("SkillDesk");
        title.getStyleClass().add("app-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label hints = new Label("Ctrl+P open · Ctrl+Shift+P actions · Ctrl+K search · Ctrl+1-9 places");
        hints.getStyleClass().add("text-muted");
        hints.setMinWidth(Region.USE_PREF_SIZE);
        // shown whole or not at all: a narrow window drops the hints, never a button
        hints.visibleProperty().bind(Bindings.createBooleanBinding(() -> scene.getWidth() > 1220, scene.widthProperty()));
        hints.managedProperty().bind(hints.visibleProperty());
        var importButton = actions.button("library.import", false);
        importButton.setId("importButton");
        var saveButton = actions.button("skill.save", false);
        saveButton.setId("toolbarSave");
        var theme = actions.button("view.theme", true);
        theme.setId("themeToggle");
        HBox bar = new HBox(8, title, importButton, actions.button("skill.new", false), saveButton,
                actions.button("shell.quickOpen", false), spacer, hints, actions.button("shell.palette", true), theme);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.getStyleClass().add("app-toolbar");
        return bar;
    }

    /** Brings a place to the front (building its view the first time). */
    public void show(Feature f) {
        if (front == f) {
            rail.select(f.id());
            return;
        }
        leave();
        front = f;
        documentInFront.set(false);
        frontDirty.unbind();
        frontDirty.set(false);
        lastPlace = f;
        Node view = shown.computeIfAbsent(f, k -> f.view());
        bringForward(view);
        rail.select(f.id());
        strip.activeProperty().set(null);
        switching = true;
        try {
            state.placeProperty().set(f.id());
            state.activeSkillProperty().set(null);
        } finally {
            switching = false;
        }
        f.shown();
        focus(f.focusTarget(), view);
    }

    /** Brings an open skill to the front. */
    public void show(Document d) {
        if (front == d) {
            return;
        }
        leave();
        front = d;
        documentInFront.set(true);
        frontDirty.bind(d.dirty());
        Node view = shown.computeIfAbsent(d, k -> d.view());
        bringForward(view);
        rail.select(null);
        strip.activeProperty().set(d);
        state.activeSkillProperty().set(refOf(d));
        focus(d.focusTarget(), view);
    }

    private void leave() {
        if (front instanceof Feature f) {
            f.hidden();
        }
    }

    /** Only what is in front is in the scene: the rest keep their state in their objects, not in the scene graph. */
    private void bringForward(Node view) {
        content.getChildren().setAll(view);
        // once laid out, no table header in it is narrower than its words
        Platform.runLater(() -> Tables.keepHeadersWhole(view));
    }

    private static void focus(Node target, Node view) {
        Node to = target != null ? target : view;
        Platform.runLater(to::requestFocus);
    }

    private void cycle(int by) {
        if (documents.isEmpty()) {
            return;
        }
        int i = front instanceof Document d ? documents.indexOf(d) : -1;
        show(documents.get(Math.floorMod(i + by, documents.size())));
    }

    /** Whether an open skill (not a place) is in front. */
    public ObservableBooleanValue frontDirty() {
        return frontDirty;
    }

    public ObservableBooleanValue documentInFront() {
        return documentInFront;
    }

    /** The place or the document in front. */
    public Object front() {
        return front;
    }

    public Feature feature(String id) {
        return features.get(id);
    }

    public List<Feature> places() {
        return new ArrayList<>(features.values());
    }

    public Scene scene() {
        return scene;
    }

    public Stage stage() {
        return stage;
    }

    public ActionTable actions() {
        return actions;
    }

    public AppState state() {
        return state;
    }

    /** For tests: the quick open box (open or not). */
    Picker<SkillRef> quickOpen() {
        return quickOpen;
    }

    UiPreferences prefs() {
        return prefs;
    }
}
