package dev.skilldesk.ui.shell;

import dev.skilldesk.AgentServers;
import dev.skilldesk.BackgroundPriority;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.AgentFolders;
import dev.skilldesk.library.AgentListings;
import dev.skilldesk.library.Importer;
import dev.skilldesk.library.LibraryChanges;
import dev.skilldesk.library.LocalIdentity;
import dev.skilldesk.library.Profiles;
import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.search.IndexStatus;
import dev.skilldesk.search.SearchStack;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.LibraryChange;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.sources.Sources;
import dev.skilldesk.ui.Themes;
import dev.skilldesk.ui.analytics.AnalyticsFeature;
import dev.skilldesk.ui.analytics.AnalyticsViewModel;
import dev.skilldesk.ui.budget.BudgetFeature;
import dev.skilldesk.ui.budget.BudgetViewModel;
import dev.skilldesk.ui.common.Action;
import dev.skilldesk.ui.common.ActionTable;
import dev.skilldesk.ui.common.AppState;
import dev.skilldesk.ui.common.Document;
import dev.skilldesk.ui.common.EmbeddingService;
import dev.skilldesk.ui.common.Feature;
import dev.skilldesk.ui.common.FxDialogService;
import dev.skilldesk.ui.common.FxTaskExecutor;
import dev.skilldesk.ui.common.FxThrottle;
import dev.skilldesk.ui.common.Prefs;
import dev.skilldesk.ui.common.WindowFit;
import dev.skilldesk.ui.common.StatusBar;
import dev.skilldesk.ui.common.UiPreferences;
import dev.skilldesk.ui.editor.SkillDocuments;
import dev.skilldesk.ui.installs.InstallTargetDialog;
import dev.skilldesk.ui.agents.AgentsFeature;
import dev.skilldesk.ui.installs.InstallsFeature;
import dev.skilldesk.ui.installs.InstallsViewModel;
import dev.skilldesk.ui.installs.ProfilesViewModel;
import dev.skilldesk.ui.library.ImportDialog;
import dev.skilldesk.ui.library.ImportViewModel;
import dev.skilldesk.ui.library.LibraryFeature;
import dev.skilldesk.ui.library.LibraryViewModel;
import dev.skilldesk.ui.map.MapFeature;
import dev.skilldesk.ui.map.MapView;
import dev.skilldesk.ui.map.MapViewModel;
import dev.skilldesk.ui.search.SearchFeature;
import dev.skilldesk.ui.search.SearchViewModel;
import dev.skilldesk.ui.settings.EndpointsViewModel;
import dev.skilldesk.ui.settings.SettingsFeature;
import dev.skilldesk.ui.settings.SettingsViewModel;
import dev.skilldesk.ui.sources.SourcesFeature;
import dev.skilldesk.ui.sources.SourcesViewModel;
import dev.skilldesk.ui.versions.DisclosureView;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The desktop composition root: the only class of the window that sees {@link SkillDeskCore}. It builds the view
 * models from the core's narrow services, the features (one line each, below), the open skills, the action table and
 * the shell, and routes what the library's change feed says to the parts that show it.
 */
public final class DesktopRoot {
    /**
     * The library the window works on, opened before the window is built (the application opens it on a thread of
     * its own while the window says so): the window's one handle on the core.
     */
    public static final class Library implements AutoCloseable {
        private final SkillDeskCore core;

        private Library(SkillDeskCore core) {
            this.core = core;
        }

        /** Opens the library in {@code dataDir} as the local author (the starter skills on its first start). */
        public static Library open(Path dataDir, Map<String, String> env) {
            return new Library(SkillDeskCore.openWithStarter(dataDir,
                    LocalIdentity.principal(null, null, env), env));
        }

        /** Opens the search stack's indexes (not the model): called while the window is built, so Search is ready sooner. */
        public void openSearch() {
            core.search();
        }

        @Override
        public void close() {
            core.close();
        }
    }

