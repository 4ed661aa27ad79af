package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.AccessDeniedException;
import dev.skilldesk.library.LocalIdentity;
import dev.skilldesk.library.PackageRefusedException;
import dev.skilldesk.library.SkillNotFoundException;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.skill.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The {@code skilldesk} command line: every core capability, scriptable, on the same library. */
@Command(name = "skilldesk", mixinStandardHelpOptions = true, versionProvider = SkillDeskCli.Version.class,
        description = "A workbench for AI-agent skills: import, validate, version, export and analyse SKILL.md folders.")
public final class SkillDeskCli {
    /**
     * Every command. Registered in {@link #commandLine(SkillDeskCli, String[])}, not in the annotation: picocli reads
     * each command's annotations when it is registered (a third of a second for all of them, on every start), so a
     * run of one command registers that one alone.
     */
    static final List<Class<?>> COMMANDS = List.of(ImportCommand.class, ListCommand.class, ShowCommand.class,
            ValidateCommand.class, VersionsCommand.class, DiffCommand.class, ActivateVersionCommand.class,
            ExportCommand.class, LogActivationCommand.class, StatsCommand.class, DeleteCommand.class,
            RestoreCommand.class, AccessCommand.class, ShareCommand.class, SearchCommand.class,
            IndexStatusCommand.class, ReindexCommand.class, QualityCommand.class, TriggersCommand.class,
            ConfigCommand.class, GenerateCorpusCommand.class, McpCommand.class, InstallCommand.class,
            StatusCommand.class, SyncCommand.class, WatchCommand.class, ImportHistoryCommand.class,
            OtelReceiveCommand.class, SourceCommand.class, AgentsCommand.class, ProfileCommand.class,
            PublishCommand.class, BenchCommand.class, AuditCommand.class, OverlapsCommand.class, MapCommand.class,
            DisableCommand.class, EnableCommand.class, SeesCommand.class, LockCommand.class, SceneCommand.class,
            CommandLine.HelpCommand.class);

    /** The root's own options that take a value: skipped when finding which command a run names. */
    private static final java.util.Set<String> ROOT_OPTIONS_WITH_VALUE = java.util.Set.of("--data-dir", "--agent", "-n",
            "--namespace");
    @Option(names = "--data-dir", scope = CommandLine.ScopeType.INHERIT, paramLabel = "DIR",
            description = "Library folder (default: $SKILLDESK_DATA_DIR, else ~/.skilldesk).")
    String dataDir;

    @Option(names = "--agent", scope = CommandLine.ScopeType.INHERIT, paramLabel = "ID",
            description = "Act as this agent (default: $SKILLDESK_AGENT_ID, else the local author); for install, profile"
                    + " apply, disable, enable, sees, scene and restore: the agent to act on (repeatable; ids from"
                    + " 'skilldesk agents').")
    List<String> agents = new ArrayList<>();

    @Option(names = {"-n", "--namespace"}, scope = CommandLine.ScopeType.INHERIT, paramLabel = "NS",
            description = "Namespace to work in (default: $SKILLDESK_NAMESPACE, else 'default').")
    String namespace;

    Map<String, String> env = System.getenv();
    PrintWriter out;
    PrintWriter err;
    /**
     * stderr as it is, for the progress line SkillDesk draws itself with a carriage return (numbers it composed, never
     * text from outside); everything else goes through {@link #err}, escaped.
     */
    PrintWriter progress;

    public static void main(String[] args) {
        LocalIdentity.adoptHome(System.getenv());
        dev.skilldesk.Logging.configure();
        // UTF-8 whatever the locale: JSON and snippets («marks») must survive a C locale or a pipe
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
        System.exit(run(args, System.getenv(), out, err));
    }

    /**
     * The command line with every command's help: each subcommand takes {@code -h/--help} (and the root
     * {@code --version}) as the top level does, and help text wraps at the terminal's width rather than 80.
     */
    static CommandLine commandLine(SkillDeskCli root) {
        return commandLine(root, new String[0]);
    }

    /** The command line for {@code args}: with only the command they name, when they name one; else every one. */
    static CommandLine commandLine(SkillDeskCli root, String[] args) {
        CommandLine cl = new CommandLine(root);
        Class<?> named = namedCommand(args);
        for (Class<?> command : named != null ? List.<Class<?>>of(named) : COMMANDS) {
            cl.addSubcommand(command);
        }
        addHelp(cl.getSubcommands().values());
        cl.setUsageHelpAutoWidth(true);
        cl.setUsageHelpLongOptionsMaxWidth(28);
        return cl;
    }

    /** The command {@code args} run (the first word after the root's options), or null (none, help, a typo). */
    static Class<?> namedCommand(String[] args) {
        int i = 0;
        while (i < args.length && args[i].startsWith("-")) {
            i += ROOT_OPTIONS_WITH_VALUE.contains(args[i]) ? 2 : 1;
        }
        if (i >= args.length) {
            return null;
        }
        for (Class<?> command : COMMANDS) {
            Command c = command.getAnnotation(Command.class);
            if (c != null && command != CommandLine.HelpCommand.class
                    && (c.name().equals(args[i]) || List.of(c.aliases()).contains(args[i]))) {
                return command;
            }
        }
        return null;
    }

