package dev.skilldesk.cli;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.SkillVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "versions", description = "List a skill's versions (the active one is marked *).")
final class VersionsCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(paramLabel = "NAME", description = "The skill: name or namespace/name.")
    String name;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        SkillRef ref = root.ref(name);
        try (SkillDeskCore core = root.open()) {
            List<SkillVersion> versions = core.library().versions(root.principal(), ref.namespace(), ref.name());
            int active = core.library().activeVersion(root.principal(), ref.namespace(), ref.name());
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (SkillVersion v : versions) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("version", v.version());
                    m.put("active", v.version() == active);
                    m.put("createdBy", v.createdBy());
                    m.put("createdAt", v.createdAt());
                    m.put("contentHash", v.contentHash());
                    m.put("tokens", v.tokens());
                    m.put("note", v.note());
                    rows.add(m);
                }
                root.out.println(Json.write(rows));
                return ExitCodes.OK;
            }
            root.out.printf("  %-4s %-24s %-16s %-12s %-16s %s%n", "VER", "CREATED", "BY", "SHA256", "TOKENS L1/L2/L3",
                    "NOTE");
            for (SkillVersion v : versions) {
                root.out.printf("%s %-4d %-24s %-16s %-12s %-16s %s%n", v.version() == active ? "*" : " ", v.version(),
                        v.createdAt().toString().substring(0, 19) + "Z", v.createdBy(), v.contentHash().substring(0, 12),
                        v.tokens().layer1() + "/" + v.tokens().layer2() + "/" + v.tokens().layer3(),
                        v.note() == null ? "" : v.note().replaceAll("\\s+", " "));
            }
        }
        return ExitCodes.OK;
    }
}
