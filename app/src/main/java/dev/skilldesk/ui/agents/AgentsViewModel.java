package dev.skilldesk.ui.agents;

import dev.skilldesk.agents.AgentView;
import dev.skilldesk.agents.Scenes;
import dev.skilldesk.agents.SkillSwitches;
import dev.skilldesk.library.AgentTargets;
import dev.skilldesk.library.Profiles;
import dev.skilldesk.ui.common.DialogService;
import dev.skilldesk.ui.common.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What an agent sees in a place (the folders it reads, who wins a name, its overrides, its listing at its budget), and
 * switching skills off and on for agents, one by one or a profile's at once (a scene), with a preview before anything is
 * written and undo after. Everything that reads or writes files runs on the executor.
 */
public final class AgentsViewModel {
    /** The core services it uses. */
    public record Services(AgentView view, SkillSwitches switches, Scenes scenes,
                           Supplier<List<Profiles.Profile>> profiles, Supplier<Map<String, Long>> uses,
                           Map<String, String> env) {
    }

    private final Services services;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final ObservableList<AgentView.Seen> rows = FXCollections.observableArrayList();
    private final ObjectProperty<AgentTargets.Agent> agent = new SimpleObjectProperty<>(AgentTargets.byId("claude-code"));
    private final ObjectProperty<Path> project = new SimpleObjectProperty<>();
    private final ObjectProperty<Integer> contextTokens = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper precedence = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lastScene = new ReadOnlyStringWrapper();
    private final ObjectProperty<String> projectProblem = new SimpleObjectProperty<>();
    private long generation;

    public AgentsViewModel(Services services, TaskExecutor executor, DialogService dialogs) {
        this.services = services;
        this.executor = executor;
        this.dialogs = dialogs;
        agent.addListener((o, a, b) -> reload());
        project.addListener((o, a, b) -> reload());
        contextTokens.addListener((o, a, b) -> reload());
    }

    public ObservableList<AgentView.Seen> rows() {
        return rows;
    }

    public ObjectProperty<AgentTargets.Agent> agentProperty() {
        return agent;
    }

    public ObjectProperty<Path> projectProperty() {
        return project;
    }

    /** What is wrong with the project typed (no such folder), or null. */
    public ObjectProperty<String> projectProblemProperty() {
        return projectProblem;
    }