    /** Runs the CLI with the given environment and streams; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintWriter rawOut, PrintWriter rawErr) {
        // everything printed may carry text from outside: escaped on its way to the terminal (EscapingWriter)
        PrintWriter out = new PrintWriter(new dev.skilldesk.EscapingWriter(rawOut), true);
        PrintWriter err = new PrintWriter(new dev.skilldesk.EscapingWriter(rawErr), true);
        SkillDeskCli root = new SkillDeskCli();
        root.progress = rawErr;
        root.env = env;
        root.out = out;
        root.err = err;
        CommandLine cl = commandLine(root, args);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof SkillNotFoundException missing) {
                err.println("skilldesk: " + missing.getMessage() + root.explain(missing));
                return ExitCodes.NOT_FOUND;
            }
            if (e instanceof AccessDeniedException) {
                err.println("skilldesk: " + e.getMessage());
                return ExitCodes.DENIED;
            }
            if (e instanceof StoreException || e instanceof PackageRefusedException || e instanceof IOException
                    || e instanceof IllegalArgumentException) {
                err.println("skilldesk: " + e.getMessage());
                return e instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.FAILURE;
            }
            err.println("skilldesk: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return ExitCodes.FAILURE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** {@code -h/--help} on every command, the nested ones ({@code source add}, {@code profile apply}) too. */
    private static void addHelp(java.util.Collection<CommandLine> commands) {
        for (CommandLine sub : commands) {
            var spec = sub.getCommandSpec();
            if (spec.findOption("--help") == null) { // else picocli's own help command
                String[] names = spec.findOption("-h") == null ? new String[] {"-h", "--help"} : new String[] {"--help"};
                spec.addOption(CommandLine.Model.OptionSpec.builder(names).usageHelp(true)
                        .description("Show this help and exit.").build());
            }
            addHelp(sub.getSubcommands().values());
        }
    }

    Path dataDir() {
        return LocalIdentity.dataDir(dataDir, env);
    }

    Principal principal() {
        return LocalIdentity.principal(agents.isEmpty() ? null : agents.get(agents.size() - 1), namespace, env);
    }

    /** The local author in the chosen namespace, whatever --agent says (for commands where it names targets). */
    Principal localAuthor() {
        return LocalIdentity.principal(null, namespace, env);
    }

    /** The local author (owner of what this CLI imports), in the chosen namespace. */
    Principal author() {
        return principal();
    }

    SkillDeskCore open() {
        return SkillDeskCore.openWithStarter(dataDir(), principal(), env);
    }

    /**
     * For a command that is about to embed a query (a hybrid or semantic search, an MCP session): starts loading
     * the in-process model now, so that it loads while the library opens. The model is the one
     * $SKILLDESK_EMBEDDER names, else the default; a library set to another model loads its own on first use.
     */
    void preloadModel() {
        String chosen = env.getOrDefault("SKILLDESK_EMBEDDER", dev.skilldesk.search.SearchSettings.defaults().embedder());
        if (chosen.startsWith("onnx:")) {
            try {
                dev.skilldesk.search.OnnxEmbedder.preload(dev.skilldesk.search.OnnxEmbedder.Model.parse(chosen));
            } catch (IllegalArgumentException unknown) {
                // the library's settings say what is wrong once it opens
            }
        }
    }

    /** "ns/name", or "name" in the namespace this run works in. */
    /**
     * What the library knows beyond "no skill": it exists but the acting agent may not see it (and how to share it), or
     * a skill of that name is in another namespace. The author's face only: the MCP server answers as for a missing
     * skill. Empty when there is nothing more to say (or the library cannot be read again).
     */
    private String explain(SkillNotFoundException missing) {
        if (missing.ref() == null || !dev.skilldesk.SkillDeskCore.exists(dataDir())) {
            return "";
        }
        try (dev.skilldesk.SkillDeskCore core = dev.skilldesk.SkillDeskCore.open(dataDir(), principal(), env)) {
            return core.library().whyNotFound(principal(), missing.ref()).map(why -> "\n  " + why).orElse("");
        } catch (RuntimeException unreadable) {
            return "";
        }
    }

    /** Where the top-level help is kept, rendered at 80 columns ({@code HelpTextTest} keeps it equal to picocli's). */
    public static final String HELP_RESOURCE = "help.txt";

    /** The top-level help as picocli renders it at {@code width} columns (all commands registered). */
    static String renderHelp(int width) {
        SkillDeskCli root = new SkillDeskCli();
        CommandLine cl = commandLine(root);
        cl.setUsageHelpAutoWidth(false);
        cl.setUsageHelpWidth(width);
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        return cl.getUsageMessage();
    }

    /** Refuses a --project that is not a folder (an agent's folders there would be read or written for nothing). */
    static void checkProject(Path project) {
        if (project != null && !java.nio.file.Files.isDirectory(project)) {
            throw new IllegalArgumentException("no folder " + project.toAbsolutePath().normalize() + " (--project)");
        }
    }

    SkillRef ref(String nameOrRef) {
        return SkillRef.parse(nameOrRef, principal().namespace());
    }

    /** Prints the version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"skilldesk " + version()};
        }

        static String version() {
            return dev.skilldesk.BuildInfo.version();
        }
    }
}
