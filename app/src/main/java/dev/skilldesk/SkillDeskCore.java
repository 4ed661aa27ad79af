package dev.skilldesk;

import dev.skilldesk.analytics.ActivationStats;
import dev.skilldesk.library.Activations;
import dev.skilldesk.library.ClaudeCodeHistory;
import dev.skilldesk.library.Exporter;
import dev.skilldesk.library.Importer;
import dev.skilldesk.library.Installs;
import dev.skilldesk.library.LibraryChanges;
import dev.skilldesk.search.LibrarySettings;
import dev.skilldesk.library.SkillLibrary;
import dev.skilldesk.library.StarterLibrary;
import dev.skilldesk.parse.TokenCounter;
import dev.skilldesk.search.SearchSettings;
import dev.skilldesk.search.SearchStack;
import dev.skilldesk.library.TriggerLab;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.store.ActivationStore;
import dev.skilldesk.store.ActivationWriter;
import dev.skilldesk.store.ChangeFeed;
import dev.skilldesk.store.Database;
import dev.skilldesk.store.InstallStore;
import dev.skilldesk.store.SkillStore;
import dev.skilldesk.store.TriggerStore;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The composition root: the one place the app, the CLI and the MCP server build the core's object
 * graph. Holds no global state; closing it flushes the activation writer and closes the database.
 */
public final class SkillDeskCore implements AutoCloseable {
    private final Path dataDir;
    private final Principal author;
    private final Database database;
    private final SkillStore store;
    private final SkillLibrary library;
    private final Importer importer;
    private final Exporter exporter;
    private final ActivationWriter activationWriter;
    private final ActivationStore activationStore;
    private final Activations activations;
    private final ActivationStats stats;
    private final Installs installs;
    private final ClaudeCodeHistory claudeCodeHistory;
    private final LibrarySettings settings;
    private final Clock clock;
    private final LibraryChanges changes;
    private SearchStack search;
    private TriggerLab triggers;
    private boolean closed;
    private final java.util.Map<String, String> env;

    private SkillDeskCore(Path dataDir, Principal author, Database database, Clock clock, java.util.Map<String, String> env) {
        this.env = java.util.Map.copyOf(env);
        this.clock = clock;
        this.dataDir = dataDir;
        this.author = author;
        this.database = database;
        this.store = new SkillStore(database);
        this.settings = new LibrarySettings(store, env);
        this.library = new SkillLibrary(store, new TokenCounter(), clock);
        int rechecked = library.checkStaleVersions(); // once per library and rules revision: none after that
        if (rechecked > 0) {
            java.util.logging.Logger.getLogger(SkillDeskCore.class.getName()).fine(
                    "checked " + rechecked + " stored versions under the library's rules");
        }
        this.importer = new Importer(library);
        this.exporter = new Exporter(library);
        this.activationWriter = new ActivationWriter(database);
        this.activationStore = new ActivationStore(database);
        this.activations = new Activations(activationWriter, activationStore);
        this.stats = new ActivationStats(database);
        this.installs = new Installs(library, exporter, new InstallStore(database), clock)
                .withCopiesIn(dataDir.resolve("installed")).withEnvironment(env);
        this.claudeCodeHistory = new ClaudeCodeHistory(library, activationStore);
        this.changes = new LibraryChanges(new ChangeFeed(database), clock);
    }

    /**
     * The clock the library stamps its rows with: the system's, shifted by the test-only system property
     * {@code skilldesk.test.clock-offset-ms} (two-process tests run one process with its clock behind).
     * Nothing that follows the library's changes reads these stamps: the change feed's sequence does.
     */
    static Clock defaultClock() {
        String offset = System.getProperty("skilldesk.test.clock-offset-ms");
        if (offset == null || offset.isBlank()) {
            return Clock.systemUTC();
        }
        return Clock.offset(Clock.systemUTC(), java.time.Duration.ofMillis(Long.parseLong(offset.strip())));
    }

