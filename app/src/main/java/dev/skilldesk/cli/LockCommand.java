package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.agents.SkillLocks;
import dev.skilldesk.library.AgentTargets;
import dev.skilldesk.library.Installs;
import dev.skilldesk.library.WriteRoot;
import dev.skilldesk.sources.Sources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "lock", description = {"Write the lock file the skills CLI reads for what SkillDesk installed from a"
        + " source: the project's skills-lock.json (--project DIR), or ~/.agents/.skill-lock.json (--global) for global"
        + " installs.",
        "Entries of other skills in the lock stay; skills made in SkillDesk (no source) are named and left out."})
final class LockCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Option(names = "--project", paramLabel = "DIR", description = "The project whose skills-lock.json to write.")
    Path project;

    @Option(names = "--global", description = "Write the global lock for SkillDesk's global installs.")
    boolean global;

    @Option(names = "--json", description = "With --status: print JSON [{\"lock\", \"name\", \"state\", \"path\"}].")
    boolean json;

    @Option(names = "--status", description = "Write nothing: the lock against the disk (matches, differs, missing,"
            + " not-in-lock); exit 3 when a locked skill differs or is missing.")
    boolean status;

    @Override
    public Integer call() throws Exception {
        if (status) {
            if ((project == null) == !global) {
                throw new IllegalArgumentException("--status needs --project DIR or --global");
            }
            SkillLocks locks = new SkillLocks(root.env, Clock.systemUTC());
            List<SkillLocks.Drift> drift = global ? locks.driftGlobal() : locks.drift(project);
            if (drift.isEmpty() && json) {
                root.out.println("[]");
                return ExitCodes.OK;
            }
            if (drift.isEmpty()) {
                root.out.println(global ? "no skills in " + locks.globalLock()
                        : "no " + SkillLocks.PROJECT_LOCK + " in " + project.toAbsolutePath().normalize());
                return ExitCodes.OK;
            }
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (SkillLocks.Drift d : drift) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("lock", d.lock().toString());
                    m.put("name", d.name());
                    m.put("state", d.state());
                    m.put("path", d.folder() == null ? null : d.folder().toString());
                    rows.add(m);
                }
                root.out.println(Json.write(rows));
            } else {
                for (SkillLocks.Drift d : drift) {
                    root.out.println(String.format("%-28s %-12s %s", d.name(), d.state(), d.folder()));
                }
            }
            // exit 3 when a locked skill differs or is missing (a copy the lock does not name is only listed)
            return drift.stream().anyMatch(d -> d.state().equals("differs") || d.state().equals("missing"))
                    ? ExitCodes.PROBLEMS : ExitCodes.OK;
        }
        if ((project == null) == !global) {
            throw new IllegalArgumentException("name one: --project DIR or --global");
        }
        Path p = project == null ? null : project.toAbsolutePath().normalize();
        SkillLocks locks = new SkillLocks(root.env, Clock.systemUTC());
        Path lockFile = p != null ? SkillLocks.projectLock(p) : locks.globalLock();
        List<SkillLocks.Entry> entries = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (SkillDeskCore core = root.open()) {
            Map<Long, Sources.Status> origins = new HashMap<>();
            for (Sources.Status s : core.sources().status(root.localAuthor(), null)) {
                origins.put(s.skill().id(), s);
            }
            Map<String, SkillLocks.Installed> installed = new LinkedHashMap<>();
            for (Installs.Status st : core.installs().status(root.localAuthor())) {
                Path folder = st.install().folder();
                AgentTargets.Where w = AgentTargets.where(folder.getParent(), root.env);
                boolean here = p != null ? folder.startsWith(p) : w.project() == null && !w.agents().isEmpty();
                if (!here) {
                    continue;
                }
                Sources.Status o = origins.get(st.skill().id());
                String name = folder.getFileName().toString();
                installed.putIfAbsent(name, o == null || o.source() == null || o.origin() == null
                        ? new SkillLocks.Installed(name, folder, null, null, null, null)
                        : new SkillLocks.Installed(name, folder, o.source().kind().label(), o.source().location(),
                        o.origin().pin() != null ? o.origin().pin() : o.source().ref(), joinPath(o.source().subpath(), o.origin().path())));
            }
            for (SkillLocks.Installed i : installed.values()) {
                SkillLocks.Entry e = locks.entryFor(i, lockFile.getParent(), global);
                if (e == null) {
                    skipped.add(i.name());
                } else {
                    entries.add(e);
                }
            }
        }
        if (entries.isEmpty()) {
            root.err.println("skilldesk lock: nothing SkillDesk installed " + (p != null ? "in " + p : "globally")
                    + " came from a source" + (skipped.isEmpty() ? "" : " (not from a source SkillDesk tracks: "
                    + String.join(", ", skipped) + "; add one with 'skilldesk source add')")
                    + "; " + lockFile + " not written");
            return ExitCodes.NOT_FOUND;
        }
        locks.write(lockFile, global, entries, WriteRoot.of(lockFile.getParent()));
        root.out.println("wrote " + lockFile + ": " + String.join(", ", entries.stream().map(SkillLocks.Entry::name).toList()));
        if (!skipped.isEmpty()) {
            root.out.println("not locked (not from a source SkillDesk tracks, nothing to restore from): "
                    + String.join(", ", skipped));
        }
        return ExitCodes.OK;
    }

    private static String joinPath(String subpath, String path) {
        String a = subpath == null || subpath.isBlank() ? "" : subpath.replaceAll("/+$", "");
        String b = path == null || path.isBlank() || path.equals(".") ? "" : path;
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "/" + b;
    }
}
