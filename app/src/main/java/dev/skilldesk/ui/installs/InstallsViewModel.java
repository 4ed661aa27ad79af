package dev.skilldesk.ui.installs;

import dev.skilldesk.library.Installs;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.ui.common.DialogService;
import dev.skilldesk.ui.common.TaskExecutor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;

/** Installed copies in agent folders, their drift state, and the two ways to reconcile them. */
public final class InstallsViewModel {
    private final dev.skilldesk.library.Installs installs;
    private final dev.skilldesk.skill.Principal me;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final ObservableList<Installs.Status> rows = FXCollections.observableArrayList();

    public InstallsViewModel(dev.skilldesk.library.Installs installs, dev.skilldesk.skill.Principal me, TaskExecutor executor, DialogService dialogs) {
        this.installs = installs;
        this.me = me;
        this.executor = executor;
        this.dialogs = dialogs;
    }

    public void reload() {
        executor.run("Checking installed copies", () -> installs.status(me), rows::setAll,
                e -> dialogs.showError("Could not check installs", e.getMessage()));
    }

    /** Copies the active version of each skill into {@code parent/<name>/}. */
    public void install(List<Skill> skills, Path parent) {
        executor.run("Installing", () -> {
            for (Skill s : skills) {
                installs.install(me, s.namespace(), s.name(), 0, parent);
            }
            return skills.size();
        }, n -> {
            dialogs.notify("Installed " + (n == 1 ? "1 skill" : n + " skills") + " into " + parent);
            reload();
        }, e -> dialogs.showError("Install failed", e.getMessage()));
    }

    /** Imports the edited copy as a new version. */
    public void importEdits(Installs.Status s) {
        executor.run("Importing edits", () -> installs.importEdits(me, s.install()), o -> {
            dialogs.notify(s.ref() + ": " + (o.stored() ? "edits imported as version " + o.version().version() : o.status()));
            reload();
        }, e -> dialogs.showError("Could not import the edits", e.getMessage()));
    }

    /** Rewrites the copy with the library's active version (edits on disk are discarded only if confirmed). */
    public void updateCopy(Installs.Status s) {
        boolean discard = s.state() == Installs.State.EDITED_ON_DISK;
        if (discard && !dialogs.confirm("Discard the edits on disk?", s.install().folder()
                + " was edited since it was installed. Updating it replaces those edits with version "
                + s.activeVersion() + ". Import them first if you want to keep them.", "Discard and update")) {
            return;
        }
        executor.run("Updating the copy", () -> installs.updateCopy(me, s.install(), 0, discard), i -> {
            dialogs.notify(s.ref() + ": copy updated to version " + i.version());
            reload();
        }, e -> dialogs.showError("Could not update the copy", e.getMessage()));
    }

    public ObservableList<Installs.Status> rows() {
        return rows;
    }
}