    /** Opens the library in {@code dataDir}, acting as {@code author} for what it imports. */
    public static SkillDeskCore open(Path dataDir, Principal author) {
        return new SkillDeskCore(dataDir, author, openDatabase(dataDir), defaultClock(), System.getenv());
    }

    /** Opens with an explicit environment (for search backend overrides in tests and the CLI). */
    public static SkillDeskCore open(Path dataDir, Principal author, java.util.Map<String, String> env) {
        return new SkillDeskCore(dataDir, author, openDatabase(dataDir), defaultClock(), env);
    }

    /** Opens and, when the library has never had one, loads the starter library. */
    public static SkillDeskCore openWithStarter(Path dataDir, Principal author) {
        return openWithStarter(dataDir, author, System.getenv());
    }

    public static SkillDeskCore openWithStarter(Path dataDir, Principal author, java.util.Map<String, String> env) {
        SkillDeskCore core = open(dataDir, author, env);
        StarterLibrary.loadIfFirstStart(core.store, core.importer, author);
        return core;
    }

    /**
     * The library's database in {@code dataDir}, after the write rule's check of everything SkillDesk writes there
     * ({@link dev.skilldesk.library.DataDirectory}).
     */
    private static Database openDatabase(Path dataDir) {
        try {
            dev.skilldesk.library.DataDirectory.prepare(dataDir, java.util.List.of(Database.FILE_NAME));
        } catch (java.io.IOException e) {
            throw new dev.skilldesk.skill.StoreException("the data directory " + dataDir + " is not safe to write: "
                    + e.getMessage(), e);
        }
        return Database.open(dataDir);
    }

    /** True when {@code dataDir} holds a library (opening one that does not creates it). */
    public static boolean exists(Path dataDir) {
        return java.nio.file.Files.isRegularFile(dataDir.resolve(Database.FILE_NAME));
    }

    public Path dataDir() {
        return dataDir;
    }

    public Principal author() {
        return author;
    }

    public Database database() {
        return database;
    }

    public SkillStore store() {
        return store;
    }

    public SkillLibrary library() {
        return library;
    }

    public Importer importer() {
        return importer;
    }

    public Exporter exporter() {
        return exporter;
    }

    /** Logging activations and recording their outcomes. */
    public Activations activations() {
        return activations;
    }

    /** Activations by key: written at once and updated later (MCP outcomes, transcript imports). */
    public ActivationStore activationStore() {
        return activationStore;
    }

    public ActivationStats stats() {
        return stats;
    }

    /** Copies installed into agent folders and their drift. */
    public Installs installs() {
        return installs;
    }

    /** Claude Code's transcripts as activation history. */
    public ClaudeCodeHistory claudeCodeHistory() {
        return claudeCodeHistory;
    }

    /** Publishes a namespace as a plugin marketplace in a git repository. */
    public dev.skilldesk.sources.Publisher publisher() {
        return new dev.skilldesk.sources.Publisher(library(), exporter());
    }

    /** Named sets of skills, applied to projects for chosen agents. */
    public dev.skilldesk.library.Profiles profiles() {
        return new dev.skilldesk.library.Profiles(library(), new dev.skilldesk.store.ProfileStore(database()), installs,
                java.time.Clock.systemUTC());
    }

    private dev.skilldesk.map.SkillMap skillMap;

    /** The semantic map and the confusable skills, over the search's vectors (built on first use). */
    public synchronized dev.skilldesk.map.SkillMap skillMap() {
        if (skillMap == null) {
            skillMap = new dev.skilldesk.map.SkillMap(library, this::search, this::triggers, dataDir);
        }
        return skillMap;
    }

    /** The environment the library was opened with: agents' folders (HOME, XDG_CONFIG_HOME …) are read from it. */
    public java.util.Map<String, String> env() {
        return env;
    }

    /** Where skills come from: sources, origins, upstream states, updates. */
    public dev.skilldesk.sources.Sources sources() {
        return new dev.skilldesk.sources.Sources(library(), new dev.skilldesk.store.SourceStore(database()), dataDir(),
                java.time.Clock.systemUTC());
    }

