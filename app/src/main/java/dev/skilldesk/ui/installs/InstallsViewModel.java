package dev.skilldesk.ui.installs;

import dev.skilldesk.audit.Auditor;
import dev.skilldesk.library.AgentTargets;
import dev.skilldesk.library.Installs;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.ui.common.DialogService;
import dev.skilldesk.ui.common.TaskExecutor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Installed copies in agent folders, their drift state, and the two ways to reconcile them. */
public final class InstallsViewModel {
    private final Installs installs;
    private final Principal me;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final ObservableList<Installs.Status> rows = FXCollections.observableArrayList();

    private final Map<String, String> env;

    public InstallsViewModel(Installs installs, Principal me, TaskExecutor executor,
                             DialogService dialogs, Map<String, String> env) {
        this.env = env;
        this.locks = new dev.skilldesk.agents.SkillLocks(env, java.time.Clock.systemUTC());
        this.installs = installs;
        this.me = me;
        this.executor = executor;
        this.dialogs = dialogs;
    }

    public void reload() {
        executor.run("Checking installed copies", () -> {
            List<Installs.Status> st = installs.status(me);
            // the lock files (skills-lock.json) of the projects SkillDesk installed into, against their disk
            java.util.Set<Path> projects = new java.util.LinkedHashSet<>();
            for (Installs.Status s : st) {
                Path p = AgentTargets.where(s.install().folder().getParent(), env).project();
                if (p != null) {
                    projects.add(p);
                }
            }
            List<dev.skilldesk.agents.SkillLocks.Drift> d = new ArrayList<>();
            for (Path p : projects) {
                try {
                    d.addAll(locks.drift(p));
                } catch (IOException unreadable) {
                    d.add(new dev.skilldesk.agents.SkillLocks.Drift(dev.skilldesk.agents.SkillLocks.projectLock(p), "",
                            "unreadable: " + unreadable.getMessage(), p, null, null));
                }
            }
            try {
                d.addAll(locks.driftGlobal());
            } catch (IOException unreadable) {
                d.add(new dev.skilldesk.agents.SkillLocks.Drift(locks.globalLock(), "", "unreadable: "
                        + unreadable.getMessage(), null, null, null));
            }
            return Map.entry(st, d);
        }, r -> {
            rows.setAll(r.getKey());
            drift.setAll(r.getValue());
        }, e -> dialogs.showError("Could not check installs", e.getMessage()));
    }

    private final dev.skilldesk.agents.SkillLocks locks;
    private final ObservableList<dev.skilldesk.agents.SkillLocks.Drift> drift = FXCollections.observableArrayList();

    /** Each project's lock file against its disk (only projects that have one). */
    public ObservableList<dev.skilldesk.agents.SkillLocks.Drift> drift() {
        return drift;
    }

    /** The skills the trust check finds a high finding in, with their reports (reads the library: not on the FX thread). */
    /** For each of {@code skills} that needs fixes, why (its findings); run it off the FX thread. */
    public Map<Skill, String> needFixes(List<Skill> skills) {
        Map<Skill, String> out = new LinkedHashMap<>();
        for (Skill s : skills) {
            installs.whyNotForAgents(s).ifPresent(why -> out.put(s, why));
        }
        return out;
    }

    public Map<Skill, Auditor.Report> flagged(List<Skill> skills) {
        Map<Skill, Auditor.Report> flagged = new LinkedHashMap<>();
        for (Skill s : skills) {
            var r = installs.audit(me, s.namespace(), s.name(), 0);
            if (r.high()) {
                flagged.put(s, r);
            }
        }
        return flagged;
    }

    /**
     * Installs each skill's active version where {@code choice} says: into every folder its agents read (globally or
     * in its project; agents that share a folder share one copy), or into a folder of the author's; copied, or linked
     * where the system allows it (else copied, and the notice says so). {@code flagged} is the trust check's result
     * ({@link #flagged}): a skill with a high finding is installed only when the author says so.
     */
    public void install(List<Skill> skills, InstallTargetDialog.Choice choice, Map<String, String> env,
                        Map<Skill, Auditor.Report> flagged) {
        List<Skill> go = skills;
        if (!flagged.isEmpty()) {
            StringBuilder found = new StringBuilder();
            flagged.forEach((s, r) -> found.append(s.name()).append(":\n  ").append(r.highLines().replace("\n", "\n  "))
                    .append('\n'));
            boolean others = flagged.size() < skills.size();
            String names = String.join(", ", flagged.keySet().stream().map(Skill::name).toList());
            boolean accept = dialogs.confirmRisk("Install " + names + " anyway?", "The trust check found something"
                    + " high-risk:\n\n" + found + "\nInstall anyway copies " + (flagged.size() == 1 ? "it" : "them")
                    + (others ? " with the others; Cancel installs the others only." : "; Cancel installs nothing."),
                    "Install anyway");
            if (!accept) {
                go = skills.stream().filter(s -> !flagged.containsKey(s)).toList();
                if (go.isEmpty()) {
                    dialogs.notify("Nothing installed: " + names + (flagged.size() == 1 ? " was" : " were") + " left out");
                }
            }
        }
        if (!go.isEmpty()) {
            place(go, choice, env);
        }
    }

