package dev.skilldesk.ui.library;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.BackgroundWork;
import dev.skilldesk.library.Exporter;
import dev.skilldesk.library.ImportOptions;
import dev.skilldesk.library.ImportReport;
import dev.skilldesk.library.LibraryOverview;
import dev.skilldesk.library.Importer;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.library.SkillLibrary;
import dev.skilldesk.parse.FrontmatterEdits;
import dev.skilldesk.parse.SkillMetadata;
import dev.skilldesk.parse.SkillMdParser;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.ui.common.DialogService;
import dev.skilldesk.ui.common.FxThrottle;
import dev.skilldesk.ui.common.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The library table and tree: rows, filter, scope, and the multi-select actions. Toolkit-free. */
public final class LibraryViewModel {
    /** The tree's selection: everything, a namespace, or a persona within a namespace. */
    public record Scope(String namespace, String persona) {
        public static final Scope ALL = new Scope(null, null);
    }

    /**
     * What the library view works with: the library's use cases, the author it acts as, and the id of the
     * model the index states are read for (null until search has started).
     */
    public record Services(SkillLibrary library, Importer importer, Exporter exporter, BackgroundWork embedding,
                           Principal author, Supplier<String> indexModel, dev.skilldesk.library.Activations activations,
                           dev.skilldesk.library.Installs installs, dev.skilldesk.sources.Sources sources) {
        /** The services of an open core (the window's composition root and tests). */
        public static Services of(SkillDeskCore core) {
            return new Services(core.library(), core.importer(), core.exporter(), core.embedding(), core.author(),
                    () -> core.searchStarted() ? core.search().embedder().modelId() : null, core.activations(),
                    core.installs(), core.sources());
        }
    }

    /** What the detail pane shows of the selected skill. */
    public record Details(LibraryOverview.Row row, dev.skilldesk.skill.TokenCounts tokens,
                          List<dev.skilldesk.skill.StoredActivation> recent,
                          List<dev.skilldesk.library.Installs.Status> installs,
                          dev.skilldesk.audit.Auditor.Report trust) {
    }

    private final ObjectProperty<Details> details = new SimpleObjectProperty<>();
    private long detailsGeneration;

    /** Loads the detail pane's facts of {@code row} in the background (null clears the pane). */
    public void select(LibraryOverview.Row row) {
        long g = ++detailsGeneration;
        if (row == null) {
            details.set(null);
            return;
        }
        Skill s = row.skill();
        executor.run("Reading " + s.name(), () -> {
            var active = services.library().get(me(), s.namespace(), s.name());
            var tokens = active.map(a -> a.version().tokens()).orElse(null);
            var recent = services.activations().recent(s.id(), 5);
            List<dev.skilldesk.library.Installs.Status> inst;
            try {
                inst = services.installs().status(me(), s.namespace(), s.name());
            } catch (RuntimeException e) {
                inst = List.of();
            }
            dev.skilldesk.audit.Auditor.Report trustReport;
            try {
                trustReport = services.installs().audit(me(), s.namespace(), s.name(), 0);
            } catch (RuntimeException e) {
                trustReport = null;
            }
            return new Details(row, tokens, recent, inst, trustReport);
        }, d -> {
            if (g == detailsGeneration) {
                details.set(d);
            }
        }, e -> { });
    }

    /** Reads the selected skill's details again (after an install, say). */
    public void refreshDetails() {
        Details d = details.get();
        if (d != null) {
            select(d.row());
        }
    }

    /** The selected skill's details, or null. */
    public ObjectProperty<Details> detailsProperty() {
        return details;
    }