    /** What agents' telemetry reported: activations with trigger and source, names that matched nothing. */
    public dev.skilldesk.store.TelemetryStore telemetry() {
        return new dev.skilldesk.store.TelemetryStore(database());
    }

    /** Claude Code's OpenTelemetry skill_activated events as activations, matched as {@code who} sees the library. */
    public dev.skilldesk.telemetry.ClaudeCodeTelemetry claudeCodeTelemetry(Principal who) {
        return new dev.skilldesk.telemetry.ClaudeCodeTelemetry(library(), telemetry(), who, java.time.Clock.systemUTC());
    }

    /**
     * Subscribes to the library's changes, made by this process or any other, delivered on a background
     * thread within about a second of their commit ({@link LibraryChanges}).
     */
    public LibraryChanges.Subscription subscribe(LibraryChanges.Listener listener) {
        return changes.subscribe(listener);
    }

    /** The background embedding as bulk use cases pause it: the indexer, once search has started. */
    public dev.skilldesk.library.BackgroundWork embedding() {
        return new dev.skilldesk.library.BackgroundWork() {
            @Override
            public void pause() {
                if (searchStarted()) {
                    search().indexer().hold();
                }
            }

            @Override
            public void resume() {
                if (searchStarted()) {
                    search().indexer().release();
                }
            }
        };
    }

    private int embedThreads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

    /**
     * For a bulk job nobody works beside (the CLI's {@code reindex} and {@code import}): the model embeds on every
     * core, not one fewer (twice the rate on 2 cores). Before the search stack is first used.
     */
    public synchronized SkillDeskCore embedOnAllCores() {
        embedThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
        return this;
    }

    /** The search stack, built (and its background indexer started) on first use. */
    public synchronized SearchStack search() {
        if (closed) {
            throw new IllegalStateException("the library in " + dataDir + " is closed");
        }
        if (search == null) {
            search = new SearchStack(database, store, dataDir, searchSettings(), embedThreads);
            library.onChange(id -> {
                search.indexer().wakeSoon();
                search.keywordIndex().refreshSoon();
            });
            // other processes' changes arrive through the feed: the indexes read them at once, not at their next poll
            SearchStack stack = search;
            changes.subscribe((list, rebuild) -> {
                if (rebuild || list.stream().anyMatch(dev.skilldesk.skill.LibraryChange::changesSkill)) {
                    stack.indexer().wakeSoon();
                    stack.keywordIndex().refreshSoon();
                }
            });
        }
        return search;
    }

    /**
     * The trigger lab, built on first use. It starts the search stack only when triggers run, so adding
     * or removing them stays as cheap as any other edit.
     */
    public synchronized TriggerLab triggers() {
        if (triggers == null) {
            triggers = new TriggerLab(library, new TriggerStore(database), () -> hybridRanking(search().service()), clock);
        }
        return triggers;
    }

    /** The hybrid search as the trigger lab asks it: which skills a request finds, best first. */
    public static dev.skilldesk.library.RequestRanking hybridRanking(dev.skilldesk.search.SearchService service) {
        return (who, request, depth) -> {
            var r = service.search(who, new dev.skilldesk.search.SearchRequest(request,
                    dev.skilldesk.search.SearchMode.HYBRID, null, null, depth));
            return new dev.skilldesk.library.RequestRanking.Ranking(r.hits().stream()
                    .map(h -> new dev.skilldesk.library.RequestRanking.Ranked(h.skill().id(), h.skill().namespace(),
                            h.skill().name(), h.score())).toList(), r.notice());
        };
    }

    /** Whether the search stack has been started (the UI shows index state only then). */
    public synchronized boolean searchStarted() {
        return search != null;
    }

    /** The search settings, stored and in effect. */
    public LibrarySettings settings() {
        return settings;
    }

    /** The search settings in effect: the environment's overrides over what the library stores. */
    public SearchSettings searchSettings() {
        return settings.effective();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return; // a shutdown hook and the normal path may both close
        }
        closed = true;
        changes.close();
        if (search != null) {
            search.close();
        }
        activationWriter.close();
        database.close();
    }
}
