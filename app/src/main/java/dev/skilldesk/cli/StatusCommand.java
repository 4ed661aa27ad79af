package dev.skilldesk.cli;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.Installs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "status", description = {"Installed copies and their state: in-sync, edited-on-disk, library-newer or"
        + " missing, with the command that reconciles each.", "Exit code 3 when any copy is not in sync."})
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "Only this skill's installs.")
    String name;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        List<Installs.Status> all;
        try (SkillDeskCore core = root.open()) {
            if (name == null) {
                all = core.installs().status(root.principal());
            } else {
                SkillRef ref = root.ref(name);
                all = core.installs().status(root.principal(), ref.namespace(), ref.name());
            }
        }
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Installs.Status s : all) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", s.ref());
                m.put("state", s.state().label());
                m.put("installedVersion", s.install().version());
                m.put("activeVersion", s.activeVersion());
                m.put("folder", s.install().folder().toString());
                m.put("installedAt", s.install().installedAt());
                m.put("detail", s.detail());
                m.put("suggestion", suggestion(s));
                rows.add(m);
            }
            root.out.println(Json.write(rows));
        } else if (all.isEmpty()) {
            root.out.println("no installed copies" + (name == null ? "" : " of " + name)
                    + " (skilldesk install NAME --claude puts one in ~/.claude/skills)");
        } else {
            for (Installs.Status s : all) {
                root.out.printf("%-15s %-40s %s%n", s.state().label(), s.ref() + " v" + s.install().version(),
                        s.install().folder());
                if (s.state() != Installs.State.IN_SYNC) {
                    root.out.println("                " + s.detail() + "; " + suggestion(s));
                }
            }
        }
        return all.stream().allMatch(s -> s.state() == Installs.State.IN_SYNC) ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }

    static String suggestion(Installs.Status s) {
        String n = s.ref();
        return switch (s.state()) {
            case IN_SYNC -> null;
            case EDITED_ON_DISK -> "import the edits as a new version: skilldesk sync " + n + " --import-edits"
                    + " (or drop them: skilldesk sync " + n + " --update-copy --force)";
            case LIBRARY_NEWER -> "update the copy: skilldesk sync " + n + " --update-copy";
            case MISSING -> "write it again: skilldesk sync " + n + " --update-copy (or skilldesk sync " + n + " --forget)";
        };
    }
}