    private final Services services;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final LibraryOverview overview;
    private final ObservableList<LibraryOverview.Row> rows = FXCollections.observableArrayList();
    /** The rows selected in the table (the view keeps it): what the Library's actions act on. */
    private final ObservableList<LibraryOverview.Row> selection = FXCollections.observableArrayList();
    private final FilteredList<LibraryOverview.Row> visible = new FilteredList<>(rows, r -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<Scope> scope = new SimpleObjectProperty<>(Scope.ALL);
    private final BooleanProperty showDeleted = new SimpleBooleanProperty(false);
    private final BooleanProperty loading = new SimpleBooleanProperty(false);
    private final BooleanProperty importing = new SimpleBooleanProperty(false);
    private final DoubleProperty importProgress = new SimpleDoubleProperty(0);
    private final StringProperty importText = new SimpleStringProperty("");
    private int importsRunning;
    /** How long embedding waits after an import's rows are shown, so that the window draws them first. */
    private static final long RESUME_AFTER_RELOAD_MS = 750;
    /** How long the "import finished" notification waits after the new rows are set, so they get a pulse of their own. */
    private static final long NEWS_AFTER_ROWS_MS = 150;
    /** "A pulse later": how long the rest of the rows, and then the tree and other reload listeners, wait. */
    private static final long NEXT_PULSE_MS = 40;
    /** A table with fewer rows than this that gets many more shows them in two steps (see showRows). */
    private static final int FIRST_ROWS = 8;
    private int rowsGeneration;
    private final StringProperty status = new SimpleStringProperty("");
    /** The upstream state of each skill that came from a source, by skill id ("upstream-newer" …). */
    private final javafx.collections.ObservableMap<Long, String> upstream = FXCollections.observableHashMap();
    private final BooleanProperty needsUpdateOnly = new SimpleBooleanProperty(false);
    private long upstreamGeneration;
    /** The source each skill came from, by skill id (its short name). */
    private final java.util.Map<Long, String> sourceNames = new java.util.concurrent.ConcurrentHashMap<>();
    /** The trust check's worst severity of each skill's active version, by skill id ("high", "warning", "info", "none"). */
    private final javafx.collections.ObservableMap<Long, String> trust = FXCollections.observableHashMap();
    /** The worst severity by skill id and version: a version's files never change, so it is audited once. */
    private final java.util.Map<String, String> trustByVersion = new java.util.concurrent.ConcurrentHashMap<>();
    private long trustGeneration;
    private final List<Runnable> reloadListeners = new ArrayList<>();

    public LibraryViewModel(Services services, TaskExecutor executor, DialogService dialogs) {
        this.services = services;
        this.executor = executor;
        this.dialogs = dialogs;
        this.overview = new LibraryOverview(services.library());
        filter.addListener((o, a, b) -> applyFilter());
        scope.addListener((o, a, b) -> applyFilter());
        showDeleted.addListener((o, a, b) -> reload());
        needsUpdateOnly.addListener((o, a, b) -> applyFilter());
        upstream.addListener((javafx.collections.MapChangeListener<Long, String>) c -> {
            if (needsUpdateOnly.get()) {
                applyFilter();
            } else {
                updateStatus();
            }
        });
    }

    /**
     * Reads the upstream state of every skill that came from a source, in the background (a source is read once
     * for all its skills); the table's Upstream column and the Needs update filter follow. After every reload that
     * changed rows, and when the Sources view fetched, imported or updated.
     */
    public void refreshUpstream() {
        if (services.sources() == null) {
            return;
        }
        long g = ++upstreamGeneration;
        executor.run("Checking upstream", () -> {
            java.util.Map<Long, String> m = new java.util.HashMap<>();
            for (dev.skilldesk.sources.Sources.Status st : services.sources().status(me(), null)) {
                m.put(st.skill().id(), st.state().label());
                sourceNames.put(st.skill().id(), st.source().shortName());
            }
            return m;
        }, m -> {
            if (g == upstreamGeneration && !m.equals(upstream)) {
                upstream.keySet().retainAll(m.keySet());
                upstream.putAll(m);
            }
        }, e -> { });
    }

    /** The source a skill came from (its short name), or null. */
    public String sourceOf(long skillId) {
        return sourceNames.get(skillId);
    }

    /**
     * Runs the trust check over the skills whose active version it has not seen, in the background, a few hundred
     * at a time (so that other background work is not held up behind a large library's first pass).
     */
    public void refreshTrust() {
        long g = ++trustGeneration;
        List<Skill> todo = new ArrayList<>();
        for (LibraryOverview.Row r : rows) {
            Skill s = r.skill();
            String known = trustByVersion.get(s.id() + "@" + s.activeVersion());
            if (known == null) {
                todo.add(s);
            } else if (!known.equals(trust.get(s.id()))) {
                trust.put(s.id(), known);
            }
        }
        trustBatch(g, todo, 0);
    }

    private void trustBatch(long g, List<Skill> todo, int from) {
        if (from >= todo.size() || g != trustGeneration) {
            return;
        }
        List<Skill> batch = todo.subList(from, Math.min(todo.size(), from + 200));
        executor.run("Checking skills", () -> {
            java.util.Map<Long, String> out = new java.util.HashMap<>();
            for (Skill s : batch) {
                try {
                    var report = services.installs().audit(me(), s.namespace(), s.name(), 0);
                    String worst = report.worst() == null ? "none" : report.worst().label();
                    trustByVersion.put(s.id() + "@" + s.activeVersion(), worst);
                    out.put(s.id(), worst);
                } catch (RuntimeException e) {
                    // deleted meanwhile: the next reload drops it
                }
            }
            return out;
        }, m -> {
            if (g == trustGeneration) {
                trust.putAll(m);
                trustBatch(g, todo, from + batch.size());
            }
        }, e -> { });
    }

    /** The trust check's worst severity for a skill ("high", "warning", "info", "none"), or null before it ran. */
    public String trustOf(long skillId) {
        return trust.get(skillId);
    }

    public javafx.collections.ObservableMap<Long, String> trustStates() {
        return trust;
    }

    /** A skill's upstream state, or null when it came from no source. */
    public String upstreamOf(long skillId) {
        return upstream.get(skillId);
    }

    public javafx.collections.ObservableMap<Long, String> upstreamStates() {
        return upstream;
    }

    /** Shows only the skills whose upstream state is anything but up-to-date. */
    public BooleanProperty needsUpdateOnlyProperty() {
        return needsUpdateOnly;
    }

    private static boolean needsUpdate(String state) {
        return state != null && !state.equals(dev.skilldesk.sources.Sources.State.UP_TO_DATE.label());
    }

    private Principal me() {
        return services.author();
    }

    public void reload() {
        reload(() -> { });
    }

    /**
     * Reads the library in the background, then shows it; {@code after} runs on the UI thread once the
     * rows are in (or the read failed). A read that finds nothing changed leaves the table and tree alone,
     * so the reloads that follow every import and embedding run cost the window nothing.
     */
    /** The newest reload started (FX thread); an older one's rows are dropped when they arrive after it. */
    private long reloadGeneration;

    /** False until the first read of the library is in: the table says it is opening, not that it is empty. */
    private final javafx.beans.property.BooleanProperty firstLoadDone = new javafx.beans.property.SimpleBooleanProperty();

    public javafx.beans.property.ReadOnlyBooleanProperty firstLoadDoneProperty() {
        return firstLoadDone;
    }

    public void reload(Runnable after) {
        loading.set(true);
        String model = services.indexModel().get();
        boolean deleted = showDeleted.get();
        long generation = ++reloadGeneration;
        executor.run("Loading the library", () -> overview.rows(me(), deleted, model), loaded -> {
            loading.set(false);
            firstLoadDone.set(true);
            if (generation != reloadGeneration) {
                after.run(); // a newer reload is under way: an older one finishing late must not undo it
                return;
            }
            if (!loaded.equals(rows)) {
                refreshUpstream(); // a new version can make a skill locally-modified
                executor.later(NEXT_PULSE_MS, this::refreshTrust); // after the rows are in
                // the tree and the listing meter follow a pulse later, so that they do not add to the table's
                // layout of a page of new rows (the longest pulse of a large import)
                showRows(loaded, () -> executor.later(NEXT_PULSE_MS,
                        () -> reloadListeners.forEach(Runnable::run)));
            }
            after.run();
        }, e -> {
            loading.set(false);
            dialogs.showError("Could not load the library", e.getMessage());
            after.run();
        });
    }

    /**
     * Sets the rows, then runs {@code shown}. A near-empty table that gets many rows at once (the first
     * large import) creates a screenful of new cells; laid out and drawn in one pulse, that is the longest
     * frame of the import. It gets a few rows now and the rest a pulse later, which splits that work in two.
     * The filter's predicate applies to rows as they are set.
     */
    private void showRows(List<LibraryOverview.Row> loaded, Runnable shown) {
        int generation = ++rowsGeneration;
        if (rows.size() < FIRST_ROWS && loaded.size() > 2 * FIRST_ROWS) {
            rows.setAll(loaded.subList(0, FIRST_ROWS));
            updateStatus();
            executor.later(NEXT_PULSE_MS, () -> {
                if (generation == rowsGeneration) { // else a newer reload has shown its rows
                    rows.setAll(loaded);
                    updateStatus();
                    shown.run();
                }
            });
        } else {
            rows.setAll(loaded);
            updateStatus();
            shown.run();
        }
    }

    public void onReload(Runnable r) {
        reloadListeners.add(r);
    }

    private void applyFilter() {
        String f = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        Scope s = scope.get() == null ? Scope.ALL : scope.get();
        boolean onlyNeedingUpdate = needsUpdateOnly.get();
        visible.setPredicate(r -> {
            Skill k = r.skill();
            if (onlyNeedingUpdate && !needsUpdate(upstream.get(k.id()))) {
                return false;
            }
            if (s.namespace() != null && !s.namespace().equals(k.namespace())) {
                return false;
            }
            if (s.persona() != null && !s.persona().equals(k.persona())) {
                return false;
            }
            if (f.isEmpty()) {
                return true;
            }
            if (f.startsWith("tag:")) { // tags only, whole
                String t = f.substring(4).strip();
                return k.tags().stream().anyMatch(x -> x.toLowerCase(Locale.ROOT).equals(t));
            }
            return k.name().contains(f) || k.description().toLowerCase(Locale.ROOT).contains(f)
                    || k.tags().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(f))
                    || (k.persona() != null && k.persona().toLowerCase(Locale.ROOT).contains(f));
        });
        updateStatus();
    }

