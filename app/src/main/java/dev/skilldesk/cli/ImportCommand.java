package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.AgentFolders;
import dev.skilldesk.library.ImportOptions;
import dev.skilldesk.library.ImportReport;
import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "import", description = "Import skill folders, folder trees, .skill/.zip packages or the agent folders.")
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Folders, SKILL.md files or packages.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--agents", description = "Also import the agent folders that exist: $CLAUDE_CONFIG_DIR/skills (default ~/.claude/skills),"
            + " ~/.agents/skills, $CODEX_HOME/skills (default ~/.codex/skills), ./.claude/skills and ./.agents/skills.")
    boolean agents;

    @Option(names = "--access", defaultValue = "private", description = "Access level of new skills (default: ${DEFAULT-VALUE}).")
    String access;

    @Option(names = "--persona", description = "Persona of the imported skills (default: from each file, else 'general').")
    String persona;

    @Option(names = "--profile", defaultValue = "claude-code",
            description = "Validation profile: claude-code (lenient) or agent-skills (strict). Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--no-index", description = "Return without waiting for the new skills to be embedded.")
    boolean noIndex;

    private static String stripPath(String reason, String path) {
        return reason.startsWith(path + ": ") ? reason.substring(path.length() + 2) : reason;
    }

    @Override
    public Integer call() throws InterruptedException {
        List<Path> targets = new ArrayList<>(paths);
        if (agents) {
            targets.addAll(AgentFolders.existing(root.env, Path.of("").toAbsolutePath()));
        }
        if (targets.isEmpty()) {
            root.err.println("skilldesk import: give a PATH or --agents");
            return ExitCodes.USAGE;
        }
        ImportOptions options = new ImportOptions(root.principal().namespace(), AccessLevel.parse(access), persona,
                ValidationProfile.parse(profile));
        ImportReport all = new ImportReport();
        try (SkillDeskCore core = root.open()) {
            all.addAll(core.importer().importAll(root.author(), targets, options, core.embedding(), (n, total) -> { }));
            if (!noIndex && (all.count(SaveOutcome.Status.CREATED) + all.count(SaveOutcome.Status.NEW_VERSION)) > 0) {
                SearchCommand.waitForIndex(core.search(), root, false);
            }
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("created", all.count(SaveOutcome.Status.CREATED));
            doc.put("updated", all.count(SaveOutcome.Status.NEW_VERSION));
            doc.put("unchanged", all.count(SaveOutcome.Status.UNCHANGED));
            doc.put("refused", all.count(SaveOutcome.Status.REJECTED));
            doc.put("skills", all.entries());
            doc.put("skipped", all.skipped());
            root.out.println(Json.write(doc));
        } else {
            for (ImportReport.Entry e : all.entries()) {
                String status = switch (e.status()) {
                    case CREATED -> "created  ";
                    case NEW_VERSION -> "updated  ";
                    case UNCHANGED -> "unchanged";
                    case REJECTED -> "REFUSED  ";
                };
                long warnings = e.issues().stream().filter(i -> i.severity() == Severity.WARNING).count();
                // a refused skill has no name: its path once, then why
                root.out.println(status + " " + (e.name() != null ? e.name() + " v" + e.version() : e.path())
                        + (warnings > 0 ? "  (" + warnings + " warning" + (warnings > 1 ? "s" : "") + ")" : "")
                        + (e.reason() == null ? "" : e.name() != null ? "  " + e.path() + ": " + e.reason()
                        : ": " + stripPath(e.reason(), e.path())));
            }
            for (ImportReport.Skip s : all.skipped()) {
                root.out.println("skipped   " + s.path() + ": " + s.reason());
            }
            root.out.println(all.summary());
        }
        return all.refused().isEmpty() ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }
}
