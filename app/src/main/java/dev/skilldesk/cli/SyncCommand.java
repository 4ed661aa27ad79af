package dev.skilldesk.cli;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.Installs;
import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillInstall;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "sync", description = "Reconcile a skill's installed copies with the library: import edits made on"
        + " disk as a new version, rewrite copies from the library, or forget a copy.")
final class SyncCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(paramLabel = "NAME", description = "name or namespace/name")
    String name;

    @Option(names = "--note", paramLabel = "TEXT", description = "With --import-edits: a note saved with each new"
            + " version (shown by 'versions').")
    String note;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    /** What to do: exactly one of these. */
    static final class Action {
        @Option(names = "--import-edits", description = "Save each copy edited on disk as a new version.")
        boolean importEdits;

        @Option(names = "--update-copy", description = "Rewrite each copy that differs with the active version.")
        boolean updateCopy;

        @Option(names = "--forget", description = "Stop tracking the copies (the folders stay).")
        boolean forget;
    }

    @Option(names = "--force", description = "With --update-copy: overwrite copies edited on disk.")
    boolean force;

    @Option(names = "--folder", paramLabel = "DIR",
            description = "Only the copy in DIR (the skill's folder, or the folder it was installed into).")
    Path folder;

    @Override
    public Integer call() throws IOException {
        SkillRef ref = root.ref(name);
        Principal who = root.principal();
        int problems = 0;
        try (SkillDeskCore core = root.open()) {
            List<Installs.Status> installs = core.installs().status(who, ref.namespace(), ref.name()).stream()
                    .filter(s -> folder == null || s.install().folder().equals(abs(folder))
                            || s.install().folder().getParent().equals(abs(folder)))
                    .toList();
            if (installs.isEmpty()) {
                root.err.println("skilldesk sync: no installed copy of " + ref
                        + (folder == null ? "" : " in " + folder));
                return ExitCodes.NOT_FOUND;
            }
            for (Installs.Status s : installs) {
                SkillInstall i = s.install();
                if (action.forget) {
                    core.installs().forget(i.folder());
                    root.out.println("forgot " + i.folder());
                } else if (action.importEdits) {
                    if (s.state() != Installs.State.EDITED_ON_DISK) {
                        root.out.println(s.state().label() + ": " + i.folder() + " (nothing to import)");
                        continue;
                    }
                    SaveOutcome o = core.installs().importEdits(who, i, note);
                    switch (o.status()) {
                        case NEW_VERSION, CREATED -> root.out.println("imported " + i.folder() + " as "
                                + s.ref() + " v" + o.version().version());
                        case UNCHANGED -> root.out.println("unchanged: " + i.folder() + " matches " + s.ref()
                                + " v" + o.version().version());
                        case REJECTED -> {
                            root.out.println("REFUSED " + i.folder() + ": " + o.reason());
                            problems++;
                        }
                    }
                } else {
                    if (s.state() == Installs.State.IN_SYNC) {
                        root.out.println("in-sync: " + i.folder());
                        continue;
                    }
                    SkillInstall updated = core.installs().updateCopy(who, i, 0, force);
                    root.out.println("updated " + updated.folder() + " to " + s.ref() + " v" + updated.version());
                }
            }
        }
        return problems == 0 ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }

    private static Path abs(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
