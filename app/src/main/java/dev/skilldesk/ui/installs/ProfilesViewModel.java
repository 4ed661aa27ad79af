package dev.skilldesk.ui.installs;

import dev.skilldesk.library.Profiles;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.ui.common.DialogService;
import dev.skilldesk.ui.common.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Profiles in the app: named sets of skills, their skills, and applying one to a project for chosen agents (which
 * installs, updates and removes so that the project matches it). Everything runs in the background.
 */
public final class ProfilesViewModel {
    private final Profiles profiles;
    private final Principal me;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final Map<String, String> env;
    private final ObservableList<Profiles.Profile> list = FXCollections.observableArrayList();
    private final ObjectProperty<Profiles.Profile> selected = new SimpleObjectProperty<>();
    private final ObservableList<Profiles.Step> lastApply = FXCollections.observableArrayList();
    private final StringProperty lastFolders = new SimpleStringProperty("");
    private Runnable applied = () -> { };

    public ProfilesViewModel(Profiles profiles, Principal me, TaskExecutor executor, DialogService dialogs,
                             Map<String, String> env) {
        this.profiles = profiles;
        this.me = me;
        this.executor = executor;
        this.dialogs = dialogs;
        this.env = env;
    }

    /** Told after a profile was applied (the Installs table follows). */
    public void onApplied(Runnable r) {
        this.applied = r;
    }

    public void reload() {
        reload(null);
    }

    private void reload(String select) {
        executor.run("Reading the profiles", () -> profiles.list(me), l -> {
            String keep = select != null ? select : selected.get() == null ? null : selected.get().name();
            list.setAll(l);
            selected.set(l.stream().filter(p -> p.name().equals(keep)).findFirst().orElse(l.isEmpty() ? null : l.get(0)));
        }, e -> dialogs.showError("Could not read the profiles", e.getMessage()));
    }

    public void create(String name, List<String> skills) {
        executor.run("Creating profile " + name, () -> {
            profiles.create(me, name.strip());
            return skills.isEmpty() ? profiles.profile(me, name.strip()) : profiles.add(me, name.strip(), skills);
        }, p -> {
            dialogs.notify("Profile " + p.name() + " created with " + count(p.skills().size()));
            reload(p.name());
        }, e -> dialogs.showError("Could not create the profile", e.getMessage()));
    }

    public void add(String name, List<String> skills) {
        executor.run("Adding to " + name, () -> profiles.add(me, name, skills), p -> {
            dialogs.notify("Profile " + p.name() + " now has " + count(p.skills().size()));
            reload(p.name());
        }, e -> dialogs.showError("Could not add to " + name, e.getMessage()));
    }

    public void remove(String name, List<String> skills) {
        if (skills.isEmpty()) {
            return;
        }
        executor.run("Removing from " + name, () -> profiles.remove(me, name, skills), p -> reload(p.name()),
                e -> dialogs.showError("Could not remove from " + name, e.getMessage()));
    }

    public void delete(String name) {
        if (!dialogs.confirm("Delete the profile " + name + "?", "The skills stay in the library, and copies already"
                + " installed stay where they are.", "Delete")) {
            return;
        }
        executor.run("Deleting " + name, () -> {
            profiles.delete(name);
            return name;
        }, n -> reload(), e -> dialogs.showError("Could not delete " + name, e.getMessage()));
    }

    /** Applies the selected profile where {@code choice} says; the steps are shown, and handed to {@code done}. */
    public void apply(String name, InstallTargetDialog.Choice choice, Consumer<List<Profiles.Step>> done) {
        executor.run("Applying " + name, () -> profiles.apply(me, name, choice.project(), choice.agents(), env,
                choice.link()), steps -> {
            lastApply.setAll(steps);
            long changed = steps.stream().filter(s -> !s.outcome().startsWith("unchanged")).count();
            List<Path> folders = steps.stream().map(Profiles.Step::folder).distinct().toList();
            lastFolders.set(String.join(", ", folders.stream().map(Path::toString).toList()));
            dialogs.notify("Applied " + name + (choice.project() == null ? "" : " to " + choice.project()) + ": "
                    + changed + " change" + (changed == 1 ? "" : "s") + " in " + folders.size() + " folder"
                    + (folders.size() == 1 ? "" : "s"));
            applied.run();
            if (done != null) {
                done.accept(steps);
            }
        }, e -> dialogs.showError("Could not apply " + name, e.getMessage()));
    }

    private static String count(int n) {
        return n == 1 ? "1 skill" : n + " skills";
    }

    public ObservableList<Profiles.Profile> profiles() {
        return list;
    }

    public ObjectProperty<Profiles.Profile> selectedProperty() {
        return selected;
    }

    /** What the last apply did, step by step. */
    public ObservableList<Profiles.Step> lastApply() {
        return lastApply;
    }

    /** The folders the last apply wrote, for the heading over its steps. */
    public StringProperty lastFoldersProperty() {
        return lastFolders;
    }

    public Map<String, String> env() {
        return env;
    }
}