    private final SkillDeskCore core;
    private final FxTaskExecutor executor;
    private final UiPreferences prefs;
    private final AppState state = new AppState();
    private final ActionTable actions = new ActionTable();
    private final StatusBar statusBar;
    private final MainWindow window;
    private final FxDialogService dialogs;
    private final LibraryViewModel libraryVm;
    private final SearchViewModel searchVm;
    private final AnalyticsViewModel analyticsVm;
    private final SettingsViewModel settingsVm;
    private final EndpointsViewModel endpointsVm;
    private final AgentServers endpoints;
    private final InstallsViewModel installsVm;
    private final ProfilesViewModel profilesVm;
    private final SourcesViewModel sourcesVm;
    private final MapViewModel mapVm;
    private final BudgetViewModel budgetVm;
    private final SkillDocuments documents;
    private final LibraryFeature library;
    private final SearchFeature search;
    private final MapFeature map;
    private final AnalyticsFeature analytics;
    private final InstallsFeature installs;
    private final AgentsFeature agents;
    private EmbeddingService embedding;
    private boolean restored;
    private boolean placeChosenMeanwhile;
    /** Whether the window has shown its first place (the Library, until the open skills come back). */
    private boolean firstPlaceShown;
    private boolean disposed;
    private PauseTransition reloadDebounce;
    private LibraryChanges.Subscription changeSubscription;
    private final List<LibraryChange> pendingChanges = new ArrayList<>();

