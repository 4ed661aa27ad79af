package dev.skilldesk.ui;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.AgentFolders;
import dev.skilldesk.library.Importer;
import dev.skilldesk.library.LibraryOverview;
import dev.skilldesk.search.IndexStatus;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.ui.analytics.AnalyticsView;
import dev.skilldesk.ui.analytics.AnalyticsViewModel;
import dev.skilldesk.ui.common.FxDialogService;
import dev.skilldesk.ui.common.FxTaskExecutor;
import dev.skilldesk.ui.common.FxThrottle;
import dev.skilldesk.ui.common.StatusBar;
import dev.skilldesk.ui.editor.SkillEditorView;
import dev.skilldesk.ui.editor.SkillEditorViewModel;
import dev.skilldesk.ui.library.LibraryView;
import dev.skilldesk.ui.library.ImportViewModel;
import dev.skilldesk.ui.library.LibraryViewModel;
import dev.skilldesk.ui.search.SearchView;
import dev.skilldesk.ui.search.SearchViewModel;
import dev.skilldesk.ui.settings.SettingsView;
import dev.skilldesk.ui.settings.SettingsViewModel;
import dev.skilldesk.ui.settings.UiPreferences;
import dev.skilldesk.ui.versions.DisclosureView;
import dev.skilldesk.ui.versions.VersionsView;
import dev.skilldesk.ui.versions.VersionsViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.controlsfx.control.NotificationPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The application window: toolbar, the Library / Search / Analytics / Settings tabs plus a tab per
 * open skill (editor, versions, layers), notifications, and the status bar. Wires views to view
 * models; holds no logic of its own beyond navigation.
 */
public final class MainWindow {
    private final SkillDeskCore core;
    private final FxTaskExecutor executor;
    private final UiPreferences prefs;
    private final Stage stage;
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final StatusBar statusBar;
    private final FxDialogService dialogs;
    private final LibraryViewModel libraryVm;
    private final LibraryView libraryView;
    private final SearchViewModel searchVm;
    private final AnalyticsViewModel analyticsVm;
    private final SettingsViewModel settingsVm;
    /** The MCP server and OTLP receiver the app runs for agents (Settings); closed before the core. */
    private final dev.skilldesk.mcp.AgentEndpoints endpoints;
    private final dev.skilldesk.ui.settings.EndpointsViewModel endpointsVm;
    private dev.skilldesk.ui.sources.SourcesViewModel sourcesVm; // not final: the editor tabs, made first, tell it of saves
    private final dev.skilldesk.ui.installs.ProfilesViewModel profilesVm;
    private final dev.skilldesk.ui.map.MapViewModel mapVm;
    private Tab mapTab;
    private Tab sourcesTab;
    private final Tab libraryTab;
    private final Tab searchTab;
    private final Tab analyticsTab;
    private final Tab settingsTab;
    private final Tab installsTab;
    private final dev.skilldesk.ui.installs.InstallsViewModel installsVm;
    private SkillTabs skillTabs;
    private dev.skilldesk.ui.common.EmbeddingService embedding;
    private final dev.skilldesk.ui.budget.BudgetViewModel budgetVm;
    private Tab budgetTab;
    private SearchView searchView;
    private final Scene scene;


