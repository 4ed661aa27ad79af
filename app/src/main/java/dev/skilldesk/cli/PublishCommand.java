package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.sources.Publisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "publish", description = {"Publish a namespace as a Claude Code plugin marketplace in a git repository:"
        + " plugins/<namespace>/ (its skills under skills/<name>/) and .claude-plugin/marketplace.json, committed to the"
        + " remote's default branch and pushed.",
        "A team adds it with '/plugin marketplace add URL', or imports it with 'skilldesk source add URL'."})
final class PublishCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(paramLabel = "NAMESPACE", description = "The namespace to publish (one plugin).")
    String namespace;

    @Option(names = "--to", required = true, paramLabel = "GIT-URL", description = "The repository to push to.")
    String to;

    @Override
    public Integer call() throws Exception {
        try (SkillDeskCore core = root.open()) {
            Publisher.Published p = core.publisher().publish(root.principal(), namespace, to);
            if (p.commit() == null) {
                root.out.println("nothing to publish: " + to + " (" + p.branch() + ") already holds these "
                        + p.skills().size() + " skills");
            } else {
                root.out.println("published " + p.skills().size() + " skills of " + namespace + " to " + to + " ("
                        + p.branch() + " at " + p.commit().substring(0, 12) + ")");
            }
        }
        return ExitCodes.OK;
    }
}
