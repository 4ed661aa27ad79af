package dev.skilldesk.ui.library;

import dev.skilldesk.library.Activations;
import dev.skilldesk.library.BackgroundWork;
import dev.skilldesk.library.Exporter;
import dev.skilldesk.library.ImportOptions;
import dev.skilldesk.library.ImportReport;
import dev.skilldesk.library.Importer;
import dev.skilldesk.library.Installs;
import dev.skilldesk.library.LibraryOverview;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.library.SkillLibrary;
import dev.skilldesk.parse.FrontmatterEdits;
import dev.skilldesk.parse.SkillMdParser;
import dev.skilldesk.parse.SkillMetadata;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.sources.Sources;
import dev.skilldesk.ui.common.DialogService;
import dev.skilldesk.ui.common.Pacing;
import dev.skilldesk.ui.common.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Library's table and tree: the rows, the filter (text, scope, and the chips: needs fixes, needs an update,
 * deleted), the status line, the selection and the actions on it. What is read beside the rows lives in
 * {@link SkillStates}, the selected skill's facts in {@link SkillDetailsViewModel}, imports in {@link LibraryImports}.
 * Toolkit-free.
 */
public final class LibraryViewModel {
    /** The tree's selection: everything, a namespace, or a persona within a namespace. */
    public record Scope(String namespace, String persona) {
        public static final Scope ALL = new Scope(null, null);
    }

    /**
     * What the Library works with: the library's use cases, the author it acts as, and the id of the model the index
     * states are read for (null until search has started).
     */
    public record Services(SkillLibrary library, Importer importer, Exporter exporter, BackgroundWork embedding,
                           Principal author, Supplier<String> indexModel, Activations activations,
                           Installs installs, Sources sources, java.util.Map<String, String> env) {
        public Services(SkillLibrary library, Importer importer, Exporter exporter, BackgroundWork embedding,
                        Principal author, Supplier<String> indexModel, Activations activations, Installs installs,
                        Sources sources) {
            this(library, importer, exporter, embedding, author, indexModel, activations, installs, sources, System.getenv());
        }
    }

