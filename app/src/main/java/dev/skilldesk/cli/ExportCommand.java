package dev.skilldesk.cli;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.SkillDeskCore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "export", description = "Export skills as folders <DIR>/<name>/ or as <DIR>/<name>.skill packages.")
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "The skills: names or namespace/name.")
    List<String> names;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "The folder to export into.")
    Path to;

    @Option(names = "--version", defaultValue = "0", description = "A version (default: the active one).")
    int version;

    @Option(names = "--package", description = "Write .skill zip packages instead of folders.")
    boolean asPackage;

    @Override
    public Integer call() throws IOException {
        try (SkillDeskCore core = root.open()) {
            for (String n : names) {
                SkillRef ref = root.ref(n);
                Path written = asPackage
                        ? core.exporter().exportPackage(root.principal(), ref.namespace(), ref.name(), version, to.resolve(ref.name() + ".skill"))
                        : core.exporter().exportFolder(root.principal(), ref.namespace(), ref.name(), version, to);
                root.out.println("exported " + ref + " -> " + written);
            }
        }
        return ExitCodes.OK;
    }
}