    public MainWindow(Stage stage, SkillDeskCore core, FxTaskExecutor executor, UiPreferences prefs) {
        this.stage = stage;
        this.core = core;
        this.executor = executor;
        this.prefs = prefs;
        statusBar = new StatusBar(executor.runningProperty());
        NotificationPane notifications = new NotificationPane(tabs);
        notifications.setShowFromTop(false);
        notifications.getStyleClass().add(NotificationPane.STYLE_CLASS_DARK);
        dialogs = new FxDialogService(() -> stage, notifications, statusBar.messageLabel());

        libraryVm = new LibraryViewModel(LibraryViewModel.Services.of(core), executor, dialogs);
        statusBar.bindActivity(libraryVm.importingProperty(), libraryVm.importProgressProperty(), libraryVm.importTextProperty());
        installsVm = new dev.skilldesk.ui.installs.InstallsViewModel(core.installs(), core.author(), executor, dialogs,
                core.env());
        libraryView = new LibraryView(libraryVm, dialogs, this::openSkill, this::importDialog, this::newSkill,
                this::installDialog);
        libraryVm.onReload(this::updateListingChars);
        searchVm = new SearchViewModel(core::search, core.author(), executor);
        analyticsVm = new AnalyticsViewModel(core.stats(), core.activations(), core.author(), executor, dialogs);
        settingsVm = new SettingsViewModel(core.settings(), core.dataDir(), executor, dialogs, prefs);
        endpoints = new dev.skilldesk.mcp.AgentEndpoints(core, core.author());
        endpointsVm = new dev.skilldesk.ui.settings.EndpointsViewModel(endpoints, executor, prefs, dialogs::notify);
        budgetVm = new dev.skilldesk.ui.budget.BudgetViewModel(prefs);
        skillTabs = new SkillTabs(core, executor, dialogs, tabs, budgetVm, () -> {
            libraryVm.reload();
            if (this.sourcesVm != null) {
                this.sourcesVm.showSkills(); // a resolved merge changes its upstream state at once
            }
        }, prefs);

        libraryTab = fixedTab("Library", Feather.BOOK, libraryView);
        searchTab = fixedTab("Search", Feather.SEARCH, new Label("Loading the search index…"));
        analyticsTab = lazyTab("Analytics", Feather.BAR_CHART_2, () -> new AnalyticsView(analyticsVm));
        settingsTab = lazyTab("Settings", Feather.SETTINGS, () -> new SettingsView(settingsVm, endpointsVm,
                statusBar.breakersProperty(), dialogs::notify));
        profilesVm = new dev.skilldesk.ui.installs.ProfilesViewModel(core.profiles(), core.author(), executor, dialogs,
                core.env());
        profilesVm.onApplied(installsVm::reload);
        installsVm.onInstalled(libraryVm::refreshDetails); // "Installed in" of the selected skill
        profilesVm.reload(); // the names Add to profile… offers
        libraryView.setAddToProfile(this::addToProfileDialog);
        // the Budget tab plans the listing of each agent where skills are installed, and of each profile, too
        Runnable listings = () -> budgetVm.setScopes(java.util.stream.Stream.concat(
                dev.skilldesk.library.AgentListings.of(installsVm.rows(), core.env()).stream()
                        .map(l -> new dev.skilldesk.ui.budget.BudgetViewModel.Scope(l.label(), l.skills())),
                profilesVm.profiles().stream().map(p -> new dev.skilldesk.ui.budget.BudgetViewModel.Scope(
                        "Profile " + p.name(), java.util.Set.copyOf(p.skills())))).toList());
        installsVm.rows().addListener((javafx.collections.ListChangeListener<Object>) c -> listings.run());
        profilesVm.profiles().addListener((javafx.collections.ListChangeListener<Object>) c -> listings.run());
        installsTab = lazyTab("Installs", Feather.HARD_DRIVE, () -> new dev.skilldesk.ui.installs.InstallsView(installsVm,
                profilesVm, prefs));
        sourcesVm = new dev.skilldesk.ui.sources.SourcesViewModel(core.sources(), core.author(), executor, dialogs);
        sourcesVm.setResolveInEditor(skillTabs::openMerge); // a merge with conflicts is resolved in the editor
        sourcesVm.onChange(libraryVm::refreshUpstream);     // the library's Upstream badges follow
        sourcesVm.autoFetchProperty().set(autoFetchChoice(prefs.text("sources.autoFetch", "OFF")));
        sourcesVm.autoFetchProperty().addListener((o, a, b) -> prefs.setText("sources.autoFetch", b.name()));
        sourcesVm.startAutoFetch(Long.getLong("skilldesk.autoFetch.tickMillis", 60_000));
        sourcesTab = lazyTab("Sources", Feather.GIT_BRANCH, () -> new dev.skilldesk.ui.sources.SourcesView(sourcesVm));
        mapVm = new dev.skilldesk.ui.map.MapViewModel(new dev.skilldesk.ui.map.MapViewModel.Services(core.skillMap(),
                core.author(), libraryVm, from -> {
                    Map<String, Long> counts = new java.util.HashMap<>();
                    core.stats().topSkills(core.author(), from, java.time.Instant.now(), 1_000_000)
                            .forEach(c -> counts.put(SkillRef.of(c.namespace(), c.name()).toString(), c.activations()));
                    return counts;
                }), executor);
        mapTab = lazyTab("Map", Feather.MAP, () -> new dev.skilldesk.ui.map.MapView(mapVm, new dev.skilldesk.ui.map.MapView.Actions(
                this::openSkill, skills -> {
                    javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog();
                    d.setHeaderText("Add a tag to " + skills.size() + " skill(s)");
                    d.initOwner(stage);
                    d.showAndWait().ifPresent(t -> libraryVm.addTag(mapVm.rowsOf(skills), t));
                }, this::installDialog,
                skills -> dialogs.askForExportFolder().ifPresent(dir -> libraryVm.export(mapVm.rowsOf(skills), dir, false)))));
        // what is typed in the Search tab appears on the map too, with lines to the skills nearest to it
        searchVm.queryProperty().addListener((o, a, b) -> {
            if (b != null && !b.isBlank()) {
                mapVm.queryTextProperty().set(b);
            }
        });
        // the map follows the library while it shows: a saved description moves its skill
        libraryVm.onReload(() -> {
            if (tabs.getSelectionModel().getSelectedItem() == mapTab) {
                mapVm.reload();
            }
        });
        budgetTab = lazyTab("Budget", Feather.PIE_CHART, () -> new dev.skilldesk.ui.budget.BudgetView(budgetVm, this::openRef));
        tabs.setId("mainTabs");
        tabs.getTabs().addAll(libraryTab, searchTab, mapTab, analyticsTab, installsTab, sourcesTab, budgetTab, settingsTab);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!restored) {
                tabChosenMeanwhile = true;
            }
            if (b == analyticsTab) {
                analyticsVm.reload();
            } else if (b == installsTab) {
                installsVm.reload();
                profilesVm.reload();
            } else if (b == sourcesTab) {
                sourcesVm.reload();
            } else if (b == mapTab) {
                mapVm.reload();
            } else if (b == budgetTab) {
                installsVm.reload(); // whose listings there are: the agents' where skills are installed
                profilesVm.reload();
            } else if (b == searchTab && searchView != null) {
                searchView.focusField();
            }
            if ((b == searchTab || b == mapTab) && core.searchStarted()) {
                core.search().embedder().preload(); // a query is likely: the model loads while it is typed
            }
        });

        root.setTop(toolbar());
        root.setCenter(notifications);
        root.setBottom(statusBar);
        scene = new Scene(root, Math.max(800, prefs.number("window.width", 1280)),
                Math.max(560, prefs.number("window.height", 800)));
        scene.getStylesheets().addAll(css("/css/skilldesk.css"), css("/css/controlsfx-atlantafx.css"));
        installShortcuts();
        installDrop();
        stage.setOnCloseRequest(e -> {
            if (!skillTabs.confirmClose(() -> {
                rememberState();
                stage.close(); // every unsaved skill is saved now
            })) {
                e.consume();
            } else {
                rememberState();
            }
        });
        restoreWindowPlace();
        showWelcomeUnlessDismissed();
    }

    private static dev.skilldesk.ui.sources.SourcesViewModel.AutoFetch autoFetchChoice(String saved) {
        try {
            return dev.skilldesk.ui.sources.SourcesViewModel.AutoFetch.valueOf(saved);
        } catch (IllegalArgumentException e) {
            return dev.skilldesk.ui.sources.SourcesViewModel.AutoFetch.OFF; // a file edited by hand
        }
    }

    // ---- state kept across restarts (ui-preferences.properties, not the library) ------------------

    private void restoreWindowPlace() {
        double x = prefs.number("window.x", Double.NaN);
        double y = prefs.number("window.y", Double.NaN);
        if (!Double.isNaN(x) && !Double.isNaN(y) && !javafx.stage.Screen.getScreensForRectangle(x, y, 200, 100).isEmpty()) {
            stage.setX(x); // only where a screen still is (a monitor unplugged since)
            stage.setY(y);
        }
        stage.setMaximized(prefs.flag("window.maximized", false));
        List<javafx.scene.control.SplitPane> splits = libraryView.splits();
        for (int i = 0; i < splits.size(); i++) {
            double pos = prefs.number("split.library." + i, Double.NaN);
            if (pos > 0.05 && pos < 0.95) {
                splits.get(i).setDividerPositions(pos);
            }
        }
    }

    /** Writes the window's place, its splits, the open skills and the selection to the preferences file. */
    public void rememberState() {
        if (!stage.isMaximized() && !stage.isIconified()) {
            prefs.setNumber("window.width", scene.getWidth());
            prefs.setNumber("window.height", scene.getHeight());
            prefs.setNumber("window.x", stage.getX());
            prefs.setNumber("window.y", stage.getY());
        }
        prefs.setFlag("window.maximized", stage.isMaximized());
        List<javafx.scene.control.SplitPane> splits = libraryView.splits();
        for (int i = 0; i < splits.size(); i++) {
            if (!splits.get(i).getDividerPositions().equals(new double[0])) {
                prefs.setNumber("split.library." + i, splits.get(i).getDividerPositions()[0]);
            }
        }
        prefs.setText("tabs.open", String.join("\t", skillTabs.openSkillRefs()));
        prefs.setText("tabs.selected", tabs.getSelectionModel().getSelectedItem() == null ? ""
                : tabs.getSelectionModel().getSelectedItem().getText().replace(" ●", ""));
        var selected = libraryView.table().getSelectionModel().getSelectedItem();
        prefs.setText("library.selected", selected == null ? "" : selected.skill().ref().toString());
    }

    /** After the first load: the skills that were open come back, and the skill that was selected. */
    private void restoreOpenSkills() {
        Tab chosen = tabChosenMeanwhile ? tabs.getSelectionModel().getSelectedItem() : null;
        java.util.Map<String, dev.skilldesk.skill.Skill> byRef = new java.util.HashMap<>();
        libraryVm.rows().forEach(r -> byRef.put(r.skill().ref().toString(), r.skill()));
        for (String ref : prefs.text("tabs.open", "").split("\t")) {
            if (byRef.containsKey(ref)) {
                openSkill(byRef.get(ref));
            }
        }
        String selectedTab = prefs.text("tabs.selected", "");
        if (chosen != null) { // an author who went to another tab while the library loaded stays there
            tabs.getSelectionModel().select(chosen);
        } else {
            tabs.getTabs().stream().filter(t -> t.getText().replace(" ●", "").equals(selectedTab)).findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
        }
        String ref = prefs.text("library.selected", "");
        libraryView.table().getItems().stream()
                .filter(r -> (r.skill().ref()).equals(ref)).findFirst()
                .ifPresent(r -> {
                    libraryView.table().getSelectionModel().select(r);
                    libraryView.table().scrollTo(r);
                });
    }

    /**
     * The first-start panel above the library: what to do first (import the agent folders found on this
     * machine, or any folder; try a search; write a skill), until the author dismisses it or imports skills.
     */
    private void showWelcomeUnlessDismissed() {
        if (prefs.flag("welcome.dismissed", false)) {
            return;
        }
        // an import that brought skills in has done what the panel asks: it goes, and stays gone
        int[] before = {0};
        libraryVm.importingProperty().addListener((o, was, now) -> {
            if (now) {
                before[0] = libraryVm.rows().size();
            } else {
                libraryVm.reload(() -> {
                    if (libraryVm.rows().size() > before[0] && !prefs.flag("welcome.dismissed", false)) {
                        prefs.setFlag("welcome.dismissed", true);
                        libraryView.setBanner(null);
                    }
                });
            }
        });
        executor.run("Looking for agent folders", () -> AgentFolders.existing(core.env(),
                Path.of("").toAbsolutePath()), found -> {
            Label title = new Label("Welcome to SkillDesk");
            title.getStyleClass().add(atlantafx.base.theme.Styles.TITLE_4);
            Label text = new Label(found.isEmpty()
                    ? "Start by importing a folder of skills (or drop one on the window), try a search, or write a new skill."
                    : "Skills found on this machine: " + String.join(", ", found.stream().map(Path::toString).toList())
                    + ". Import them to search, edit and version them here.");
            text.setWrapText(true);
            Button agents = new Button(found.isEmpty() ? "Import a folder…" : "Import " + found.get(0).getFileName()
                    + (found.size() > 1 ? " (1 of " + found.size() + ")" : "") + "…", new FontIcon(Feather.DOWNLOAD));
            agents.setId("welcomeImport");
            agents.setOnAction(e -> importDialog(found.isEmpty() ? null : found.get(0)));
            Button search = new Button("Try a search (Ctrl+K)", new FontIcon(Feather.SEARCH));
            search.setOnAction(e -> focusSearch());
            Button fresh = new Button("New skill (Ctrl+N)", new FontIcon(Feather.FILE_PLUS));
            fresh.setOnAction(e -> newSkill());
            Button dismiss = new Button("Dismiss");
            dismiss.setId("welcomeDismiss");
            dismiss.getStyleClass().add(atlantafx.base.theme.Styles.FLAT);
            dismiss.setOnAction(e -> {
                prefs.setFlag("welcome.dismissed", true);
                libraryView.setBanner(null);
            });
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            HBox actions = new HBox(8, agents, search, fresh, grow, dismiss);
            actions.setAlignment(Pos.CENTER_LEFT);
            javafx.scene.layout.VBox panel = new javafx.scene.layout.VBox(6, title, text, actions);
            panel.setId("welcomePanel");
            panel.getStyleClass().add("welcome-panel");
            panel.setPadding(new Insets(10, 12, 10, 12));
            libraryView.setBanner(panel);
        }, e -> { });
    }

    public Scene scene() {
        return scene;
    }

    /** Loads the library, then starts the search stack (the model takes a second) in the background. */
    private boolean restored;

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
        SearchStartup.begin(core, executor, (search, firstStatus) -> {
            int[] lastPending = {-1};
            // background embedding as a Service: its value is the indexer's newest status, at most one a pulse
            embedding = new dev.skilldesk.ui.common.EmbeddingService(search.indexer(), executor.executor());
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
            searchView = new SearchView(searchVm, namespaces(), personas(), this::openSkill);
            searchTab.setContent(searchView);
            search.service().answerWhileModelLoads(true); // the first answer comes at once, by keywords, then refines
            if (tabs.getSelectionModel().getSelectedItem() == searchTab || tabs.getSelectionModel().getSelectedItem() == mapTab) {
                search.embedder().preload(); // the window came back on a tab that asks for meaning
            }
            libraryVm.reload(); // now with index states
        }, e -> dialogs.showError("Search could not start", e.getMessage()
                + "\nKeyword search still works once the library is open; check Settings."));
    }

    /** The author picked a tab before the last session's tabs were restored. */
    private boolean tabChosenMeanwhile;
    private javafx.animation.PauseTransition reloadDebounce;
    private boolean disposed;
    private dev.skilldesk.library.LibraryChanges.Subscription changeSubscription;
    /** The changes that arrived since the window last applied them (FX thread only). */
    private final java.util.List<dev.skilldesk.skill.LibraryChange> pendingChanges = new java.util.ArrayList<>();

    /**
     * Keeps every view current with the library's change feed, whoever wrote (this window, the CLI, the MCP
     * server): skill changes reload the Library (rows, tree, the search view's filters) and tell open
     * editors; activations refresh the Library's activity and Analytics; installs refresh the Installs view.
     * Changes are applied at most five times a second.
     */
    private void followLibraryChanges() {
        FxThrottle<java.util.List<dev.skilldesk.skill.LibraryChange>> apply =
                new FxThrottle<>(executor::onUiThread, 200, ignored -> applyPendingChanges());
        changeSubscription = core.subscribe((changes, rebuild) -> executor.onUiThread(() -> {
            if (disposed) {
                return;
            }
            if (rebuild) {
                pendingChanges.add(new dev.skilldesk.skill.LibraryChange(0, "skill", null, java.time.Instant.now()));
            }
            pendingChanges.addAll(changes);
            apply.accept(changes);
        }));
    }

    private void applyPendingChanges() {
        if (disposed || pendingChanges.isEmpty()) {
            return;
        }
        java.util.List<dev.skilldesk.skill.LibraryChange> changes = new java.util.ArrayList<>(pendingChanges);
        pendingChanges.clear();
        boolean skills = changes.stream().anyMatch(c -> c.changesSkill() || c.skillId() == null && c.kind().equals("skill"));
        boolean activations = changes.stream().anyMatch(dev.skilldesk.skill.LibraryChange::isActivation);
        boolean installs = changes.stream().anyMatch(c -> c.kind().equals("install"));
        if (skills || activations) {
            scheduleLibraryReload();
        }
        if (skills && embedding != null && !embedding.isRunning()) {
            // paused: the indexer reports nothing, so the status line's counts are read here
            executor.run("Reading the index status", () -> core.search().indexer().status(), statusBar::show, e -> { });
        }
        Tab shown = tabs.getSelectionModel().getSelectedItem();
        if (activations || skills && shown == analyticsTab) {
            analyticsVm.reload();
        }
        if (installs || skills && shown == installsTab) {
            installsVm.reload();
        }
        if (skills) {
            java.util.Set<Long> ids = new java.util.HashSet<>();
            changes.stream().filter(dev.skilldesk.skill.LibraryChange::changesSkill).forEach(c -> ids.add(c.skillId()));
            skillTabs.changedElsewhere(ids, (ns, name) -> libraryVm.rows().stream()
                    .filter(r -> r.skill().namespace().equals(ns) && r.skill().name().equals(name))
                    .map(r -> r.skill().id()).findFirst().orElse(null));
        }
    }

    private void scheduleLibraryReload() {
        if (disposed) {
            return; // a status or change event queued before the app stopped
        }
        if (reloadDebounce == null) {
            reloadDebounce = new javafx.animation.PauseTransition(javafx.util.Duration.millis(400));
            reloadDebounce.setOnFinished(e -> {
                if (!disposed) {
                    libraryVm.reload(this::refreshFilterChoices);
                }
            });
        }
        reloadDebounce.playFromStart();
    }

    /**
     * Stops the window's own timers before the core closes, so that a reload scheduled by the last
     * import or embedding event does not reach a closed library. Call on the FX thread.
     */
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

    private HBox toolbar() {
        Label title = new Label("SkillDesk");
        title.getStyleClass().add("app-title");
        Button importButton = new Button("Import…", new FontIcon(Feather.DOWNLOAD));
        importButton.setId("importButton");
        importButton.setOnAction(e -> importDialog());
        Button newButton = new Button("New skill", new FontIcon(Feather.FILE_PLUS));
        newButton.setOnAction(e -> newSkill());
        Button searchButton = new Button("Search", new FontIcon(Feather.SEARCH));
        searchButton.setOnAction(e -> focusSearch());
        Button theme = new Button();
        theme.setId("themeToggle");
        theme.setGraphic(new FontIcon(prefs.dark() ? Feather.SUN : Feather.MOON));
        theme.setOnAction(e -> settingsVm.darkProperty().set(!settingsVm.darkProperty().get()));
        settingsVm.darkProperty().addListener((o, a, dark) -> {
            Themes.apply(dark);
            theme.setGraphic(new FontIcon(dark ? Feather.SUN : Feather.MOON));
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label hints = new Label("Ctrl+K search · Ctrl+N new · Ctrl+S save · Ctrl+F filter · Ctrl+Q quit");
        hints.getStyleClass().add("text-muted");
        hints.setMinWidth(Region.USE_PREF_SIZE);
        // shown whole or not at all: a narrow window drops the hints, never the theme button
        hints.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> scene == null || scene.getWidth() > 1180, root.widthProperty()));
        hints.managedProperty().bind(hints.visibleProperty());
        HBox bar = new HBox(8, title, importButton, newButton, searchButton, spacer, hints, theme);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.getStyleClass().add("app-toolbar");
        return bar;
    }

    private void installShortcuts() {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), this::focusSearch);
        // Ctrl+Q quits as the close button does: unsaved edits are asked about first
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), () ->
                stage.fireEvent(new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::newSkill);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), () -> skillTabs.saveSelected());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            tabs.getSelectionModel().select(libraryTab);
            libraryView.focusFilter();
        });
    }

    private void installDrop() {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            boolean ok = false;
            if (e.getDragboard().hasFiles()) {
                for (File f : e.getDragboard().getFiles()) {
                    Path p = f.toPath();
                    if (Files.isDirectory(p) || Importer.isPackage(p) || p.getFileName().toString().equals("SKILL.md")) {
                        // the dialog opens after the drop has ended (a modal dialog inside the drop handler
                        // would hold the drag source); each dropped path gets its preview
                        javafx.application.Platform.runLater(() -> importDialog(p));
                        ok = true;
                    }
                }
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    public void focusSearch() {
        tabs.getSelectionModel().select(searchTab);
        if (searchView != null) {
            searchView.focusField();
        }
    }

    /** Asks which profile the selected skills join (or a new one's name), then adds them. */
    private void addToProfileDialog(List<Skill> skills) {
        if (skills.isEmpty()) {
            return;
        }
        List<String> refs = skills.stream().map(k -> k.ref().toString()).toList();
        String fresh = "A new profile…";
        List<String> choices = new java.util.ArrayList<>(profilesVm.profiles().stream()
                .map(dev.skilldesk.library.Profiles.Profile::name).toList());
        choices.add(fresh);
        javafx.scene.control.ChoiceDialog<String> d = new javafx.scene.control.ChoiceDialog<>(choices.get(0), choices);
        d.initOwner(stage);
        d.setTitle("Add to profile");
        d.setHeaderText("Add " + (skills.size() == 1 ? "'" + skills.get(0).name() + "'" : skills.size() + " skills")
                + " to a profile: a set of skills you apply to a project in one step (Installs tab).");
        d.setContentText("Profile:");
        d.showAndWait().ifPresent(choice -> {
            if (!choice.equals(fresh)) {
                profilesVm.add(choice, refs);
                return;
            }
            javafx.scene.control.TextInputDialog name = new javafx.scene.control.TextInputDialog();
            name.initOwner(stage);
            name.setTitle("New profile");
            name.setHeaderText("A name for the set, such as python-backend");
            name.setContentText("Name:");
            name.showAndWait().filter(n -> !n.isBlank()).ifPresent(n -> profilesVm.create(n, refs));
        });
    }

    /** Asks where to install the selected skills (agents, global or a project, or any folder), then installs. */
    private void installDialog(List<Skill> skills) {
        if (skills.isEmpty()) {
            return;
        }
        String what = skills.size() == 1 ? "'" + skills.get(0).name() + "'" : skills.size() + " skills";
        // the trust check first, so that the dialog says what it found before anything is chosen
        executor.run("Checking " + what, () -> installsVm.flagged(skills), flagged -> {
            String warning = flagged.isEmpty() ? "" : "\nThe trust check found something high-risk in "
                    + String.join(", ", flagged.keySet().stream().map(Skill::name).toList()) + ": you are asked again before "
                    + (flagged.size() == 1 ? "it is" : "they are") + " copied.";
            dev.skilldesk.ui.installs.InstallTargetDialog.ask(stage, "Install " + what + ", exactly as "
                            + (skills.size() == 1 ? "its" : "their") + " active version, for the agents you choose.\n"
                            + "The Installs tab shows later if a copy was edited on disk or the library moved on." + warning,
                    "Install", core.env(), prefs, true)
                    .ifPresent(choice -> installsVm.install(skills, choice, core.env(), flagged));
        }, e -> dialogs.showError("Could not check " + what, e.getMessage()));
    }

    public void importDialog() {
        importDialog(null);
    }

    /** The import dialog, its path filled in when given (a drop); the import runs once the author saw the preview. */
    public void importDialog(Path prefill) {
        ImportViewModel vm = libraryVm.newImport();
        try {
            vm.mappingProperty().set(ImportViewModel.Mapping.valueOf(prefs.text("import.mapping", "NONE")));
            vm.accessProperty().set(dev.skilldesk.skill.AccessLevel.parse(prefs.text("import.access", "private")));
        } catch (IllegalArgumentException unreadable) {
            // the defaults
        }
        if (prefill != null) {
            vm.pathProperty().set(prefill.toString());
        }
        if (dialogs.askForImport(vm)) {
            prefs.setText("import.mapping", vm.mappingProperty().get().name());
            prefs.setText("import.access", vm.accessProperty().get().key());
            libraryVm.importPath(vm.target(), vm.options(), null);
        }
    }

    public void newSkill() {
        skillTabs.newSkill(libraryVm.namespaces(), libraryVm.personas());
    }

    /** Opens (or brings forward) a skill's tab. */
    public void openSkill(Skill skill) {
        skillTabs.open(skill);
    }

    private void updateListingChars() {
        budgetVm.update(libraryVm.rows());
    }

    /** Opens the skill "namespace/name" when the library has it. */
    private void openRef(String ref) {
        libraryVm.rows().stream().filter(r -> (r.skill().ref()).equals(ref))
                .findFirst().ifPresent(r -> openSkill(r.skill()));
    }

    /** The search view's namespace and persona filters offer what the library has now. */
    private void refreshFilterChoices() {
        if (searchView != null) {
            searchView.setFilterChoices(namespaces(), personas());
        }
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

    private static Tab fixedTab(String title, Feather icon, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setClosable(false);
        t.setGraphic(new FontIcon(icon));
        t.setId("tab-" + title.toLowerCase());
        return t;
    }

    /**
     * A tab whose view is built when it is first shown (#18): building every tab's view, and styling and laying it
     * out, took most of the second the window needed to appear. Its view model is made (and listened to) at once.
     */
    private static Tab lazyTab(String title, Feather icon, java.util.function.Supplier<javafx.scene.Node> view) {
        Tab t = fixedTab(title, icon, null);
        javafx.beans.value.ChangeListener<Boolean> build = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (now && t.getContent() == null) {
                    t.selectedProperty().removeListener(this);
                    t.setContent(view.get());
                }
            }
        };
        t.selectedProperty().addListener(build);
        return t;
    }

    private static String css(String path) {
        var url = MainWindow.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException(path + " is missing from the build");
        }
        return url.toExternalForm();
    }

    // ---- for tests and screenshots ------------------------------------------------------------

    public TabPane tabs() {
        return tabs;
    }

    /** Whether the Search tab takes searches yet (its view is made once the search stack has started). */
    public boolean searchReady() {
        return searchView != null;
    }

    public Tab libraryTab() {
        return libraryTab;
    }

    public Tab searchTab() {
        return searchTab;
    }

    public Tab analyticsTab() {
        return analyticsTab;
    }

    public Tab settingsTab() {
        return settingsTab;
    }

    /**
     * For {@code bench --desktop}: shows 10,000 generated points on the Map, pans them for three seconds a step a
     * frame, and reports the pulse monitor's longest pulse and gap to {@code done} (then the app may exit).
     */
    public void benchPan(java.util.function.Consumer<String> done) {
        tabs.getSelectionModel().select(mapTab);
        dev.skilldesk.ui.map.MapView view = (dev.skilldesk.ui.map.MapView) mapTab.getContent();
        java.util.List<dev.skilldesk.ui.map.MapViewModel.Dot> many = new java.util.ArrayList<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            many.add(new dev.skilldesk.ui.map.MapViewModel.Dot(i, "ns" + (i % 12) + "/s" + i, "s" + i, "",
                    r.nextGaussian() * 5 + (i % 12) * 3, r.nextGaussian() * 5 - (i % 7) * 2, "ns" + (i % 12)));
        }
        mapVm.pairs().clear();
        mapVm.show(many);
        // after the start's own work (the model, the index) has settled, and a second of panning to warm up
        executor.later(4_000, () -> {
            view.fit();
            dev.skilldesk.ui.common.PulseMonitor monitor = new dev.skilldesk.ui.common.PulseMonitor(scene);
            long begin = System.nanoTime() + 1_000_000_000L;
            long end = begin + 3_000_000_000L;
            javafx.animation.AnimationTimer pan = new javafx.animation.AnimationTimer() {
                private int step;
                private boolean measuring;

                @Override
                public void handle(long now) {
                    step++;
                    view.panBy(step % 40 < 20 ? 6 : -6, step % 60 < 30 ? 3 : -3);
                    if (!measuring && now > begin) {
                        measuring = true;
                        monitor.start();
                    }
                    if (now > end) {
                        stop();
                        monitor.stop();
                        done.accept(String.format(java.util.Locale.ROOT, "bench-pan: %d pulses, longest pulse %.1f ms,"
                                + " longest gap %.1f ms", monitor.pulses(), monitor.maxPulseMillis(), monitor.maxGapMillis()));
                    }
                }
            };
            pan.start();
        });
    }

    /** For tests: the Map view's model. */
    public dev.skilldesk.ui.map.MapViewModel mapViewModel() {
        return mapVm;
    }

    public LibraryViewModel libraryViewModel() {
        return libraryVm;
    }

    public SearchViewModel searchViewModel() {
        return searchVm;
    }

    public AnalyticsViewModel analyticsViewModel() {
        return analyticsVm;
    }

    /** Background embedding (pause: cancel; resume: restart), once search has started. */
    public dev.skilldesk.ui.common.EmbeddingService embedding() {
        return embedding;
    }

    public dev.skilldesk.ui.settings.EndpointsViewModel endpointsViewModel() {
        return endpointsVm;
    }

    public SettingsViewModel settingsViewModel() {
        return settingsVm;
    }

    public Map<String, SkillTabs.SkillTab> openSkills() {
        return skillTabs.open();
    }

    public Stage stage() {
        return stage;
    }
}
