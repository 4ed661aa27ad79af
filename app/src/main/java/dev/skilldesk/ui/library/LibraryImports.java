package dev.skilldesk.ui.library;

import dev.skilldesk.library.BackgroundWork;
import dev.skilldesk.library.ImportOptions;
import dev.skilldesk.library.ImportReport;
import dev.skilldesk.library.Importer;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.ui.common.DialogService;
import dev.skilldesk.ui.common.FxThrottle;
import dev.skilldesk.ui.common.Pacing;
import dev.skilldesk.ui.common.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Imports run from the window: in the background, with progress for the status bar, embedding held back until the
 * new rows are on screen, and the outcome said (skills that need fixes named, refusals shown). Toolkit-free.
 */
public final class LibraryImports {
    private final Importer importer;
    private final BackgroundWork embedding;
    private final Principal who;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final LibraryViewModel library;
    /** The access new skills get (a setting of the library: read in the background). */
    private final Supplier<AccessLevel> defaultAccess;
    private final BooleanProperty importing = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty text = new SimpleStringProperty("");
    private int running;
    private final List<Consumer<ImportReport>> imported = new ArrayList<>();

    LibraryImports(Importer importer, BackgroundWork embedding, Principal who, TaskExecutor executor,
                   DialogService dialogs, LibraryViewModel library,
                   Supplier<AccessLevel> defaultAccess) {
        this.defaultAccess = defaultAccess;
        this.importer = importer;
        this.embedding = embedding;
        this.who = who;
        this.executor = executor;
        this.dialogs = dialogs;
        this.library = library;
    }

    /** Imports a folder or package with the default options (the author's namespace, the library's default access). */
    public void importPath(Path path, Consumer<ImportReport> done) {
        importPath(path, null, done);
    }

    /** Imports a folder or package in the background and says what it did ({@code options} null: the defaults). */
    public void importPath(Path path, ImportOptions options, Consumer<ImportReport> done) {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        running++;
        importing.set(true);
        progress.set(-1); // indeterminate until the importer has counted the skills
        text.set("Importing " + name + "…");
        FxThrottle<int[]> counted = new FxThrottle<>(executor::onUiThread, 100, p -> {
            if (running > 0) {
                progress.set(p[1] == 0 ? 0 : p[0] / (double) p[1]);
                text.set("Importing " + name + ": " + p[0] + "/" + p[1]);
            }
        });
        executor.run("Importing " + name, () -> {
            // on 2 cores the import, the model and the window would compete: embedding waits until the rows are shown
            embedding.pause();
            ImportOptions o = options != null ? options : ImportOptions.defaults().withAccess(defaultAccess.get());
            return importer.importPath(who, path, o, (n, total) -> counted.accept(new int[] {n, total}));
        }, report -> {
            finished();
            String summary = "Imported " + name + ": " + report.brief();
            // the new rows first, then the news, then embedding: each gets a frame of its own
            library.reload(() -> executor.later(Pacing.NEWS_AFTER_ROWS_MS, () -> {
                tell(summary, report);
                executor.later(Pacing.RESUME_AFTER_RELOAD_MS, embedding::resume);
            }));
            imported.forEach(l -> l.accept(report));
            if (done != null) {
                done.accept(report);
            }
        }, e -> {
            finished();
            embedding.resume();
            dialogs.showError("Import failed", e.getMessage());
        });
    }

    /**
     * A clean import is said in a line. Skills stored that need fixes are said with two actions: show them in the
     * Library, or read every finding. Refusals are an error dialog with every reason (and the findings too).
     */
    private void tell(String summary, ImportReport report) {
        if (report.refused().isEmpty() && report.needingFixes().isEmpty()) {
            dialogs.notify(summary);
            return;
        }
        String findings = findings(summary, report);
        if (report.refused().isEmpty()) {
            int n = report.needingFixes().size();
            dialogs.notify(summary + " (kept from agents until fixed)",
                    "Show", (Runnable) library::showNeedingFixes,
                    "Details", (Runnable) () -> dialogs.showWarning(n == 1 ? "1 skill needs fixes"
                            : n + " skills need fixes", findings));
        } else {
            dialogs.showError("Some skills were not imported", findings);
        }
    }

    /** Every finding of every skill that needs fixes, and every refusal with its reason. */
    static String findings(String summary, ImportReport report) {
        StringBuilder b = new StringBuilder(summary);
        if (!report.needingFixes().isEmpty()) {
            b.append("\n\nIn the library, and kept from agents until fixed (the Library's Needs fixes filter lists them;"
                    + " open one to fix it):");
            for (ImportReport.Entry e : report.needingFixes()) {
                b.append("\n").append(e.namespace()).append('/').append(e.name());
                e.issues().forEach(i -> b.append("\n    ").append(i));
            }
        }
        for (ImportReport.Entry e : report.refused()) {
            b.append("\n\nNot imported: ").append(e.path()).append("\n    ").append(e.reason());
        }
        return b.toString();
    }

    /** Called on the UI thread with the report of every import the window ran. */
    public void onImported(Consumer<ImportReport> listener) {
        imported.add(listener);
    }

    private void finished() {
        if (--running == 0) {
            importing.set(false);
            text.set("");
        }
    }

    /** True while an import runs. */
    public BooleanProperty importingProperty() {
        return importing;
    }

    /** The running import's progress: 0..1, or indeterminate while it counts the skills. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** "Importing corpus: 340/1000" while an import runs, else empty. */
    public StringProperty textProperty() {
        return text;
    }
}
