package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillOrigin;
import dev.skilldesk.skill.Source;
import dev.skilldesk.sources.Sources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "source", description = {
        "Sources skills come from (a folder, a .skill/zip package, a git repository, a Claude Code plugin marketplace),"
                + " and the upstream state of what was imported from them.",
        "SOURCE is the URL or path given to 'source add', or the short name it printed; NAME is a skill."},
        subcommands = {SourceCommand.Add.class, SourceCommand.ListSources.class, SourceCommand.Import.class,
                SourceCommand.Fetch.class, SourceCommand.StatusOf.class, SourceCommand.UpdateSkills.class,
                SourceCommand.Pin.class, SourceCommand.Unpin.class, SourceCommand.Diff.class})
final class SourceCommand {
    @ParentCommand
    SkillDeskCli root;

    static Map<String, Object> json(Source s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.shortName());
        m.put("kind", s.kind().label());
        m.put("location", s.location());
        m.put("ref", s.ref());
        m.put("path", s.subpath());
        m.put("namespace", s.namespace());
        m.put("head", s.head());
        m.put("fetchError", s.fetchError());
        return m;
    }

    @Command(name = "add", description = "Add a source: a folder, a package, or a git URL (cloned now; --ref a branch,"
            + " tag or commit; --path a folder in it; --namespace the namespace its skills are imported into)."
            + " Prints its short name.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        SourceCommand parent;
        @Parameters(paramLabel = "URL|PATH", description = "A git URL, a folder or a .skill/.zip package.")
        String location;
        @Option(names = "--ref", paramLabel = "REF", description = "A branch, tag or commit (default: the default branch).")
        String ref;
        @Option(names = "--path", paramLabel = "SUBDIR", description = "Only the skills under this folder of the source.")
        String path;

        @Override
        public Integer call() throws Exception {
            SkillDeskCli root = parent.root;
            try (SkillDeskCore core = root.open()) {
                // --namespace (the command line's own option) names the namespace its skills are imported into
                Source s = core.sources().add(root.principal(), location, ref, path, root.namespace);
                root.out.println("source " + s.shortName() + " (" + s.kind().label() + ") " + s.location()
                        + (s.ref() != null ? " @ " + s.ref() : "") + (s.subpath() != null ? " : " + s.subpath() : "")
                        + (s.head() != null && s.kind().isGit() ? " at " + s.head().substring(0, 12) : ""));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "The sources, with what each last fetch found.")
    static final class ListSources implements Callable<Integer> {
        @ParentCommand
        SourceCommand parent;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            SkillDeskCli root = parent.root;
            try (SkillDeskCore core = root.open()) {
                List<Source> all = core.sources().list();
                if (json) {
                    root.out.println(Json.write(all.stream().map(SourceCommand::json).toList()));
                } else if (all.isEmpty()) {
                    root.out.println("no sources yet; add one with: skilldesk source add URL|PATH");
                } else {
                    for (Source s : all) {
                        root.out.println(String.format("%-24s %-11s %s%s%s", s.shortName(), s.kind().label(), s.location(),
                                s.ref() != null ? " @ " + s.ref() : "", s.fetchError() != null ? "  (last fetch failed: "
                                        + s.fetchError() + ")" : ""));
                    }
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", description = "Import skills of a source (by name; --all: every one), remembering where"
            + " they came from. Without names, lists what the source offers.")
    static final class Import implements Callable<Integer> {
        @ParentCommand
        SourceCommand parent;
        @Parameters(index = "0", paramLabel = "SOURCE", description = "The source: its short name, URL or path.")
        String source;
        @Parameters(index = "1..*", paramLabel = "NAME", arity = "0..*", description = "Skills of the source, by name or path.")
        List<String> names = new ArrayList<>();
        @Option(names = "--all", description = "Every skill of the source.")
        boolean all;
        @Option(names = "--accept-risk", description = "Let in skills the trust check finds a high-severity finding in.")
        boolean acceptRisk;

        @Override
        public Integer call() throws Exception {
            SkillDeskCli root = parent.root;
            Principal who = root.principal();
            try (SkillDeskCore core = root.open()) {
                Sources sources = core.sources();
                Source s = sources.source(source);
                if (names.isEmpty() && !all) {
                    for (Sources.Found f : sources.browse(who, s)) {
                        root.out.println(String.format("%-40s %s%s", f.path().isEmpty() ? "." : f.path(),
                                f.problem() != null ? "refused: " + f.problem() : f.description() == null ? "" : f.description(),
                                (f.importedAs() != null ? "  [imported as " + f.importedAs() + "]" : "")
                                        + (f.audit() != null && !f.audit().findings().isEmpty()
                                        ? "  [trust check: " + f.audit().summary() + "]" : "")));
                    }
                    root.out.println("import them with: skilldesk source import " + s.shortName() + " NAME... or --all");
                    return ExitCodes.OK;
                }
                int refused = 0;
                for (Sources.Imported i : sources.importSkills(who, s, all ? List.of() : names, acceptRisk)) {
                    root.out.println(String.format("%-28s %s%s", i.skill() == null ? i.path() : i.skill(), i.outcome(),
                            i.version() > 0 ? " v" + i.version() : ""));
                    refused += i.skill() == null ? 1 : 0;
                }
                return refused > 0 ? ExitCodes.PROBLEMS : ExitCodes.OK;
            }
        }
    }

    @Command(name = "fetch", description = "Fetch a source (every one without SOURCE); a folder or package is looked at again.")
    static final class Fetch implements Callable<Integer> {
        @ParentCommand
        SourceCommand parent;
        @Parameters(paramLabel = "SOURCE", arity = "0..1", description = "The source (default: every one).")
        String source;
        @Option(names = "--older-than", paramLabel = "DURATION", description = "Only sources last fetched longer ago"
                + " than this (30m, 1h, 2d; for a cron job or a timer).")
        String olderThan;

        @Override
        public Integer call() {
            SkillDeskCli root = parent.root;
            int failed = 0;
            java.time.Duration every = olderThan == null ? null : duration(olderThan);
            try (SkillDeskCore core = root.open()) {
                Sources sources = core.sources();
                List<Source> which = source == null ? sources.list() : List.of(sources.source(source));
                java.time.Instant cutoff = every == null ? null : java.time.Instant.now().minus(every);
                for (Source s : which) {
                    if (cutoff != null && s.fetchedAt() != null && !s.fetchedAt().isBefore(cutoff)) {
                        root.out.println(s.shortName() + ": fetched " + java.time.Duration.between(s.fetchedAt(),
                                java.time.Instant.now()).toMinutes() + " min ago, not due");
                        continue;
                    }
                    Source now = sources.fetch(s);
                    if (now.fetchError() != null) {
                        failed++;
                        root.out.println(now.shortName() + ": fetch failed: " + now.fetchError());
                    } else {
                        root.out.println(now.shortName() + ": " + (now.head() == null ? "looked at again"
                                : "at " + now.head().substring(0, Math.min(12, now.head().length()))));
                    }
                }
            }
            return failed > 0 ? ExitCodes.PROBLEMS : ExitCodes.OK;
        }
    }

    /** "30m", "1h", "2d" (or an ISO-8601 duration such as PT1H). */
    static java.time.Duration duration(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.matches("\\d+[smhd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                return switch (t.charAt(t.length() - 1)) {
                    case 's' -> java.time.Duration.ofSeconds(n);
                    case 'm' -> java.time.Duration.ofMinutes(n);
                    case 'h' -> java.time.Duration.ofHours(n);
                    default -> java.time.Duration.ofDays(n);
                };
            }
            return java.time.Duration.parse(text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--older-than '" + text + "': give a number and a unit, as 30m, 1h or 2d");
        }
    }

    @Command(name = "status", description = "The upstream state of skills from sources (up-to-date, upstream-newer,"
            + " locally-modified, diverged, source-gone); exits 3 when any is not up-to-date.")
    static final class StatusOf implements Callable<Integer> {
        @ParentCommand
        SourceCommand parent;
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "One skill (default: every one from a source).")
        String name;
        @Option(names = "--json", description = "Print JSON: [{\"skill\", \"source\", \"state\", \"pinned\"}].")
        boolean json;

        @Override
        public Integer call() {
            SkillDeskCli root = parent.root;
            try (SkillDeskCore core = root.open()) {
                List<Sources.Status> all = core.sources().status(root.principal(), name);
                if (json) {
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (Sources.Status s : all) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("skill", s.ref());
                        m.put("source", s.source().shortName());
                        m.put("state", s.state().label());
                        m.put("pinned", s.origin().pin());
                        m.put("path", s.origin().path());
                        m.put("base", s.origin().baseCommit());
                        m.put("upstream", s.upstream());
                        if (s.reason() != null) {
                            m.put("reason", s.reason());
                        }
                        out.add(m);
                    }
                    root.out.println(Json.write(out));
                } else if (all.isEmpty()) {
                    root.out.println("no skill came from a source yet");
                } else {
                    for (Sources.Status s : all) {
                        root.out.println(String.format("%-34s %-17s %s%s%s", s.ref(), s.state().label(),
                                s.source().shortName(), s.origin().pinned() ? " (pinned to " + s.origin().pin() + ")" : "",
                                s.reason() != null ? ": " + s.reason() : ""));
                    }
                }
                return all.stream().allMatch(s -> s.state() == Sources.State.UP_TO_DATE) ? ExitCodes.OK : ExitCodes.PROBLEMS;
            }
        }
    }

    @Command(name = "update", description = "Bring upstream in as a new version: upstream's files for an upstream-newer"
            + " skill, a three-way merge for a diverged one (saved only when it merges cleanly). --all: every skill that"
            + " can be updated cleanly; --dry-run: say what would happen.")
    static final class UpdateSkills implements Callable<Integer> {
        @ParentCommand
        SourceCommand parent;
        @Parameters(paramLabel = "NAME", arity = "0..*", description = "Skills to update.")
        List<String> names = new ArrayList<>();
        @Option(names = "--all", description = "Every skill from a source that can be updated cleanly.")
        boolean all;
        @Option(names = "--dry-run", description = "Write nothing; say what would be done.")
        boolean dryRun;
        @Option(names = "--accept-risk", description = "Bring upstream in even where the trust check finds a high-severity"
                + " finding in it.")
        boolean acceptRisk;

        @Override
        public Integer call() {
            SkillDeskCli root = parent.root;
            if (names.isEmpty() && !all) {
                root.err.println("skilldesk source update: name skills, or give --all");
                return ExitCodes.USAGE;
            }
            boolean conflicts = false;
            try (SkillDeskCore core = root.open()) {
                for (Sources.Update u : core.sources().update(root.principal(), names, all, dryRun, acceptRisk)) {
                    root.out.println(String.format("%-34s %-17s %s", u.skill(), u.before().label(), u.outcome()));
                    for (String c : u.conflicts()) {
                        root.out.println("    conflict: " + c);
                    }
                    conflicts |= !u.conflicts().isEmpty() && !u.updated();
                    conflicts |= u.outcome().contains("refused by the trust check"); // exit 3, the rest went on
                }
            }
            return conflicts ? ExitCodes.PROBLEMS : ExitCodes.OK;
        }
    }

    @Command(name = "diff", description = "What updating would bring in: the library's SKILL.md against upstream's,"
            + " and the files upstream adds, removes or changes.")
    static final class Diff implements Callable<Integer> {
        @ParentCommand
        SourceCommand parent;
        @Parameters(paramLabel = "NAME", description = "The skill.")
        String name;

        @Override
        public Integer call() {
            try (SkillDeskCore core = parent.root.open()) {
                parent.root.out.print(core.sources().diff(parent.root.principal(), name));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "pin", description = "Pin a skill from a git source to a tag, branch or commit.")
    static final class Pin implements Callable<Integer> {
        @ParentCommand
        SourceCommand parent;
        @Parameters(index = "0", paramLabel = "NAME", description = "The skill.")
        String name;
        @Parameters(index = "1", paramLabel = "REF", description = "A tag, branch or commit.")
        String ref;

        @Override
        public Integer call() throws Exception {
            SkillDeskCli root = parent.root;
            try (SkillDeskCore core = root.open()) {
                SkillOrigin o = core.sources().pin(root.principal(), name, ref);
                root.out.println("pinned " + name + " to " + ref + " (" + o.pinCommit().substring(0, 12) + ")");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "unpin", description = "Compare a skill with its source's ref again.")
    static final class Unpin implements Callable<Integer> {
        @ParentCommand
        SourceCommand parent;
        @Parameters(paramLabel = "NAME", description = "The skill.")
        String name;

        @Override
        public Integer call() {
            SkillDeskCli root = parent.root;
            try (SkillDeskCore core = root.open()) {
                core.sources().unpin(root.principal(), name);
                root.out.println("unpinned " + name);
            }
            return ExitCodes.OK;
        }
    }
}
