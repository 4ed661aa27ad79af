package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.SkillQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "list", description = "List the skills you may see.")
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Option(names = "--persona", description = "Only this persona.")
    String persona;

    @Option(names = "--tag", description = "Only skills with this tag.")
    String tag;

    @Option(names = "--only-namespace", description = "Only skills of this namespace.")
    String onlyNamespace;

    @Option(names = "--deleted", description = "Include your deleted skills.")
    boolean deleted;

    @Option(names = "--needs-fixes", description = "Only skills that break the library's rules (kept from agents until"
            + " fixed; 'skilldesk show NAME' lists the findings).")
    boolean needsFixes;

    @Option(names = "--limit", defaultValue = "1000", description = "At most this many skills (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--offset", defaultValue = "0", description = "Skip this many skills first, for paging (default: ${DEFAULT-VALUE}).")
    int offset;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        try (SkillDeskCore core = root.open()) {
            SkillQuery q = new SkillQuery(onlyNamespace, persona, tag, deleted, limit, offset);
            List<Skill> skills = core.library().list(root.principal(), needsFixes ? q.needingFixes() : q);
            if (json) {
                // "valid": passes the library's rules, so agents may have it (the MCP server, installs)
                root.out.println(Json.write(skills.stream().map(s -> {
                    java.util.Map<String, Object> m = Json.fields(s);
                    m.put("valid", !s.needsFixes());
                    return m;
                }).toList()));
                return ExitCodes.OK;
            }
            if (skills.isEmpty()) {
                root.out.println(needsFixes ? "No skill needs fixes." : "No skills. Import some with: skilldesk import PATH");
                return ExitCodes.OK;
            }
            root.out.printf("%-40s %-14s %-8s %3s  %s%n", "NAME", "PERSONA", "ACCESS", "VER", "DESCRIPTION");
            for (Skill s : skills) {
                String name = s.ref() + (s.deleted() ? " (deleted)" : "") + (s.needsFixes() ? " (needs fixes)" : "");
                String desc = s.description().replaceAll("\\s+", " ");
                root.out.printf("%-40s %-14s %-8s %3d  %s%n", name, s.persona(), s.accessLevel().key(),
                        s.activeVersion(), desc.length() > 70 ? desc.substring(0, 69) + "…" : desc);
            }
            root.out.println(skills.size() + " skill" + (skills.size() == 1 ? "" : "s"));
        }
        return ExitCodes.OK;
    }
}