    private final Services services;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final LibraryOverview overview;
    private final SkillStates states;
    private final SkillDetailsViewModel details;
    private final LibraryImports imports;
    private final ObservableList<LibraryOverview.Row> rows = FXCollections.observableArrayList();
    /** The rows selected in the table (the view keeps it): what the Library's actions act on. */
    private final ObservableList<LibraryOverview.Row> selection = FXCollections.observableArrayList();
    private final FilteredList<LibraryOverview.Row> visible = new FilteredList<>(rows, r -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<Scope> scope = new SimpleObjectProperty<>(Scope.ALL);
    private final BooleanProperty showDeleted = new SimpleBooleanProperty(false);
    private final BooleanProperty needsUpdateOnly = new SimpleBooleanProperty(false);
    private final BooleanProperty needsFixesOnly = new SimpleBooleanProperty(false);
    /** How many of the rows need fixes (the chip says it, and shows only when some do). */
    private final IntegerProperty needingFixes = new SimpleIntegerProperty();
    private final BooleanProperty loading = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("");
    private final List<Runnable> reloadListeners = new ArrayList<>();
    private int rowsGeneration;
    /** The newest reload started (FX thread); an older one's rows are dropped when they arrive after it. */
    private long reloadGeneration;
    /** False until the first read of the library is in: the table says it is opening, not that it is empty. */
    private final BooleanProperty firstLoadDone = new SimpleBooleanProperty();

    public LibraryViewModel(Services services, TaskExecutor executor, DialogService dialogs) {
        this.services = services;
        this.executor = executor;
        this.dialogs = dialogs;
        this.overview = new LibraryOverview(services.library());
        this.states = new SkillStates(services.sources(), services.installs(), services.author(), executor);
        this.details = new SkillDetailsViewModel(services.library(), services.activations(), services.installs(),
                services.author(), executor, services.env());
        this.imports = new LibraryImports(services.importer(), services.embedding(), services.author(), executor,
                dialogs, this, services.library()::defaultAccess);
        filter.addListener((o, a, b) -> applyFilter());
        scope.addListener((o, a, b) -> applyFilter());
        showDeleted.addListener((o, a, b) -> reload());
        needsUpdateOnly.addListener((o, a, b) -> applyFilter());
        needsFixesOnly.addListener((o, a, b) -> applyFilter());
        states.upstream().addListener((MapChangeListener<Long, Sources.State>) c -> {
            if (needsUpdateOnly.get()) {
                applyFilter();
            } else {
                updateStatus();
            }
        });
    }

    /** Upstream and trust states, read beside the rows. */
    public SkillStates states() {
        return states;
    }

    /** The selected skill's facts, for the pane under the table. */
    public SkillDetailsViewModel details() {
        return details;
    }

    /** Imports run from the window. */
    public LibraryImports imports() {
        return imports;
    }

    /** Shows only the skills whose upstream state is anything but up-to-date. */
    public BooleanProperty needsUpdateOnlyProperty() {
        return needsUpdateOnly;
    }

    /** Shows only the skills that break the library's rules (kept from agents until fixed). */
    public BooleanProperty needsFixesOnlyProperty() {
        return needsFixesOnly;
    }

    /** How many skills in the library need fixes. */
    public ReadOnlyIntegerProperty needingFixesProperty() {
        return needingFixes;
    }

    private Principal me() {
        return services.author();
    }

    public void reload() {
        reload(() -> { });
    }

    /** Makes the table show the skills that need fixes (the import's news links here). */
    public void showNeedingFixes() {
        needsFixesOnly.set(true);
    }

    public ReadOnlyBooleanProperty firstLoadDoneProperty() {
        return firstLoadDone;
    }

    /**
     * Reads the library in the background, then shows it; {@code after} runs on the UI thread once the
     * rows are in (or the read failed). A read that finds nothing changed leaves the table and tree alone,
     * so the reloads that follow every import and embedding run cost the window nothing.
     */
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
                states.refreshUpstream(); // a new version can make a skill locally-modified
                executor.later(Pacing.NEXT_PULSE_MS, () -> states.refreshTrust(rows.stream()
                        .map(LibraryOverview.Row::skill).toList())); // after the rows are in
                // the tree and the listing meter follow a pulse later, so that they do not add to the table's
                // layout of a page of new rows (the longest pulse of a large import)
                showRows(loaded, () -> executor.later(Pacing.NEXT_PULSE_MS,
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
        if (rows.size() < Pacing.FIRST_ROWS && loaded.size() > 2 * Pacing.FIRST_ROWS) {
            rows.setAll(loaded.subList(0, Pacing.FIRST_ROWS));
            updateStatus();
            executor.later(Pacing.NEXT_PULSE_MS, () -> {
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
        boolean onlyNeedingFixes = needsFixesOnly.get();
        visible.setPredicate(r -> {
            Skill k = r.skill();
            if (onlyNeedingUpdate && !SkillStates.needsUpdate(states.upstreamOf(k.id()))) {
                return false;
            }
            if (onlyNeedingFixes && r.errors() == 0) {
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
            return k.name().contains(f) || k.namespace().contains(f) || k.description().toLowerCase(Locale.ROOT).contains(f)
                    || k.tags().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(f))
                    || (k.persona() != null && k.persona().toLowerCase(Locale.ROOT).contains(f));
        });
        updateStatus();
    }

    private void updateStatus() {
        long attention = states.upstream().values().stream().filter(SkillStates::needsUpdate).count();
        int fixes = (int) rows.stream().filter(r -> r.errors() > 0).count();
        int before = needingFixes.get();
        needingFixes.set(fixes);
        if (fixes == 0 && before > 0 && needsFixesOnly.get()) {
            needsFixesOnly.set(false); // the last one was fixed: every skill again, rather than an empty table
            return; // the filter runs again and comes back here
        }
        status.set(visible.size() + " of " + rows.size() + " skills"
                + (fixes == 0 ? "" : " · " + fixes + (fixes == 1 ? " needs" : " need") + " fixes")
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
            if (outcome.status() == SaveOutcome.Status.REJECTED) {
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
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "exported " + skills(selection.size()) + " to " + folder, null);
    }

    /**
     * The state of a new import dialog: the namespaces and personas the library has are offered, the
     * author's namespace is the default.
     */
    public ImportViewModel newImport() {
        return new ImportViewModel(services.importer(), me(), executor, namespaces(), personas(),
                services.library()::defaultAccess);
    }

    /** The namespaces of the rows loaded, sorted. */
    public List<String> namespaces() {
        return rows.stream().map(r -> r.skill().namespace()).distinct().sorted().toList();
    }

    /** The personas of the rows loaded, sorted. */
    public List<String> personas() {
        return rows.stream().map(r -> r.skill().persona()).distinct().sorted().toList();
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
