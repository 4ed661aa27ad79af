package dev.skilldesk.ui.common;

import dev.skilldesk.search.IndexStatus;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.Locale;

/** Background work at a glance: the embedding queue (done/total, rate) with a progress bar, tasks, backends. */
public final class StatusBar extends HBox {
    private final Label index = new Label("Search index: starting…");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label activity = new Label();
    private final ProgressBar activityProgress = new ProgressBar(0);
    private final Label tasks = new Label();
    private final Label message = new Label();
    private final Region spacer = new Region();
    private final StringProperty breakers = new SimpleStringProperty("embedded");

    public StatusBar(IntegerProperty runningTasks) {
        getStyleClass().add("status-bar");
        setSpacing(12);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(3, 10, 3, 10));
        index.setId("indexStatus");
        progress.setPrefWidth(160);
        progress.setVisible(false);
        message.setId("statusMessage");
        message.getStyleClass().add("text-muted");
        tasks.textProperty().bind(runningTasks.asString("%d background task(s)"));
        tasks.visibleProperty().bind(runningTasks.greaterThan(0));
        HBox.setHgrow(spacer, Priority.ALWAYS);
        activity.setId("activityStatus");
        activityProgress.setPrefWidth(160);
        activity.setVisible(false);
        activity.managedProperty().bind(activity.visibleProperty());
        activityProgress.visibleProperty().bind(activity.visibleProperty());
        activityProgress.managedProperty().bind(activity.visibleProperty());
        getChildren().addAll(index, progress, activity, activityProgress, tasks, spacer, message);
        // whole or not at all: the index status keeps its width; the last message (said in the notification
        // bar too) steps aside when the bar is too narrow for it, rather than being cut to "…"
        for (Label l : new Label[] {index, activity, tasks}) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        message.setMinWidth(0); // a long message never makes the bar (and the window) wider than the screen
        message.textProperty().addListener((o, a, b) -> {
            message.setManaged(true); // a new message gets its chance; layoutChildren hides it if it does not fit
            message.setVisible(true);
        });
    }

    /**
     * The last message is shown whole or not at all: when the bar leaves it less than its width it steps
     * aside (the notification bar said it already), and it comes back when the bar is wide enough again.
     */
    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (message.getText().isEmpty()) {
            return;
        }
        if (message.isManaged() && message.getWidth() + 0.5 < message.prefWidth(-1)) {
            message.setManaged(false);
            message.setVisible(false);
        } else if (!message.isManaged() && spacer.getWidth() >= message.prefWidth(-1) + getSpacing()) {
            message.setManaged(true);
            message.setVisible(true);
        }
    }

    /**
     * A button beside the index status that pauses background embedding (cancelling the service) and
     * resumes it (restarting it); what is pending stays in the library meanwhile.
     */
    public void addEmbeddingToggle(EmbeddingService service) {
        Button toggle = new Button();
        toggle.setId("embeddingToggle");
        toggle.setFocusTraversable(false); // a click pauses; focus passing by must not land here (Space would pause)
        toggle.getStyleClass().add("small");
        toggle.setMinWidth(Region.USE_PREF_SIZE);
        toggle.textProperty().bind(Bindings.when(service.runningProperty())
                .then("Pause embedding").otherwise("Resume embedding"));
        toggle.setTooltip(new Tooltip("Background embedding of new and changed skills;"
                + " paused, the work waits in the library"));
        toggle.setOnAction(e -> {
            if (service.isRunning()) {
                service.pause();
            } else {
                service.resume();
            }
        });
        getChildren().add(0, toggle); // first, so that it stays put while the status text beside it changes
    }

    /** Shows a long foreground job (an import) with its progress while {@code running}. */
    public void bindActivity(ReadOnlyBooleanProperty running, ReadOnlyDoubleProperty progress, ReadOnlyStringProperty text) {
        activity.textProperty().bind(text);
        activity.visibleProperty().bind(running);
        activityProgress.progressProperty().bind(progress);
    }

    /** Shows an indexer status (call on the FX thread). */
    public void show(IndexStatus s) {
        boolean working = s.pending() > 0 && s.indexReady() && !s.paused();
        progress.setVisible(working || !s.indexReady());
        if (!s.indexReady()) {
            progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
            index.setText("Search index: " + s.message());
        } else if (s.pending() > 0 && s.breaker() != null && s.breaker().contains("open")) {
            progress.setVisible(false);
            index.setText("Embedding waits: " + s.breaker() + " (" + s.pending() + " pending; search uses keywords meanwhile)");
        } else if (working) {
            int total = Math.max(s.runTotal(), s.pending());
            progress.setProgress(total == 0 ? 0 : s.runDone() / (double) total);
            index.setText(String.format(Locale.ROOT, "Embedding %d/%d (%.0f/s)", s.runDone(), total, s.ratePerSec()));
        } else {
            index.setText(String.format(Locale.ROOT, "Search index: %d of %d skills embedded%s%s", s.indexed(), s.total(),
                    s.failed() > 0 ? ", " + s.failed() + " failed (retrying)" : "", s.paused() ? " (paused)" : ""));
        }
        breakers.set(s.breaker() == null ? "embedded (no remote backends)" : s.breaker());
    }

    public Label messageLabel() {
        return message;
    }

    public StringProperty breakersProperty() {
        return breakers;
    }
}
