package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.AgentTargets;
import dev.skilldesk.library.Profiles;
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

@Command(name = "profile", description = {"Profiles: named sets of skills, applied to a project for chosen agents in one"
        + " action; applying again adds, updates and removes (only copies SkillDesk wrote) so the project matches."},
        subcommands = {ProfileCommand.Create.class, ProfileCommand.Add.class, ProfileCommand.Remove.class,
                ProfileCommand.ListProfiles.class, ProfileCommand.Apply.class, ProfileCommand.Delete.class})
final class ProfileCommand {
    @ParentCommand
    SkillDeskCli root;

    @Command(name = "create", description = "Create an empty profile.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        ProfileCommand parent;
        @Parameters(paramLabel = "PROFILE", description = "The profile's name.")
        String name;

        @Override
        public Integer call() {
            try (SkillDeskCore core = parent.root.open()) {
                core.profiles().create(parent.root.localAuthor(), name);
                parent.root.out.println("created profile " + name + "; add skills with: skilldesk profile add " + name + " NAME...");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "add", description = "Add skills to a profile.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        ProfileCommand parent;
        @Parameters(index = "0", paramLabel = "PROFILE", description = "The profile's name.")
        String name;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "NAME", description = "Skills, by name or namespace/name.")
        List<String> skills;

        @Override
        public Integer call() {
            try (SkillDeskCore core = parent.root.open()) {
                Profiles.Profile p = core.profiles().add(parent.root.localAuthor(), name, skills);
                parent.root.out.println(p.name() + ": " + String.join(", ", p.skills()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", description = "Take skills out of a profile (the next apply removes their copies).")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        ProfileCommand parent;
        @Parameters(index = "0", paramLabel = "PROFILE", description = "The profile's name.")
        String name;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "NAME", description = "Skills, by name or namespace/name.")
        List<String> skills;

        @Override
        public Integer call() {
            try (SkillDeskCore core = parent.root.open()) {
                Profiles.Profile p = core.profiles().remove(parent.root.localAuthor(), name, skills);
                parent.root.out.println(p.name() + ": " + (p.skills().isEmpty() ? "(no skills)" : String.join(", ", p.skills())));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", description = "Delete a profile (installed copies stay).")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        ProfileCommand parent;
        @Parameters(paramLabel = "PROFILE", description = "The profile's name.")
        String name;

        @Override
        public Integer call() {
            try (SkillDeskCore core = parent.root.open()) {
                core.profiles().delete(name);
                parent.root.out.println("deleted profile " + name);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "The profiles and their skills.")
    static final class ListProfiles implements Callable<Integer> {
        @ParentCommand
        ProfileCommand parent;
        @Option(names = "--json", description = "Print JSON: [{\"name\", \"skills\"}].")
        boolean json;

        @Override
        public Integer call() {
            try (SkillDeskCore core = parent.root.open()) {
                List<Profiles.Profile> all = core.profiles().list(parent.root.localAuthor());
                if (json) {
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (Profiles.Profile p : all) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("name", p.name());
                        m.put("skills", p.skills());
                        out.add(m);
                    }
                    parent.root.out.println(Json.write(out));
                } else if (all.isEmpty()) {
                    parent.root.out.println("no profiles yet; create one with: skilldesk profile create NAME");
                } else {
                    all.forEach(p -> parent.root.out.println(p.name() + ": " + (p.skills().isEmpty() ? "(no skills)"
                            : String.join(", ", p.skills()))));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "apply", description = "Make a project's folders of the given agents hold the profile's skills:"
            + " install what is missing, update what moved on, remove what left the profile (only copies SkillDesk"
            + " wrote and nobody edited).")
    static final class Apply implements Callable<Integer> {
        @ParentCommand
        ProfileCommand parent;
        @Parameters(paramLabel = "PROFILE", description = "The profile's name.")
        String name;
        @Option(names = "--project", paramLabel = "DIR", required = true, description = "The project's root folder.")
        Path project;
        @Option(names = "--link", description = "Link instead of copying, where the system allows it.")
        boolean link;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;
        @Option(names = "--accept-risk", description = "Install skills the trust check finds a high-severity finding in.")
        boolean acceptRisk;

        @Override
        public Integer call() {
            SkillDeskCli root = parent.root;
            if (root.agents.isEmpty()) {
                root.err.println("skilldesk profile apply: name the agents: --agent A [--agent B...] (ids from 'skilldesk agents')");
                return ExitCodes.USAGE;
            }
            List<AgentTargets.Agent> agents = root.agents.stream().map(AgentTargets::byId).distinct().toList();
            int kept = 0;
            try (SkillDeskCore core = root.open()) {
                List<Profiles.Step> steps = core.profiles().apply(root.localAuthor(), name, project, agents, root.env, link,
                        acceptRisk);
                List<Map<String, Object>> out = new ArrayList<>();
                for (Profiles.Step s : steps) {
                    kept += s.outcome().startsWith("kept") || s.outcome().startsWith("not ") ? 1 : 0;
                    if (json) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("folder", s.folder().toString());
                        m.put("agents", s.agents());
                        m.put("skill", s.skill());
                        m.put("outcome", s.outcome());
                        out.add(m);
                    } else {
                        root.out.println(String.format("%-28s %-60s %s", s.skill(), s.folder() + " (" + s.agents() + ")",
                                s.outcome()));
                    }
                }
                if (json) {
                    root.out.println(Json.write(out));
                }
            }
            return kept > 0 ? ExitCodes.PROBLEMS : ExitCodes.OK;
        }
    }
}
