package dev.skilldesk.cli;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.AgentFolders;
import dev.skilldesk.library.ImportOptions;
import dev.skilldesk.library.ImportReport;
import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Severity;
import dev.skilldesk.skill.ValidationIssue;
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

    @Option(names = "--accept-risk", description = "Let in skills the trust check finds a high-severity finding in"
            + " (they are refused by default, with the findings; see skilldesk audit).")
    boolean acceptRisk;

    @Option(names = "--access", description = "Access level of new skills (default: the library's, `config"
            + " library.default-access`; private unless set).")
    String access;

    @Option(names = "--persona", description = "Persona of the imported skills (default: from each file, else 'general').")
    String persona;

    @Option(names = "--map-top-folder", paramLabel = "namespace|persona",
            description = "Each top folder of an imported tree becomes the namespace (or the persona) of the skills"
                    + " under it, its name made lowercase with hyphens (\"Scientific Skills\" -> scientific-skills);"
                    + " skills at the top itself keep --namespace and --persona.")
    String mapTopFolder;

    @Option(names = "--tag", paramLabel = "TAG", split = ",",
            description = "Add this tag to every imported skill's frontmatter (repeat or separate with commas).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--note", paramLabel = "TEXT", description = "A note saved with each version the import adds"
            + " (shown by 'versions').")
    String note;

    @Option(names = "--dry-run", description = "Show what the import would do, per top folder and per skill"
            + " (new, changed, unchanged, refused and why), and write nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--no-index", description = "Return without waiting for the new skills to be embedded.")
    boolean noIndex;

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

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
        ImportOptions.TreeMapping mapping;
        try {
            mapping = mapTopFolder == null ? ImportOptions.TreeMapping.NONE : ImportOptions.TreeMapping.parse(mapTopFolder);
        } catch (IllegalArgumentException e) {
            root.err.println("skilldesk import: --map-top-folder: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        String nsProblem = dev.skilldesk.library.Namespaces.problem(root.principal().namespace());
        if (nsProblem != null) {
            root.err.println("skilldesk import: --namespace: " + nsProblem);
            return ExitCodes.USAGE;
        }
        AccessLevel chosen = null;
        if (access != null) {
            try {
                chosen = AccessLevel.parse(access);
            } catch (IllegalArgumentException e) {
                root.err.println("skilldesk import: --access: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        AccessLevel level = chosen;
        ImportReport all = new ImportReport();
        java.nio.file.Path scratch = null;
        if (dryRun && !SkillDeskCore.exists(root.dataDir())) {
            // no library yet: the preview is of an empty one (everything new), in a scratch folder, and none is made
            try {
                scratch = java.nio.file.Files.createTempDirectory("skilldesk-dry-run-");
            } catch (java.io.IOException e) {
                root.err.println("skilldesk import: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
        }
        try (SkillDeskCore core = scratch != null ? SkillDeskCore.open(scratch, root.principal(), root.env)
                : root.open().embedOnAllCores()) {
            ImportOptions options = new ImportOptions(root.principal().namespace(),
                    level != null ? level : core.library().defaultAccess(), persona, tags, mapping, note)
                    .withAcceptRisk(acceptRisk);
            if (dryRun) {
                for (Path p : targets) {
                    all.addAll(core.importer().preview(root.author(), p, options, (n, total) -> { }));
                }
            } else {
                all.addAll(core.importer().importAll(root.author(), targets, options, core.embedding(), (n, total) -> { }));
            }
            if (!dryRun && !noIndex && (all.count(SaveOutcome.Status.CREATED) + all.count(SaveOutcome.Status.NEW_VERSION)) > 0) {
                SearchCommand.waitForIndex(core.search(), root, false);
            }
        }
        if (scratch != null) {
            dev.skilldesk.library.FileTrees.deleteQuietly(scratch);
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("dryRun", dryRun);
            doc.put("created", all.count(SaveOutcome.Status.CREATED));
            doc.put("updated", all.count(SaveOutcome.Status.NEW_VERSION));
            doc.put("unchanged", all.count(SaveOutcome.Status.UNCHANGED));
            doc.put("refused", all.count(SaveOutcome.Status.REJECTED));
            doc.put("needFixes", all.needingFixes().size());
            doc.put("folders", all.byFolder());
            doc.put("skills", all.entries());
            doc.put("skipped", all.skipped());
            root.out.println(Json.write(doc));
        } else {
            if (dryRun) {
                printFolders(all);
            }
            for (ImportReport.Entry e : all.entries()) {
                String status = switch (e.status()) {
                    case CREATED -> dryRun ? "new      " : "created  ";
                    case NEW_VERSION -> dryRun ? "changed  " : "updated  ";
                    case UNCHANGED -> "unchanged";
                    case REJECTED -> "REFUSED  ";
                };
                long warnings = e.issues().stream().filter(i -> i.severity() == Severity.WARNING).count();
                // a refused skill has no name: its path once, then why
                String what = e.name() == null ? e.path()
                        : dryRun ? SkillRef.of(e.namespace(), e.name()).toString() : e.name() + " v" + e.version();
                long errors = e.issues().stream().filter(i -> i.severity() == Severity.ERROR).count();
                String counts = e.needsFixes() ? "  NEEDS FIXES (" + plural(errors, "error")
                        + (warnings > 0 ? ", " + plural(warnings, "warning") : "") + ")"
                        : warnings > 0 ? "  (" + plural(warnings, "warning") + ")" : "";
                root.out.println(status + " " + what + counts
                        + (e.reason() == null ? "" : e.name() != null ? "  " + e.path() + ": " + e.reason()
                        : ": " + stripPath(e.reason(), e.path())));
                if (e.needsFixes()) {
                    // every finding at once, as file:line, so the author fixes them in one pass
                    String file = e.path().endsWith("SKILL.md") ? e.path() : e.path() + "/SKILL.md";
                    for (ValidationIssue i : e.issues()) {
                        root.out.println("           " + file + (i.line() > 0 ? ":" + i.line() : "") + ": "
                                + i.severity().name().toLowerCase(java.util.Locale.ROOT) + " [" + i.ruleId() + "] "
                                + i.message());
                    }
                }
            }
            for (ImportReport.Skip s : all.skipped()) {
                root.out.println("skipped   " + s.path() + ": " + s.reason());
            }
            if (all.refused().stream().anyMatch(e -> e.reason() != null && e.reason().startsWith("refused by the trust check"))) {
                root.out.println("(skills refused by the trust check come in with --accept-risk, once you have read their findings)");
            }
            if (!all.needingFixes().isEmpty()) {
                root.out.println("(skills that need fixes are in the library, and kept from agents until fixed: open them"
                        + " in SkillDesk, or fix them where they are and import again)");
            }
            root.out.println(all.summary());
        }
        return all.refused().isEmpty() && all.needingFixes().isEmpty() ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }

    private void printFolders(ImportReport all) {
        List<ImportReport.FolderCounts> folders = all.byFolder();
        int width = Math.max(6, folders.stream().mapToInt(f -> label(f).length()).max().orElse(6));
        root.out.println(String.format("%-" + width + "s  %-24s %5s %5s %7s %9s %7s %11s", "folder", "lands in", "found",
                "new", "changed", "unchanged", "refused", "need fixes"));
        for (ImportReport.FolderCounts f : folders) {
            String lands = (f.namespace() == null ? "-" : f.namespace()) + (f.persona() == null ? "" : " / " + f.persona());
            root.out.println(String.format("%-" + width + "s  %-24s %5d %5d %7d %9d %7d %11d", label(f), lands, f.found(),
                    f.created(), f.changed(), f.unchanged(), f.refused(), f.needFixes()));
        }
        root.out.println();
    }

    private static String label(ImportReport.FolderCounts f) {
        return f.folder().isEmpty() ? "(top)" : f.folder() + "/";
    }
}
