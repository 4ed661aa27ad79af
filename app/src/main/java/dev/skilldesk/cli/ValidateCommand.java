package dev.skilldesk.cli;

import dev.skilldesk.library.ValidationReport;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.ValidationIssue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "validate", description = "Check SKILL.md folders against the Agent Skills rules (nothing is imported).")
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Skill folders, folder trees, SKILL.md files or .skill/.zip packages.")
    List<Path> paths;

    @Option(names = "--profile", defaultValue = "claude-code",
            description = "claude-code (the library's rules: what import, the editor and the MCP server apply; default)"
                    + " or agent-skills (stricter: only the specification's keys, the name equal to the folder).")
    String profile;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--quiet", description = "Print only the summary.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        ValidationReport report = ValidationReport.of(paths, ValidationProfile.parse(profile));
        if (json) {
            root.out.println(Json.write(Map.of("profile", profile, "files", report.files(),
                    "counts", report.countsByRule(), "errors", report.errorCount(), "warnings", report.warningCount())));
        } else {
            if (!quiet) {
                for (ValidationReport.FileResult f : report.files()) {
                    if (f.issues().isEmpty()) {
                        continue;
                    }
                    root.out.println(f.path());
                    for (ValidationIssue i : f.issues()) {
                        root.out.println("  " + f.path() + ":" + Math.max(i.line(), 1) + ": "
                                + i.severity().name().toLowerCase() + " [" + i.ruleId() + "] " + i.message());
                    }
                }
            }
            root.out.println();
            root.out.println("Rule                        Errors  Warnings");
            report.countsByRule().forEach((rule, c) ->
                    root.out.printf("%-27s %7d %9d%n", rule, c[0], c[1]));
            root.out.println(plural(report.files().size(), "skill") + " checked (" + profile + "): "
                    + plural(report.errorCount(), "error") + ", " + plural(report.warningCount(), "warning") + ", "
                    + report.cleanCount() + " clean");
        }
        return report.errorCount() > 0 ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
