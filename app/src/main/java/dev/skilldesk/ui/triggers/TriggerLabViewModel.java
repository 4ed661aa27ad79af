package dev.skilldesk.ui.triggers;

import dev.skilldesk.library.SkillTriggerReport;
import dev.skilldesk.library.TriggerLab;
import dev.skilldesk.library.TriggerResult;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Trigger;
import dev.skilldesk.ui.common.DialogService;
import dev.skilldesk.ui.common.TaskExecutor;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A skill's trigger lab: requests that should find it (and ones that should not), run against the
 * whole library on demand and after every save, with the rank each gives and who beats it.
 */
public final class TriggerLabViewModel {
    private final TriggerLab lab;
    private final Principal me;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final String namespace;
    private final String name;
    private final ObservableList<TriggerResult> results = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("No test requests yet.");
    private final IntegerProperty topK = new SimpleIntegerProperty(TriggerLab.DEFAULT_TOP_K);

    public TriggerLabViewModel(TriggerLab lab, Principal me, TaskExecutor executor, DialogService dialogs, String namespace,
                               String name) {
        this.lab = lab;
        this.me = me;
        this.executor = executor;
        this.dialogs = dialogs;
        this.namespace = namespace;
        this.name = name;
    }

    public void add(String request, Trigger.Expectation expectation) {
        executor.run("Adding a test request", () -> lab.add(me, namespace, name, request, expectation),
                t -> run(), e -> dialogs.showError("Not added", e.getMessage()));
    }

    public void remove(TriggerResult r) {
        executor.run("Removing a test request", () -> lab.remove(me, namespace, name, r.trigger().id()),
                t -> run(), e -> dialogs.showError("Not removed", e.getMessage()));
    }

    /** Runs every request of this skill against the whole library. */
    public void run() {
        int k = topK.get();
        executor.run("Running the trigger lab", () -> lab.run(me, namespace, name, k),
                this::show, e -> dialogs.showError("Trigger lab failed", e.getMessage()));
    }

    private void show(SkillTriggerReport report) {
        results.setAll(report.results());
        summary.set(report.results().isEmpty() ? "No test requests yet: add requests an agent would get for this skill, "
                + "and some it should not answer."
                : report.passed() + " of " + report.results().size() + " expectations hold (a 'find' must rank in the top "
                + report.topK() + ", an 'avoid' must not)");
    }

    public ObservableList<TriggerResult> results() {
        return results;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public IntegerProperty topKProperty() {
        return topK;
    }
}
