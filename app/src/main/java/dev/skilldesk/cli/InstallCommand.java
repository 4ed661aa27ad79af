package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.AgentFolders;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillInstall;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "install", description = "Copy skills into an agent folder (the exact files of a version) and remember"
        + " where, so that 'status' can tell when a copy was edited.")
final class InstallCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "name or namespace/name")
    List<String> names;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    /** Where the copies go: exactly one of these. */
    static final class Target {
        @Option(names = "--to", paramLabel = "DIR", description = "Into DIR/<name>/.")
        Path to;

        @Option(names = "--claude", description = "Into $CLAUDE_CONFIG_DIR/skills, default ~/.claude/skills (Claude Code, every project).")
        boolean claude;

        @Option(names = "--claude-project", paramLabel = "DIR", description = "Into DIR/.claude/skills (one project).")
        Path claudeProject;

        @Option(names = "--agents", description = "Into ~/.agents/skills.")
        boolean agents;
    }

    @Option(names = "--version", defaultValue = "0", description = "A version (default: the active one).")
    int version;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Path parent = target.to != null ? target.to
                : target.claude ? AgentFolders.claudeSkills(root.env)
                : target.claudeProject != null ? target.claudeProject.resolve(".claude/skills")
                : AgentFolders.agentsSkills(root.env);
        Principal who = root.principal();
        List<Map<String, Object>> done = new ArrayList<>();
        try (SkillDeskCore core = root.open()) {
            for (String n : names) {
                String[] ref = root.ref(n);
                SkillInstall i = core.installs().install(who, ref[0], ref[1], version, parent);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", ref[0] + "/" + ref[1]);
                m.put("version", i.version());
                m.put("folder", i.folder().toString());
                m.put("contentHash", i.contentHash());
                done.add(m);
                if (!json) {
                    root.out.println("installed " + ref[0] + "/" + ref[1] + " v" + i.version() + " -> " + i.folder());
                }
            }
        }
        if (json) {
            root.out.println(Json.write(done));
        }
        return ExitCodes.OK;
    }
}