    private void updateStatus() {
        long attention = upstream.values().stream().filter(LibraryViewModel::needsUpdate).count();
        status.set(visible.size() + " of " + rows.size() + " skills"
                + (attention == 0 ? "" : " · " + attention + " need" + (attention == 1 ? "s" : "") + " an update"));
    }

    // ---- actions on a selection -----------------------------------------------------------------

    public void delete(List<LibraryOverview.Row> selection, Runnable undoOffer) {
        forEach(selection, "Deleting", s -> services.library().delete(me(), s.namespace(), s.name()),
                skills(selection.size()) + " deleted", undoOffer);
    }

    public void restore(List<LibraryOverview.Row> selection) {
        forEach(selection, "Restoring", s -> services.library().restore(me(), s.namespace(), s.name()),
                skills(selection.size()) + " restored", null);
    }

    public void setAccess(List<LibraryOverview.Row> selection, AccessLevel level) {
        forEach(selection, "Changing access", s -> services.library().setAccess(me(), s.namespace(), s.name(), level),
                skills(selection.size()) + " now " + level.key(), null);
    }

    /** Adds a tag to each selected skill: a new version whose frontmatter carries it. */
    public void addTag(List<LibraryOverview.Row> selection, String tag) {
        String t = tag.strip();
        if (t.isEmpty()) {
            return;
        }
        forEach(selection, "Tagging", s -> {
            var outcome = services.library().addTag(me(), s.namespace(), s.name(), t);
            if (outcome.status() == dev.skilldesk.library.SaveOutcome.Status.REJECTED) {
                throw new IllegalStateException(outcome.reason()); // said, not "tagged"
            }
        },
                "tagged " + skills(selection.size()) + " '" + t + "'", null);
    }

