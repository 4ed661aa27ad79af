package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.ClaudeCodeHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "import-history", description = {"Record Claude Code's own uses of skills (the Skill tool calls in"
        + " its transcripts under ~/.claude/projects) as activations of type claude_code.",
        "Importing again adds only what is new."})
final class ImportHistoryCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Option(names = "--claude-dir", paramLabel = "DIR",
            description = "Claude Code's folder (default ~/.claude); its projects/ folder is read.")
    Path claudeDir;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Path projects = claudeDir != null ? claudeDir.resolve("projects")
                : ClaudeCodeHistory.defaultDir(root.env);
        ClaudeCodeHistory.Report r;
        try (SkillDeskCore core = root.open()) {
            r = core.claudeCodeHistory().importFrom(root.principal(), projects);
        }
        if (json) {
            root.out.println(Json.write(r));
        } else {
            root.out.println("read " + r.transcripts() + " transcripts: " + r.uses() + " Skill calls, " + r.added()
                    + " recorded now, " + r.already() + " recorded before");
            if (!r.unmatched().isEmpty()) {
                root.out.println("not in the library (or not visible to " + root.principal().agentId() + "): "
                        + r.unmatched().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                        .collect(Collectors.joining(", ")));
            }
        }
        r.problems().stream().limit(20).forEach(p -> root.err.println("skipped " + p));
        if (r.problems().size() > 20) {
            root.err.println("… and " + (r.problems().size() - 20) + " more lines skipped");
        }
        return ExitCodes.OK;
    }
}
