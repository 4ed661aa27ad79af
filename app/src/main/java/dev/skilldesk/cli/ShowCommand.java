package dev.skilldesk.cli;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.skill.ValidationResult;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.LayerContent;
import dev.skilldesk.skill.Layer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "show", description = "Show a disclosure layer of a skill as an agent receives it, with its token cost.")
final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(paramLabel = "NAME", description = "name or namespace/name")
    String name;

    @Option(names = "--layer", defaultValue = "2", description = "1 metadata, 2 core instructions, 3 full (default ${DEFAULT-VALUE}).")
    int layer;

    @Option(names = "--version", defaultValue = "0", description = "A version (default: the active one).")
    int version;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        SkillRef ref = root.ref(name);
        try (SkillDeskCore core = root.open()) {
            LayerContent c = core.library().layer(root.principal(), ref.namespace(), ref.name(), Layer.of(layer), version);
            ValidationResult found = core.library().findings(root.principal(), ref.namespace(), ref.name(), version);
            if (json) {
                java.util.Map<String, Object> doc = Json.fields(c);
                doc.put("valid", !found.hasErrors());
                doc.put("findings", found.issues().stream().map(i -> java.util.Map.of("rule", i.ruleId(),
                        "severity", i.severity().name().toLowerCase(java.util.Locale.ROOT), "line", i.line(),
                        "message", i.message())).toList());
                root.out.println(Json.write(doc));
            } else {
                root.err.println("# " + ref + " v" + c.version() + ", layer " + layer
                        + ", ~" + c.tokens() + " tokens (estimate)");
                if (found.hasErrors()) {
                    root.err.println("# needs fixes before an agent may have it:");
                    found.errors().forEach(i -> root.err.println("#   SKILL.md" + (i.line() > 0 ? ":" + i.line() : "")
                            + ": [" + i.ruleId() + "] " + i.message()));
                }
                root.out.println(c.text());
            }
        }
        return ExitCodes.OK;
    }
}