    private void place(List<Skill> skills, InstallTargetDialog.Choice choice, Map<String, String> env) {
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        List<Skill> placed = Collections.synchronizedList(new ArrayList<>());
        executor.run("Installing", () -> {
            List<String> notes = new ArrayList<>();
            List<AgentTargetsFolder> folders = new ArrayList<>();
            for (AgentTargets.Target t : choice.targets(env)) {
                folders.add(new AgentTargetsFolder(t.folder(), t.agents().isEmpty() ? t.folder().toString()
                        : String.join(", ", t.agents().stream().map(AgentTargets.Agent::name).toList())));
                for (Skill s : skills) {
                    try {
                        Installs.Placed p = installs.place(me, s.namespace(), s.name(), 0, t, choice.link());
                        if (p.note() != null && !notes.contains(p.note())) {
                            notes.add(p.note());
                        }
                        if (!placed.contains(s)) {
                            placed.add(s);
                        }
                    } catch (IOException | RuntimeException e) {
                        failed.add(s.name() + " in " + t.folder() + ": " + e.getMessage()); // the others go on
                    }
                }
            }
            return new Object[] {folders, notes};
        }, r -> {
            @SuppressWarnings("unchecked")
            List<AgentTargetsFolder> folders = (List<AgentTargetsFolder>) r[0];
            @SuppressWarnings("unchecked")
            List<String> notes = (List<String>) r[1];
            // "for Claude Code", or "into /a/folder" when the folder is one of the author's own
            String where = folders.size() == 1 ? (folders.get(0).who().equals(folders.get(0).folder().toString())
                    ? "into " : "for ") + folders.get(0).who()
                    : "into " + folders.size() + " folders (" + String.join("; ", folders.stream()
                    .map(AgentTargetsFolder::who).toList()) + ")";
            // the news says what happened: what was written, and what was not (the dialog has why)
            String news;
            if (placed.isEmpty()) {
                news = "Nothing installed " + where + ": " + (failed.size() == 1 ? "the install" : "every install")
                        + " was refused";
            } else {
                String what = placed.size() == 1 ? placed.get(0).name() : placed.size() + " skills";
                news = (choice.link() && notes.isEmpty() ? "Linked " : "Installed ") + what + " " + where
                        + (failed.isEmpty() ? "" : "; " + failed.size() + " not installed")
                        + (notes.isEmpty() ? "" : ". " + String.join(" ", notes));
            }
            dialogs.notify(news);
            if (!failed.isEmpty()) {
                dialogs.showError(failed.size() + " install" + (failed.size() == 1 ? "" : "s") + " did not happen",
                        String.join("\n", failed));
            }
            reload();
            installed.run();
        }, e -> dialogs.showError("Install failed", e.getMessage()));
    }

    private Runnable installed = () -> { };

    /** Told after an install (the Library's details of the selection follow). */
    public void onInstalled(Runnable r) {
        this.installed = r;
    }

    /** A folder written and who reads it. */
    private record AgentTargetsFolder(Path folder, String who) {
    }

    /** Imports the edited copy as a new version, with the note the author gives it (asked, with a suggestion). */
    public void importEdits(Installs.Status s) {
        var note = dialogs.askForText("Import edits", "A note for the new version of " + s.ref() + " (shown in its"
                + " Versions)", "edits made in " + s.install().folder());
        if (note.isEmpty()) {
            return; // cancelled
        }
        executor.run("Importing edits", () -> installs.importEdits(me, s.install(), note.get()), o -> {
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

    /** The environment agents' folders are read from (the core's). */
    public Map<String, String> env() {
        return env;
    }

    public ObservableList<Installs.Status> rows() {
        return rows;
    }
}
