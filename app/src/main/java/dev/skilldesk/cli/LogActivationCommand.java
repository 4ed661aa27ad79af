package dev.skilldesk.cli;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.SkillNotFoundException;
import dev.skilldesk.skill.Activation;
import dev.skilldesk.skill.ActiveSkill;
import dev.skilldesk.skill.Layer;
import dev.skilldesk.skill.Principal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "log-activation", description = "Record that an agent loaded a skill.")
final class LogActivationCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(paramLabel = "NAME", description = "The skill: name or namespace/name.")
    String name;

    @Option(names = "--layer", defaultValue = "2", description = "The layer the agent loaded: 1 metadata, 2 instructions, 3 everything (default: ${DEFAULT-VALUE}).")
    int layer;

    @Option(names = "--type", defaultValue = "manual", description = "Activation type (default ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--tokens", defaultValue = "-1", description = "Tokens loaded (default: the layer's count).")
    int tokens;

    @Option(names = "--duration-ms", defaultValue = "0", description = "How long the agent took with it, in milliseconds (default: ${DEFAULT-VALUE}).")
    long durationMs;

    @Option(names = "--failed", description = "The activation failed.")
    boolean failed;

    @Option(names = "--error", description = "What went wrong.")
    String error;

    @Option(names = "--at", description = "When (ISO-8601 instant; default now).")
    String at;

    @Override
    public Integer call() {
        SkillRef ref = root.ref(name);
        Principal who = root.principal();
        try (SkillDeskCore core = root.open()) {
            ActiveSkill a = core.library().get(who, ref.namespace(), ref.name())
                    .orElseThrow(() -> new SkillNotFoundException(ref));
            int t = tokens >= 0 ? tokens : a.version().tokens().of(Layer.of(layer));
            core.activations().log(new Activation(a.skill().id(), a.version().version(), who.agentId(), who.namespace(),
                    type, layer, t, at == null ? Instant.now() : Instant.parse(at), durationMs, !failed, error));
        }
        root.out.println("logged " + type + " activation of " + ref + " (layer " + layer + ", "
                + (failed ? "failed" + (error != null ? ": " + error : "") : "succeeded") + ")");
        return ExitCodes.OK;
    }
}