    public ObjectProperty<Integer> contextTokensProperty() {
        return contextTokens;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty precedenceProperty() {
        return precedence.getReadOnlyProperty();
    }

    /** The last scene applied and not undone, in words (null: none). */
    public ReadOnlyStringProperty lastSceneProperty() {
        return lastScene.getReadOnlyProperty();
    }

    public Map<String, String> env() {
        return services.env();
    }

    /** Reads again what the chosen agent sees in the chosen place; a newer request wins. */
    public void reload() {
        long g = ++generation;
        AgentTargets.Agent a = agent.get();
        Path p = project.get();
        Integer window = contextTokens.get();
        executor.run("Reading what " + a.name() + " sees", () -> Map.entry(services.view().sees(a, p, window, services.uses().get()),
                        String.valueOf(services.scenes().last())), r -> {
                    if (g != generation) {
                        return;
                    }
                    AgentView.View v = r.getKey();
                    rows.setAll(v.skills());
                    long loaded = v.skills().stream().filter(s -> s.wins() && !s.override().equals("off")).count();
                    long shadowed = v.skills().stream().filter(s -> !s.wins() && !s.kept()).count();
                    summary.set((projectProblem.get() == null ? "" : projectProblem.get() + "\n")
                            + a.name() + (p == null ? ", outside any project" : " in " + p) + ": " + loaded + " skill"
                            + (loaded == 1 ? "" : "s") + " loaded" + (shadowed == 0 ? "" : ", " + shadowed + " shadowed by a"
                            + " same-named copy") + " · listing: " + v.budgetRule()
                            + (v.count(AgentView.Listing.NAME_ONLY) + v.count(AgentView.Listing.CUT) == 0 ? ""
                            : " · " + v.count(AgentView.Listing.CUT) + " cut, " + v.count(AgentView.Listing.NAME_ONLY)
                            + " name only") + (v.notes().isEmpty() ? "" : "\n" + String.join("\n", v.notes())));
                    precedence.set("Same names: " + v.precedence());
                    lastScene.set(r.getValue().equals("null") ? null : r.getValue());
                }, e -> {
                    if (g == generation) {
                        rows.clear();
                        summary.set("Could not read what " + a.name() + " sees: " + e.getMessage());
                    }
                });
    }

    /** A switch asked for: skills by name, for agents, in a project (null: globally), to a mode. */
    public record Request(List<String> skills, List<AgentTargets.Agent> agents, Path project, SkillSwitches.Mode mode) {
    }

    /** Plans {@code r} in the background, shows every change, and applies it when the author says so (with Undo). */
    public void switchSkills(Request r, Consumer<String> preview) {
        executor.run("Planning the switch", () -> services.scenes().plan(null, r.skills(), r.mode(), r.agents(), r.project(),
                true), plan -> {
            String what = Scenes.title(plan, false);
            if (plan.changes().isEmpty()) {
                dialogs.showWarning("Nothing to change", what + "\n\n" + (plan.notes().isEmpty() ? "Already so."
                        : String.join("\n", plan.notes())));
                return;
            }
            String action = switch (r.mode()) {
                case ON -> "Switch on";
                case OFF -> "Switch off";
                case NAME_ONLY -> "Name only";
                case USER_INVOCABLE_ONLY -> "Only when I call it";
            };
            if (!PreviewDialog.confirm(what, plan.changes(), plan.notes(), action)) {
                return;
            }
            // kept as the last switch, as a scene is: Undo last switch (and 'skilldesk scene --undo') puts it back
            executor.run("Switching", () -> services.scenes().apply(plan), done -> {
                preview.accept(what);
                dialogs.notify(Scenes.title(plan, true) + " (" + done.size() + " change" + (done.size() == 1 ? "" : "s") + ")",
                        "Undo", (Runnable) this::undoScene);
                reload();
            }, e -> {
                dialogs.showError("Could not switch", e.getMessage() + "\nNothing was left half done.");
                reload();
            });
        }, e -> dialogs.showError("Could not switch", e.getMessage()));
    }

    /** The profiles, for the scene dialog (read in the background). */
    public void profiles(Consumer<List<Profiles.Profile>> then) {
        executor.run("Reading profiles", services.profiles()::get, then, e -> dialogs.showError("Could not read profiles",
                e.getMessage()));
    }

    /** A scene: {@code profile}'s skills on or off for agents in a place, previewed whole, applied whole, undoable. */
    public void scene(Profiles.Profile profile, boolean on, List<AgentTargets.Agent> agents, Path where) {
        List<String> skills = profile.skills().stream().map(r -> r.substring(r.indexOf('/') + 1)).distinct().toList();
        executor.run("Planning the scene", () -> services.scenes().plan(profile.name(), skills, on, agents, where), scene -> {
            String title = Scenes.title(scene, false);
            if (scene.changes().isEmpty()) {
                dialogs.showWarning("Nothing to change", title + "\n\n" + (scene.notes().isEmpty() ? "Already so."
                        : String.join("\n", scene.notes())));
                return;
            }
            if (!PreviewDialog.confirm(title, scene.changes(), scene.notes(), on ? "Switch on" : "Switch off")) {
                return;
            }
            executor.run("Switching " + profile.name(), () -> services.scenes().apply(scene), done -> {
                dialogs.notify(Scenes.title(scene, true) + " (" + done.size() + " change" + (done.size() == 1 ? "" : "s")
                        + ")", "Undo", (Runnable) this::undoScene);
                reload();
            }, e -> {
                dialogs.showError("Could not switch " + profile.name(), e.getMessage() + "\nNothing was left half done.");
                reload();
            });
        }, e -> dialogs.showError("Could not plan the scene", e.getMessage()));
    }

    /** Where the override of {@code s} is set (a settings file), for switching it on where it is set. */
    public Path overrideSource(AgentView.Seen s) {
        return services.view().overrideSource(agent.get(), project.get(), s);
    }

    /** Undoes the last switch or scene (made here or by the CLI). */
    public void undoScene() {
        executor.run("Undoing the last switch", () -> {
            String t = services.scenes().last();
            services.scenes().undoLast();
            return t == null ? "" : t;
        }, t -> {
            dialogs.notify(t.isEmpty() ? "Nothing to undo" : "Undone: " + t);
            reload();
        }, e -> dialogs.showError("Could not undo", e.getMessage()));
    }

    private static String names(List<String> skills) {
        return skills.size() <= 3 ? String.join(", ", skills) : String.join(", ", skills.subList(0, 3)) + " and "
                + (skills.size() - 3) + " more";
    }
}
