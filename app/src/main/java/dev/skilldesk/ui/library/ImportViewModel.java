package dev.skilldesk.ui.library;

import dev.skilldesk.library.ImportOptions;
import dev.skilldesk.library.ImportReport;
import dev.skilldesk.library.Importer;
import dev.skilldesk.library.Namespaces;
import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.ui.common.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The import dialog's state: what to import, where it lands (namespace, what the tree's top folders become,
 * persona, access, tags, a note), and a preview of what the import would do, computed in the background
 * whenever the inputs change. Import is possible once the preview shown is the preview of the inputs as
 * they are, so nothing is written that the author has not seen.
 */
public final class ImportViewModel {
    /** The mapping choices as the dialog names them. */
    public enum Mapping {
        NONE("stay in the namespace", ImportOptions.TreeMapping.NONE),
        NAMESPACE("become namespaces", ImportOptions.TreeMapping.NAMESPACE),
        PERSONA("become personas", ImportOptions.TreeMapping.PERSONA);

        private final String label;
        private final ImportOptions.TreeMapping mapping;

        Mapping(String label, ImportOptions.TreeMapping mapping) {
            this.label = label;
            this.mapping = mapping;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final Importer importer;
    private final Principal author;
    private final TaskExecutor executor;
    private final StringProperty path = new SimpleStringProperty("");
    private final StringProperty namespace = new SimpleStringProperty("default");
    private final ObjectProperty<Mapping> mapping = new SimpleObjectProperty<>(Mapping.NONE);
    private final StringProperty persona = new SimpleStringProperty("");
    private final ObjectProperty<AccessLevel> access = new SimpleObjectProperty<>(AccessLevel.PRIVATE);
    private final StringProperty tags = new SimpleStringProperty("");
    private final StringProperty note = new SimpleStringProperty("");
    /** Let in the skills the trust check finds a high finding in (asked: off until the author ticks it). */
    private final BooleanProperty acceptRisk = new SimpleBooleanProperty(false);
    /** Whether the preview refused a skill for its trust check (then the dialog offers to let it in). */
    private final BooleanProperty trustRefusals = new SimpleBooleanProperty(false);
    /** The skills the trust check refused in the last preview without "anyway": still shown once it is ticked. */
    private final ObservableList<ImportReport.Entry> trustFlagged = FXCollections.observableArrayList();
    private final StringProperty problem = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final BooleanProperty previewing = new SimpleBooleanProperty();
    private final BooleanProperty canImport = new SimpleBooleanProperty();
    private final ObservableList<ImportReport.FolderCounts> folders = FXCollections.observableArrayList();
    private final ObservableList<ImportReport.Entry> refused = FXCollections.observableArrayList();
    private final ObservableList<ImportReport.Entry> needFixes = FXCollections.observableArrayList();
    private final BooleanProperty tree = new SimpleBooleanProperty();
    private final ObservableList<String> namespaces = FXCollections.observableArrayList();
    private final ObservableList<String> personas = FXCollections.observableArrayList();
    /** The inputs the preview on screen was made for; Import needs them to be the current ones. */
    private Inputs previewed;
    private long generation;

    /** What a preview depends on. */
    private record Inputs(Path path, ImportOptions options) {
    }

    /**
     * @param defaultAccess the access new skills get unless the author picks another (a setting of the library, read
     *                      in the background: the dialog shows it once read)
     */
    public ImportViewModel(Importer importer, Principal author, TaskExecutor executor, List<String> knownNamespaces,
                           List<String> knownPersonas, Supplier<AccessLevel> defaultAccess) {
        this.importer = importer;
        this.author = author;
        this.executor = executor;
        namespaces.setAll(knownNamespaces);
        personas.setAll(knownPersonas);
        namespace.set(author.namespace());
        for (var p : List.of(path, namespace, persona, tags, note)) {
            p.addListener((o, a, b) -> inputsChanged());
        }
        mapping.addListener((o, a, b) -> inputsChanged());
        access.addListener((o, a, b) -> {
            accessChosen = true;
            inputsChanged();
        });
        executor.run("Reading the default access", defaultAccess::get, level -> {
            if (!accessChosen && level != null) {
                access.set(level);
                accessChosen = false; // the library's default, not the author's pick
            }
        }, e -> Logger.getLogger(ImportViewModel.class.getName())
                .log(Level.FINE, "default access not read; private", e));
    }

    /** The author picked an access level in the dialog: the library's default, read late, does not replace it. */
    private boolean accessChosen;

    private void inputsChanged() {
        canImport.set(false);
        generation++; // a preview still running is of other inputs: it is dropped when it arrives
        previewing.set(false);
        String why = inputProblem();
        problem.set(why == null ? "" : why);
        if (why != null) {
            clearPreview();
        }
    }

    private void clearPreview() {
        folders.clear();
        refused.clear();
        needFixes.clear();
        tree.set(false);
        summary.set("");
    }

    /** Why the inputs cannot be imported as they are (shown under the form), or null. */
    private String inputProblem() {
        String p = path.get() == null ? "" : path.get().strip();
        if (p.isEmpty()) {
            return "Choose a folder or a .skill/.zip package";
        }
        try {
            Path.of(p);
        } catch (InvalidPathException e) {
            return "Not a path: " + e.getReason();
        }
        String ns = Namespaces.problem(namespace.get() == null ? "" : namespace.get().strip());
        if (ns != null) {
            return "Namespace: " + ns;
        }
        return null;
    }

    /** The inputs as import options, or null when they do not make a valid import. */
    public ImportOptions options() {
        if (inputProblem() != null) {
            return null;
        }
        String p = persona.get() == null || persona.get().isBlank() ? null : persona.get().strip();
        List<String> t = Arrays.stream((tags.get() == null ? "" : tags.get()).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new ImportOptions(namespace.get().strip(), access.get(), p, t,
                mapping.get().mapping, note.get(), acceptRisk.get());
    }

    public Path target() {
        return Path.of(path.get().strip());
    }

    /**
     * Computes the preview of the current inputs in the background (nothing is written); an older preview
     * finishing late is dropped. Does nothing while the inputs are invalid.
     */
    public void preview() {
        ImportOptions options = options();
        if (options == null) {
            return;
        }
        Inputs inputs = new Inputs(target(), options);
        long g = ++generation;
        previewing.set(true);
        summary.set("Looking at " + inputs.path().getFileName() + "…");
        executor.run("Previewing the import", () -> {
            Path target = inputs.path();
            // looked at here, not on the FX thread: a path on a slow disk or a network share never holds the window
            if (!Files.exists(target)) {
                throw new IllegalArgumentException("No such file or folder");
            }
            if (!Files.isDirectory(target) && !Importer.isPackage(target)
                    && !target.getFileName().toString().equals("SKILL.md")) {
                throw new IllegalArgumentException("Not a folder, a SKILL.md or a .skill/.zip package");
            }
            return importer.preview(author, target, inputs.options(), (n, total) -> { });
        }, report -> {
            if (g != generation) {
                return;
            }
            previewing.set(false);
            folders.setAll(report.byFolder());
            refused.setAll(report.refused());
            needFixes.setAll(report.needingFixes());
            tree.set(report.entries().stream().anyMatch(e -> !e.folder().isEmpty()));
            if (!inputs.options().acceptRisk()) {
                trustFlagged.setAll(report.refused().stream().filter(e -> e.reason() != null
                        && e.reason().startsWith("refused by the trust check")).toList());
                trustRefusals.set(!trustFlagged.isEmpty());
            }
            summary.set(previewText(report));
            previewed = inputs;
            // possible when the preview is of the inputs as they are, and the import would add something
            canImport.set(Objects.equals(currentInputs(), previewed) && report.entries().stream()
                    .anyMatch(e -> e.status() == SaveOutcome.Status.CREATED
                            || e.status() == SaveOutcome.Status.NEW_VERSION));
        }, e -> {
            if (g == generation) {
                previewing.set(false);
                clearPreview(); // never an earlier scan under a path that no longer holds it
                problem.set(e instanceof IllegalArgumentException ? e.getMessage() : "Could not look at it: " + e.getMessage());
            }
        });
    }

    private Inputs currentInputs() {
        ImportOptions o = options();
        return o == null ? null : new Inputs(target(), o);
    }

    static String previewText(ImportReport r) {
        long found = r.entries().size();
        long created = r.count(SaveOutcome.Status.CREATED);
        long changed = r.count(SaveOutcome.Status.NEW_VERSION);
        long same = r.count(SaveOutcome.Status.UNCHANGED);
        long no = r.count(SaveOutcome.Status.REJECTED);
        if (found == 0) {
            return "No skills found";
        }
        int fixes = r.needingFixes().size();
        return plural(found, "skill") + " found: " + created + " new, " + changed + " changed, " + same
                + " unchanged, " + no + " refused" + (fixes == 0 ? "" : "; " + fixes + (fixes == 1 ? " needs" : " need")
                + " fixes") + (r.skipped().isEmpty() ? "" : "; "
                + plural(r.skipped().size(), "path") + " skipped");
    }

    static String plural(long n, String word) {
        return String.format(Locale.ROOT, "%,d %s%s", n, word, n == 1 ? "" : "s");
    }

    public StringProperty pathProperty() {
        return path;
    }

    public StringProperty namespaceProperty() {
        return namespace;
    }

    public ObjectProperty<Mapping> mappingProperty() {
        return mapping;
    }

    public StringProperty personaProperty() {
        return persona;
    }

    public ObjectProperty<AccessLevel> accessProperty() {
        return access;
    }

    public StringProperty tagsProperty() {
        return tags;
    }

    public BooleanProperty acceptRiskProperty() {
        return acceptRisk;
    }

    public ObservableList<ImportReport.Entry> trustFlagged() {
        return trustFlagged;
    }

    public BooleanProperty trustRefusalsProperty() {
        return trustRefusals;
    }

    public StringProperty noteProperty() {
        return note;
    }

    /** What is wrong with the inputs ("" when nothing is). */
    public StringProperty problemProperty() {
        return problem;
    }

    /** The preview's one-line summary. */
    public StringProperty summaryProperty() {
        return summary;
    }

    public BooleanProperty previewingProperty() {
        return previewing;
    }

    /** True when the preview on screen is of the current inputs and something would be imported. */
    public BooleanProperty canImportProperty() {
        return canImport;
    }

    public ObservableList<ImportReport.FolderCounts> folders() {
        return folders;
    }

    public ObservableList<ImportReport.Entry> refused() {
        return refused;
    }

    /** The skills the import would store as needing fixes, each with every finding. */
    public ObservableList<ImportReport.Entry> needFixes() {
        return needFixes;
    }

    /** True when the previewed folder is a tree (skills under top folders): then the top folders' choice applies. */
    public BooleanProperty treeProperty() {
        return tree;
    }

    public ObservableList<String> namespaces() {
        return namespaces;
    }

    public ObservableList<String> personas() {
        return personas;
    }
}