    public DesktopRoot(Stage stage, Library opened, FxTaskExecutor executor, UiPreferences prefs) {
        this.core = opened.core;
        this.executor = executor;
        this.prefs = prefs;
        statusBar = new StatusBar(executor.runningProperty());
        window = new MainWindow(stage, prefs, state, actions, statusBar);
        dialogs = new FxDialogService(() -> stage, window.notifications(), statusBar.messageLabel());

        // ---- view models, from the core's narrow services
        libraryVm = new LibraryViewModel(new LibraryViewModel.Services(core.library(), core.importer(), core.exporter(),
                core.embedding(), core.author(), () -> core.searchStarted() ? core.search().embedder().modelId() : null,
                core.activations(), core.installs(), core.sources(), core.env()), executor, dialogs);
        statusBar.bindActivity(libraryVm.imports().importingProperty(), libraryVm.imports().progressProperty(),
                libraryVm.imports().textProperty());
        searchVm = new SearchViewModel(core::search, core.author(), executor);
        analyticsVm = new AnalyticsViewModel(core.stats(), core.activations(), core.author(), executor, dialogs);
        var skillLibrary = core.library();
        settingsVm = new SettingsViewModel(core.settings(), core.dataDir(), executor, dialogs, prefs,
                new SettingsViewModel.DefaultAccess() {
                    @Override
                    public AccessLevel read() {
                        return skillLibrary.defaultAccess();
                    }

                    @Override
                    public void write(AccessLevel level) {
                        skillLibrary.setDefaultAccess(level);
                    }
                });
        endpoints = AgentServers.open(core, core.author());
        endpointsVm = new EndpointsViewModel(endpoints, executor, prefs, dialogs::notify);
        installsVm = new InstallsViewModel(core.installs(), core.author(), executor, dialogs, core.env());
        profilesVm = new ProfilesViewModel(core.profiles(), core.author(), executor, dialogs, core.env());
        sourcesVm = new SourcesViewModel(core.sources(), core.author(), executor, dialogs);
        budgetVm = new BudgetViewModel(prefs);
        mapVm = new MapViewModel(new MapViewModel.Services(core.skillMap(), core.author(), libraryVm, this::activationCounts),
                executor);
        documents = new SkillDocuments(new SkillDocuments.Services(core.library(), core.triggers(), core.author(), executor,
                dialogs, prefs), (versions, ref) -> new DisclosureView(versions, budgetVm, ref));

        // ---- the window's own actions
        actions.add(Action.of("library.import", "File", "Import…", Feather.DOWNLOAD,
                new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN), () -> importDialog(null)));
        actions.add(Action.of("skill.new", "File", "New skill", Feather.FILE_PLUS,
                new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::newSkill));
        actions.add(Action.of("skill.save", "File", "Save", Feather.SAVE,
                new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), () -> {
                    if (window.front() instanceof Document d) {
                        documents.save(d);
                    }
                }).enabledWhen(window.frontDirty())); // as the editor's own Save version: only with edits
        actions.add(Action.of("view.theme", "View", "Dark theme", Feather.MOON, null,
                () -> settingsVm.darkProperty().set(!settingsVm.darkProperty().get())));
        settingsVm.darkProperty().addListener((o, a, dark) -> Themes.apply(dark));

        // ---- the places: a feature each, in rail order
        var switches = new dev.skilldesk.agents.SkillSwitches(core.env(), core.dataDir(), java.time.Clock.systemUTC());
        var profilesService = core.profiles();
        var agentsVm = new dev.skilldesk.ui.agents.AgentsViewModel(new dev.skilldesk.ui.agents.AgentsViewModel.Services(
                new dev.skilldesk.agents.AgentView(core.env(), switches), switches, new dev.skilldesk.agents.Scenes(switches),
                () -> profilesService.list(core.author()), this::usesByName, core.env()), executor, dialogs);
        agents = new AgentsFeature(agentsVm, prefs, window::stage);
        library = new LibraryFeature(libraryVm, actions, state, dialogs, new LibraryFeature.Handoffs(this::installDialog,
                this::addToProfileDialog, skills -> agents.switchDialog(skills.stream().map(Skill::name).distinct().toList(),
                false)));
        search = new SearchFeature(searchVm, state, actions);
        map = new MapFeature(mapVm, new MapView.Actions(s -> state.open(s.ref()), this::tagDialog, this::installDialog,
                skills -> dialogs.askForFolder("Export into folder").ifPresent(dir -> libraryVm.export(mapVm.rowsOf(skills),
                        dir, false))), state);
        analytics = new AnalyticsFeature(analyticsVm);
        installs = new InstallsFeature(installsVm, profilesVm, prefs, names -> agents.switchDialog(names, false));
        List<Feature> places = List.of(
                library,
                search,
                map,
                analytics,
                installs,
                agents,
                new SourcesFeature(sourcesVm),
                new BudgetFeature(budgetVm, ref -> state.open(SkillRef.parse(ref, "default")), this::refreshListings),
                new SettingsFeature(settingsVm, endpointsVm, statusBar.breakersProperty(), dialogs::notify));

        wire();
        window.install(places, documents.documents(), () -> libraryVm.rows().stream()
                .filter(r -> !r.skill().deleted()).map(r -> r.skill().ref()).toList());
        state.openRequestProperty().addListener((o, a, ref) -> {
            if (ref != null) {
                window.show(documents.open(ref));
            }
        });
        installDrop(window.scene());
        stage.setOnCloseRequest(e -> {
            if (!documents.confirmClose(() -> {
                rememberState();
                stage.close(); // every unsaved skill is saved now
            })) {
                e.consume();
            } else {
                rememberState();
            }
        });
        restoreWindowPlace(stage);
        window.show(library);
        firstPlaceShown = true; // from now on a place brought forward before the restore is the author's choice
        showWelcomeUnlessDismissed();
    }

    /** What one part of the window tells another, through the shared state or a callback. */
    private void wire() {
        libraryVm.onReload(() -> budgetVm.update(libraryVm.rows()));
        libraryVm.onReload(map::libraryReloaded);
        documents.onSaved(() -> {
            libraryVm.reload();
            sourcesVm.showSkills(); // a resolved merge changes its upstream state at once
        });
        profilesVm.onApplied(installsVm::reload);
        installsVm.onInstalled(libraryVm.details()::refresh); // "Installed in" of the selected skill
        profilesVm.reload(); // the names Add to profile… offers
        installsVm.rows().addListener((ListChangeListener<Object>) c -> budgetScopes());
        profilesVm.profiles().addListener((ListChangeListener<Object>) c -> budgetScopes());
        sourcesVm.setResolveInEditor(this::openMerge); // a merge with conflicts is resolved in the editor
        sourcesVm.onChange(libraryVm.states()::refreshUpstream); // the library's Upstream badges follow
        sourcesVm.autoFetchProperty().set(autoFetchChoice(prefs.get(Prefs.SOURCES_AUTO_FETCH)));
        sourcesVm.autoFetchProperty().addListener((o, a, b) -> prefs.set(Prefs.SOURCES_AUTO_FETCH, b.name()));
        sourcesVm.startAutoFetch(Long.getLong("skilldesk.autoFetch.tickMillis", 60_000));
        Runnable preload = () -> {
            if (core.searchStarted()) {
                core.search().embedder().preload(); // a query is likely: the model loads while it is typed
            }
        };
        search.onShown(preload);
        map.onShown(preload);
        state.placeProperty().addListener((o, a, b) -> {
            if (!restored && firstPlaceShown) {
                placeChosenMeanwhile = true;
            }
        });
    }

    /** Each skill's activations in the last 30 days, by name (what an agent's listing knows a skill by). */
    private Map<String, Long> usesByName() {
        Map<String, Long> uses = new HashMap<>();
        core.stats().topSkills(core.author(), Instant.now().minus(java.time.Duration.ofDays(30)), Instant.now(), 1_000_000)
                .forEach(c -> uses.merge(c.name(), c.activations(), Long::sum));
        return uses;
    }

    private Map<String, Long> activationCounts(Instant from) {
        Map<String, Long> counts = new HashMap<>();
        core.stats().topSkills(core.author(), from, Instant.now(), 1_000_000)
                .forEach(c -> counts.put(SkillRef.of(c.namespace(), c.name()).toString(), c.activations()));
        return counts;
    }

    /** The Budget place plans the listing of each agent where skills are installed, and of each profile. */
    private void budgetScopes() {
        budgetVm.setScopes(Stream.concat(
                AgentListings.of(installsVm.rows(), core.env()).stream()
                        .map(l -> new BudgetViewModel.Scope(l.label(), l.skills())),
                profilesVm.profiles().stream().map(p -> new BudgetViewModel.Scope("Profile " + p.name(),
                        Set.copyOf(p.skills())))).toList());
    }

    private void refreshListings() {
        installsVm.reload(); // whose listings there are: the agents' where skills are installed
        profilesVm.reload();
    }

    private static SourcesViewModel.AutoFetch autoFetchChoice(String saved) {
        try {
            return SourcesViewModel.AutoFetch.valueOf(saved);
        } catch (IllegalArgumentException e) {
            return SourcesViewModel.AutoFetch.OFF; // a file edited by hand
        }
    }

    // ---- starting, and following the library ---------------------------------------------------------------

    /** Loads the library, then starts the search stack (the model takes a second) in the background. */
    public void start() {
        // what was open comes back with the first reload that has rows (a newer reload may overtake the first)
        libraryVm.onReload(() -> {
            if (!restored && !libraryVm.rows().isEmpty()) {
                restored = true;
                restoreOpenSkills();
            }
        });
        libraryVm.reload();
        followLibraryChanges();
        executor.run("Starting search", () -> core.search().indexer().status(), firstStatus -> {
            var stack = core.search(); // started by now: returns at once
            BackgroundPriority.newDaemon("skilldesk-search-warm-up", () -> stack.warmUp(core.author())).start();
            searchStarted(stack, firstStatus);
        }, e -> dialogs.showError("Search could not start", e.getMessage()
                + "\nKeyword search still works once the library is open; check Settings."));
    }

    private void searchStarted(SearchStack stack, IndexStatus firstStatus) {
        int[] lastPending = {-1};
        // background embedding as a Service: its value is the indexer's newest status, at most one a pulse
        embedding = new EmbeddingService(stack.indexer(), executor.executor());
        embedding.latestStatusProperty().addListener((o, a, s) -> {
            if (disposed || s == null) {
                return;
            }
            statusBar.show(s);
            if (s.pending() == 0 && lastPending[0] != 0) {
                scheduleLibraryReload(); // the table's index column catches up when embedding finishes
            }
            lastPending[0] = s.pending();
        });
        statusBar.show(firstStatus);
        statusBar.addEmbeddingToggle(embedding);
        embedding.start();
        FxThrottle<Object> changes = new FxThrottle<>(executor::onUiThread, 200, id -> scheduleLibraryReload());
        core.library().onChange(changes::accept);
        search.ready(namespaces(), personas());
        if ("search".equals(state.placeProperty().get()) || "map".equals(state.placeProperty().get())) {
            stack.embedder().preload(); // the window came back on a place that asks for meaning
        }
        libraryVm.reload(); // now with index states
    }

    /**
     * Keeps every view current with the library's change feed, whoever wrote (this window, the CLI, the MCP server):
     * skill changes reload the Library (rows, tree, the search view's filters) and tell open editors; activations
     * refresh the Library's activity and Analytics; installs refresh the Installs view. Applied at most five times a
     * second.
     */
    private void followLibraryChanges() {
        FxThrottle<List<LibraryChange>> apply = new FxThrottle<>(executor::onUiThread, 200, ignored -> applyPendingChanges());
        changeSubscription = core.subscribe((changes, rebuild) -> executor.onUiThread(() -> {
            if (disposed) {
                return;
            }
            if (rebuild) {
                pendingChanges.add(new LibraryChange(0, "skill", null, Instant.now()));
            }
            pendingChanges.addAll(changes);
            apply.accept(changes);
        }));
    }

    private void applyPendingChanges() {
        if (disposed || pendingChanges.isEmpty()) {
            return;
        }
        List<LibraryChange> changes = new ArrayList<>(pendingChanges);
        pendingChanges.clear();
        boolean skills = changes.stream().anyMatch(c -> c.changesSkill() || c.skillId() == null && c.kind().equals("skill"));
        boolean activations = changes.stream().anyMatch(LibraryChange::isActivation);
        boolean installChanges = changes.stream().anyMatch(c -> c.kind().equals("install"));
        if (skills || activations) {
            scheduleLibraryReload();
        }
        if (skills && embedding != null && !embedding.isRunning()) {
            // paused: the indexer reports nothing, so the status line's counts are read here
            executor.run("Reading the index status", () -> core.search().indexer().status(), statusBar::show,
                    e -> dialogs.notify("Could not read the index status: " + e.getMessage()));
        }
        if (activations || skills && analytics.showing()) {
            analyticsVm.reload();
        }
        if (installChanges || skills && installs.showing()) {
            installsVm.reload();
        }
        if (skills) {
            Set<Long> ids = new HashSet<>();
            changes.stream().filter(LibraryChange::changesSkill).forEach(c -> ids.add(c.skillId()));
            documents.changedElsewhere(ids, (ns, name) -> libraryVm.rows().stream()
                    .filter(r -> r.skill().namespace().equals(ns) && r.skill().name().equals(name))
                    .map(r -> r.skill().id()).findFirst().orElse(null));
        }
    }

    private void scheduleLibraryReload() {
        if (disposed) {
            return; // a status or change event queued before the app stopped
        }
        if (reloadDebounce == null) {
            reloadDebounce = new PauseTransition(Duration.millis(400));
            reloadDebounce.setOnFinished(e -> {
                if (!disposed) {
                    libraryVm.reload(() -> search.setFilterChoices(namespaces(), personas()));
                }
            });
        }
        reloadDebounce.playFromStart();
    }

    /** The core under the window, for tests that check what the window wrote. */
    public SkillDeskCore core() {
        return core;
    }

    /** Stops the window's own timers and the agents' endpoints before the core closes. Call on the FX thread. */
    public void dispose() {
        disposed = true;
        endpoints.close();
        if (changeSubscription != null) {
            changeSubscription.close();
        }
        if (reloadDebounce != null) {
            reloadDebounce.stop();
        }
    }

    // ---- state kept across restarts (ui-preferences.properties, not the library) --------------------------

    private void restoreWindowPlace(Stage stage) {
        double x = prefs.get(Prefs.WINDOW_X);
        double y = prefs.get(Prefs.WINDOW_Y);
        if (!Double.isNaN(x) && !Double.isNaN(y) && !Screen.getScreensForRectangle(x, y, 200, 100).isEmpty()) {
            stage.setX(x); // only where a screen still is (a monitor unplugged since)
            stage.setY(y);
            WindowFit.keepOnScreen(stage); // a smaller screen since: the whole window stays on it
        }
        stage.setMaximized(prefs.get(Prefs.WINDOW_MAXIMIZED));
        List<SplitPane> splits = library.libraryView().splits();
        for (int i = 0; i < splits.size(); i++) {
            double pos = prefs.get(Prefs.LIBRARY_SPLIT.at(i));
            if (pos > 0.05 && pos < 0.95) {
                splits.get(i).setDividerPositions(pos);
            }
        }
    }

    /** Writes the window's place, its splits, the open skills, the place or skill in front, and the selection. */
    public void rememberState() {
        Stage stage = window.stage();
        Scene scene = window.scene();
        if (!stage.isMaximized() && !stage.isIconified()) {
            prefs.set(Prefs.WINDOW_WIDTH, scene.getWidth());
            prefs.set(Prefs.WINDOW_HEIGHT, scene.getHeight());
            prefs.set(Prefs.WINDOW_X, stage.getX());
            prefs.set(Prefs.WINDOW_Y, stage.getY());
        }
        prefs.set(Prefs.WINDOW_MAXIMIZED, stage.isMaximized());
        List<SplitPane> splits = library.libraryView().splits();
        for (int i = 0; i < splits.size(); i++) {
            if (splits.get(i).getDividerPositions().length > 0) {
                prefs.set(Prefs.LIBRARY_SPLIT.at(i), splits.get(i).getDividerPositions()[0]);
            }
        }
        prefs.set(Prefs.OPEN_SKILLS, String.join("\t", documents.openRefs().stream().map(SkillRef::toString).toList()));
        prefs.set(Prefs.PLACE, state.placeProperty().get());
        SkillRef active = state.activeSkillProperty().get();
        prefs.set(Prefs.ACTIVE_SKILL, active == null ? "" : active.toString());
        if (window.front() instanceof SkillDocuments.SkillDocument d) {
            prefs.set(Prefs.ACTIVE_TAB, d.shownTab());
        }
        var selected = library.libraryView().table().getSelectionModel().getSelectedItem();
        prefs.set(Prefs.LIBRARY_SELECTED, selected == null ? "" : selected.skill().ref().toString());
    }

    /** After the first load: the skills that were open come back, then the place or skill that was in front. */
    private void restoreOpenSkills() {
        boolean keepPlace = placeChosenMeanwhile; // an author who went elsewhere while the library loaded stays there
        Object chosen = window.front();
        Set<String> known = new HashSet<>();
        libraryVm.rows().forEach(r -> known.add(r.skill().ref().toString()));
        // by the reference each was opened with: a document knows its skill's reference only once it has loaded
        Map<String, SkillDocuments.SkillDocument> opened = new HashMap<>();
        for (String ref : prefs.get(Prefs.OPEN_SKILLS).split("\t")) {
            if (known.contains(ref)) {
                opened.put(ref, documents.open(SkillRef.parse(ref, "default")));
            }
        }
        if (keepPlace) {
            if (chosen instanceof Feature f) {
                window.show(f);
            }
        } else {
            String active = prefs.get(Prefs.ACTIVE_SKILL);
            var doc = Optional.ofNullable(opened.get(active));
            if (doc.isPresent()) {
                window.show(doc.get());
                doc.get().showTab(prefs.get(Prefs.ACTIVE_TAB)); // its tab too: Versions stays Versions
            } else {
                Feature place = window.feature(prefs.get(Prefs.PLACE));
                window.show(place != null ? place : library);
            }
        }
        String ref = prefs.get(Prefs.LIBRARY_SELECTED);
        var table = library.libraryView().table();
        table.getItems().stream().filter(r -> r.skill().ref().toString().equals(ref)).findFirst().ifPresent(r -> {
            table.getSelectionModel().select(r);
            table.scrollTo(r);
        });
    }

    /**
     * The first-start panel above the library: what to do first (import the agent folders found on this machine, or
     * any folder; try a search; write a skill), until the author dismisses it or imports skills.
     */
    private void showWelcomeUnlessDismissed() {
        if (prefs.get(Prefs.WELCOME_DISMISSED)) {
            return;
        }
        // skills brought in (an import here or from the CLI, a new skill) have done what the panel asks: it goes, and
        // stays gone. The count is the library's at its first load; the window's own imports say so at once.
        int[] first = {-1};
        Runnable dismissIfGrown = () -> {
            if (prefs.get(Prefs.WELCOME_DISMISSED)) {
                return;
            }
            int now = (int) libraryVm.rows().stream().filter(r -> !r.skill().deleted()).count();
            if (first[0] < 0) {
                first[0] = now;
            } else if (now > first[0]) {
                prefs.set(Prefs.WELCOME_DISMISSED, true);
                library.libraryView().setBanner(null);
            }
        };
        libraryVm.onReload(dismissIfGrown);
        libraryVm.imports().onImported(report -> {
            if (report.count(SaveOutcome.Status.CREATED) > 0 && !prefs.get(Prefs.WELCOME_DISMISSED)) {
                prefs.set(Prefs.WELCOME_DISMISSED, true);
                library.libraryView().setBanner(null);
            }
        });
        executor.run("Looking for agent folders", () -> AgentFolders.existing(core.env(), Path.of("").toAbsolutePath()),
                found -> {
                    if (!prefs.get(Prefs.WELCOME_DISMISSED)) { // an import may have finished while the folders were looked for
                        library.showWelcome(found, path -> importDialog(path), () -> prefs.set(Prefs.WELCOME_DISMISSED, true));
                    }
                },
                e -> dialogs.notify("Could not look for agent folders: " + e.getMessage()));
    }

    // ---- dialogs that reach across places -----------------------------------------------------------------

    private void installDrop(Scene scene) {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && !(e.getTarget() instanceof Node n && insideDocument(n))) {
                e.acceptTransferModes(TransferMode.COPY);
            }
        });
        scene.setOnDragDropped(e -> {
            boolean ok = false;
            if (e.getDragboard().hasFiles()) {
                for (File f : e.getDragboard().getFiles()) {
                    Path p = f.toPath();
                    if (Files.isDirectory(p) || Importer.isPackage(p) || p.getFileName().toString().equals("SKILL.md")) {
                        // the dialog opens after the drop has ended (a modal dialog inside the drop handler would hold
                        // the drag source); each dropped path gets its preview
                        Platform.runLater(() -> importDialog(p));
                        ok = true;
                    }
                }
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** A drop on an open skill's file tree adds files to it (its own handler); elsewhere a drop imports. */
    private static boolean insideDocument(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p.getStyleClass().contains("file-tree")) {
                return true;
            }
        }
        return false;
    }

    /** The import dialog, its path filled in when given (a drop); the import runs once the author saw the preview. */
    public void importDialog(Path prefill) {
        ImportViewModel vm = libraryVm.newImport();
        try {
            vm.mappingProperty().set(ImportViewModel.Mapping.valueOf(prefs.get(Prefs.IMPORT_MAPPING)));
        } catch (IllegalArgumentException unreadable) {
            // the default
        }
        if (prefill != null) {
            vm.pathProperty().set(prefill.toString());
        }
        if (ImportDialog.ask(window.stage(), vm)) {
            if (vm.treeProperty().get()) { // remembered for the next tree, not carried into a single folder
                prefs.set(Prefs.IMPORT_MAPPING, vm.mappingProperty().get().name());
            }
            libraryVm.imports().importPath(vm.target(), vm.options(), null);
        }
    }

    public void newSkill() {
        documents.newSkill(window.stage(), libraryVm.namespaces(), libraryVm.personas()).ifPresent(window::show);
    }

    /** Opens (or brings forward) a skill. */
    public void openSkill(Skill skill) {
        state.open(skill.ref());
    }

    private void openMerge(Sources.Update update) {
        if (update.merge() == null || update.upstream() == null) {
            return;
        }
        SkillRef ref = SkillRef.parse(update.skill(), "default");
        String commit = update.upstream();
        int n = update.conflicts().size();
        String summary = "Merging upstream " + commit.substring(0, Math.min(12, commit.length())) + " into " + ref.name()
                + ": " + String.join("; ", update.conflicts()) + ". Keep the lines you want between <<<<<<< yours and"
                + " >>>>>>> upstream, delete the marker lines, then Save. Revert drops the merge.";
        var sources = core.sources();
        documents.openMerge(ref, update.merge().content(), summary,
                text -> sources.resolveMerge(core.author(), ref.toString(), text, commit)).ifPresent(d -> {
                    window.show(d);
                    dialogs.notify(n + " conflict" + (n == 1 ? "" : "s") + " to resolve in " + ref.name());
                });
    }

    /** Asks where to install the skills (agents, global or a project, or any folder), then installs. */
    private void installDialog(List<Skill> chosen) {
        if (chosen.isEmpty()) {
            return;
        }
        String asked = chosen.size() == 1 ? "'" + chosen.get(0).name() + "'" : chosen.size() + " skills";
        // first what may not go (a skill that needs fixes: left out, with its findings) and what the trust check
        // finds, so that the dialog says so before anything is chosen
        executor.run("Checking " + asked, () -> {
            Map<Skill, String> fixFirst = installsVm.needFixes(chosen);
            List<Skill> ok = chosen.stream().filter(k -> !fixFirst.containsKey(k)).toList();
            return Map.entry(fixFirst, Map.entry(ok, installsVm.flagged(ok)));
        }, checked -> {
            Map<Skill, String> fixFirst = checked.getKey();
            List<Skill> skills = checked.getValue().getKey();
            Map<Skill, dev.skilldesk.audit.Auditor.Report> flagged = checked.getValue().getValue();
            if (!fixFirst.isEmpty()) {
                String why = String.join("\n\n", fixFirst.values()) + "\n\nOpen to fix (the Library's details) opens"
                        + " the editor at the first finding.";
                if (skills.isEmpty()) {
                    dialogs.showWarning("Nothing to install: " + String.join(", ", fixFirst.keySet().stream()
                            .map(Skill::name).toList()) + (fixFirst.size() == 1 ? " needs" : " need") + " fixes", why);
                    return;
                }
            }
            String what = skills.size() == 1 ? "'" + skills.get(0).name() + "'" : skills.size() + " skills";
            String leftOut = fixFirst.isEmpty() ? "" : "\nLeft out: " + String.join(", ", fixFirst.keySet().stream()
                    .map(Skill::name).toList()) + (fixFirst.size() == 1 ? " needs" : " need") + " fixes first.";
            String warning = leftOut + (flagged.isEmpty() ? "" : "\nThe trust check found something high-risk in "
                    + String.join(", ", flagged.keySet().stream().map(Skill::name).toList()) + ": you are asked again before "
                    + (flagged.size() == 1 ? "it is" : "they are") + " copied.");
            InstallTargetDialog.ask(window.stage(), "Install " + what + ", exactly as "
                            + (skills.size() == 1 ? "its" : "their") + " active version, for the agents you choose.\n"
                            + "The Installs place shows later if a copy was edited on disk or the library moved on." + warning,
                    "Install", core.env(), prefs, true)
                    .ifPresent(choice -> installsVm.install(skills, choice, core.env(), flagged));
        }, e -> dialogs.showError("Could not check " + asked, e.getMessage()));
    }

    /** Asks which profile the skills join (or a new one's name), then adds them. */
    private void addToProfileDialog(List<Skill> skills) {
        if (skills.isEmpty()) {
            return;
        }
        List<String> refs = skills.stream().map(k -> k.ref().toString()).toList();
        String fresh = "A new profile…";
        List<String> choices = new ArrayList<>(profilesVm.profiles().stream()
                .map(Profiles.Profile::name).toList());
        choices.add(fresh);
        dialogs.askForChoice("Add to profile", "Add " + (skills.size() == 1 ? "'" + skills.get(0).name() + "'"
                        : skills.size() + " skills") + " to a profile: a set of skills you apply to a project in one step"
                        + " (Installs).", choices).ifPresent(choice -> {
            if (!choice.equals(fresh)) {
                profilesVm.add(choice, refs);
                return;
            }
            dialogs.askForText("New profile", "A name for the set, such as python-backend", "")
                    .ifPresent(n -> profilesVm.create(n, refs));
        });
    }

    private void tagDialog(List<Skill> skills) {
        dialogs.askForText("Tag", "Add a tag to " + skills.size() + " skill(s)", "")
                .ifPresent(t -> libraryVm.addTag(mapVm.rowsOf(skills), t));
    }

    private TreeSet<String> namespaces() {
        TreeSet<String> out = new TreeSet<>();
        libraryVm.rows().forEach(r -> out.add(r.skill().namespace()));
        return out;
    }

    private TreeSet<String> personas() {
        TreeSet<String> out = new TreeSet<>();
        libraryVm.rows().forEach(r -> {
            if (r.skill().persona() != null) {
                out.add(r.skill().persona());
            }
        });
        return out;
    }

    // ---- what the app, the bench scripts and the tests reach ---------------------------------------------

    public Scene scene() {
        return window.scene();
    }

    public Stage stage() {
        return window.stage();
    }

    public MainWindow window() {
        return window;
    }

    public AppState state() {
        return state;
    }

    public ActionTable actions() {
        return actions;
    }

    /** Brings the place {@code id} forward. */
    public void show(String placeId) {
        window.show(window.feature(placeId));
    }

    public void focusSearch() {
        actions.get(SearchFeature.FOCUS).fire();
    }

    /** Whether the Search place takes searches yet (its view is made once the search stack has started). */
    public boolean searchReady() {
        return search.ready();
    }

    public LibraryViewModel libraryViewModel() {
        return libraryVm;
    }

    public LibraryFeature library() {
        return library;
    }

    public SearchViewModel searchViewModel() {
        return searchVm;
    }

    public MapViewModel mapViewModel() {
        return mapVm;
    }

    public MapFeature map() {
        return map;
    }

    public AnalyticsViewModel analyticsViewModel() {
        return analyticsVm;
    }

    public SettingsViewModel settingsViewModel() {
        return settingsVm;
    }

    public EndpointsViewModel endpointsViewModel() {
        return endpointsVm;
    }

    /** Background embedding (pause: cancel; resume: restart), once search has started. */
    public EmbeddingService embedding() {
        return embedding;
    }

    /** The open skills, by "namespace/name". */
    public Map<String, SkillDocuments.SkillDocument> openSkills() {
        return documents.open();
    }

    public SkillDocuments documents() {
        return documents;
    }

    /** The index's status now (a read of the library: call off the FX thread). */
    IndexStatus indexStatus() {
        return core.searchStarted() ? core.search().indexer().status() : null;
    }

    FxTaskExecutor executor() {
        return executor;
    }
}