    public void export(List<LibraryOverview.Row> selection, Path folder, boolean asPackages) {
        forEach(selection, "Exporting", s -> {
            try {
                if (asPackages) {
                    services.exporter().exportPackage(me(), s.namespace(), s.name(), 0, folder.resolve(s.name() + ".skill"));
                } else {
                    services.exporter().exportFolder(me(), s.namespace(), s.name(), 0, folder);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "exported " + skills(selection.size()) + " to " + folder, null);
    }

    /**
     * The state of a new import dialog: the namespaces and personas the library has are offered, the
     * author's namespace is the default.
     */
    public ImportViewModel newImport() {
        return new ImportViewModel(services.importer(), me(), executor, namespaces(), personas());
    }

    /** The namespaces of the rows loaded, sorted. */
    public List<String> namespaces() {
        return rows.stream().map(r -> r.skill().namespace()).distinct().sorted().toList();
    }

    /** The personas of the rows loaded, sorted. */
    public List<String> personas() {
        return rows.stream().map(r -> r.skill().persona()).distinct().sorted().toList();
    }

    /** Imports a folder or package with the default options (the author's namespace, private). */
    public void importPath(Path path, Consumer<ImportReport> done) {
        importPath(path, ImportOptions.defaults(), done);
    }

    /** Imports a folder or package in the background and reports the outcome. */
    public void importPath(Path path, ImportOptions options, Consumer<ImportReport> done) {
        loading.set(true);
        // embedding waits until the files are in: on 2 cores the import, the model and the window
        // would otherwise all compete for the same CPU
        BackgroundWork embedding = services.embedding();
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        importsRunning++;
        importing.set(true);
        importProgress.set(-1); // indeterminate until the importer has counted the skills
        importText.set("Importing " + name + "…");
        FxThrottle<int[]> progress = new FxThrottle<>(executor::onUiThread, 100, p -> {
            if (importsRunning > 0) {
                importProgress.set(p[1] == 0 ? 0 : p[0] / (double) p[1]);
                importText.set("Importing " + name + ": " + p[0] + "/" + p[1]);
            }
        });
        executor.run("Importing " + name, () -> {
            // held back by hand, not by Importer.importAll: it resumes only once the rows are on screen
            embedding.pause();
            return services.importer().importPath(me(), path, options,
                    (n, total) -> progress.accept(new int[]{n, total}));
        }, report -> {
            importFinished();
            loading.set(false);
            String summary = "Import of " + path.getFileName() + ": " + report.summary();
            // the new rows first, then the news: the table's first layout of a full page and the
            // notification bar's would otherwise share one pulse, a late frame on 2 busy cores;
            // embedding resumes once both are on screen
            reload(() -> executor.later(NEWS_AFTER_ROWS_MS, () -> {
                if (!report.refused().isEmpty()) {
                    var first = report.refused().get(0);
                    dialogs.showError("Some skills were not imported", summary + "\n\nFirst refusal: " + first.path()
                            + "\n" + first.reason());
                } else {
                    dialogs.notify(summary);
                }
                executor.later(RESUME_AFTER_RELOAD_MS, embedding::resume);
            }));
            if (done != null) {
                done.accept(report);
            }
        }, e -> {
            importFinished();
            loading.set(false);
            embedding.resume();
            dialogs.showError("Import failed", e.getMessage());
        });
    }

    private void importFinished() {
        if (--importsRunning == 0) {
            importing.set(false);
            importText.set("");
        }
    }

    /** True while an import runs. */
    public BooleanProperty importingProperty() {
        return importing;
    }

    /** The running import's progress: 0..1, or indeterminate while it counts the skills. */
    public DoubleProperty importProgressProperty() {
        return importProgress;
    }

    /** "Importing corpus: 340/1000" while an import runs, else empty. */
    public StringProperty importTextProperty() {
        return importText;
    }

    private static String skills(int n) {
        return n == 1 ? "1 skill" : n + " skills";
    }

    private void forEach(List<LibraryOverview.Row> selection, String title, Consumer<Skill> action, String doneMessage,
                         Runnable undo) {
        List<Skill> skills = selection.stream().map(LibraryOverview.Row::skill).toList();
        executor.run(title, () -> {
            List<String> errors = new ArrayList<>();
            for (Skill s : skills) {
                try {
                    action.accept(s);
                } catch (RuntimeException e) {
                    errors.add(s.name() + ": " + e.getMessage());
                }
            }
            return errors;
        }, errors -> {
            if (errors.isEmpty()) {
                dialogs.notify(doneMessage);
                if (undo != null) {
                    undo.run();
                }
            } else {
                dialogs.showError(title + " failed for " + skills(errors.size()), String.join("\n", errors));
            }
            reload();
        }, e -> dialogs.showError(title + " failed", e.getMessage()));
    }

    /** The rows selected in the table: the Library's actions act on these. */
    public ObservableList<LibraryOverview.Row> selection() {
        return selection;
    }

    /** The selected skills. */
    public List<Skill> selectedSkills() {
        return selection.stream().map(LibraryOverview.Row::skill).toList();
    }

    public ObservableList<LibraryOverview.Row> rows() {
        return rows;
    }

    public FilteredList<LibraryOverview.Row> visibleRows() {
        return visible;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<Scope> scopeProperty() {
        return scope;
    }

    public BooleanProperty showDeletedProperty() {
        return showDeleted;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public StringProperty statusProperty() {
        return status;
    }
}
