package dev.skilldesk.ui.versions;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import dev.skilldesk.library.FolderDiff;
import dev.skilldesk.library.LayerContent;
import dev.skilldesk.library.SkillLibrary;
import dev.skilldesk.library.SkillNotFoundException;
import dev.skilldesk.library.TextDiff;
import dev.skilldesk.skill.Layer;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillFile;
import dev.skilldesk.skill.SkillVersion;
import dev.skilldesk.ui.common.DialogService;
import dev.skilldesk.ui.common.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A skill's history, a diff between any two versions (unified, or as side-by-side rows), rollback with
 * undo, and the three disclosure layers of the active version with their token counts.
 */
public final class VersionsViewModel {
    /** One row of a side-by-side diff; kind is "same", "changed", "added" or "removed". */
    public record SideBySideRow(int leftLine, String left, int rightLine, String right, String kind) {
    }

    private final SkillLibrary library;
    private final Principal me;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final String namespace;
    private final String name;
    private final ObservableList<SkillVersion> versions = FXCollections.observableArrayList();
    private final IntegerProperty active = new SimpleIntegerProperty();
    private final StringProperty unifiedDiff = new SimpleStringProperty("");
    private final ObservableList<SideBySideRow> sideBySide = FXCollections.observableArrayList();
    private final IntegerProperty undoVersion = new SimpleIntegerProperty(0);
    private final ObservableList<LayerContent> layers = FXCollections.observableArrayList();
    private final ObservableList<TextDiff.Line> diffRows = FXCollections.observableArrayList();
    private final BooleanProperty allLines = new SimpleBooleanProperty(false);
    /** The editor's text, for comparing what is not saved yet with a version (version 0 in {@link #diff}). */
    private Supplier<String> unsaved = () -> null;
    private int lastFrom;
    private int lastTo;

    /** The version number that stands for the editor's unsaved text in {@link #diff}. */
    public static final int UNSAVED = 0;

    public VersionsViewModel(SkillLibrary library, Principal me, TaskExecutor executor, DialogService dialogs, String namespace,
                             String name) {
        this.library = library;
        this.me = me;
        this.executor = executor;
        this.dialogs = dialogs;
        this.namespace = namespace;
        this.name = name;
    }

    /** What one load reads in the background. */
    private record Loaded(List<SkillVersion> versions, int active, List<LayerContent> layers) {
    }

    public void reload() {
        executor.run("Loading versions", () -> {
            List<SkillVersion> vs = library.versions(me, namespace, name);
            int act = library.activeVersion(me, namespace, name);
            List<LayerContent> ls = new ArrayList<>();
            for (Layer l : Layer.values()) {
                ls.add(library.layer(me, namespace, name, l, 0));
            }
            return new Loaded(vs, act, ls);
        }, r -> {
            versions.setAll(r.versions());
            active.set(r.active());
            layers.setAll(r.layers());
        }, e -> {
            if (e instanceof SkillNotFoundException) {
                // deleted meanwhile (here or elsewhere): the editor's notice says so; nothing to show here
                versions.clear();
                layers.clear();
                return;
            }
            dialogs.showError("Could not load versions", e.getMessage());
        });
    }

    /** Where the editor's unsaved text comes from (the tab's editor). */
    public void setUnsavedText(Supplier<String> text) {
        this.unsaved = text;
    }

    /** Where the editor's unsaved files come from: compared too when "unsaved" is one side of a diff. */
    public void setUnsavedFiles(Supplier<List<SkillFile>> files) {
        this.unsavedFiles = files;
    }

    private Supplier<List<SkillFile>> unsavedFiles = List::of;

    /** One diff, computed in the background. */
    private record Diffed(String unified, List<SideBySideRow> sideBySide, List<TextDiff.Line> rows) {
    }

    /**
     * Computes the diff from version {@code from} to {@code to}; {@link #UNSAVED} stands for the editor's text
     * as it is now. The rows fold unchanged lines unless {@link #allLinesProperty()} is set.
     */
    public void diff(int from, int to) {
        lastFrom = from;
        lastTo = to;
        String editorText = unsaved.get();
        List<SkillFile> editorFiles = List.copyOf(unsavedFiles.get());
        boolean all = allLines.get();
        executor.run("Diffing", () -> {
            String a = text(from, editorText);
            String b = text(to, editorText);
            // the whole folder: SKILL.md and every other file that changed, each under its own head
            List<FolderDiff.FileChange> changes = FolderDiff.between(
                    a, files(from, editorFiles), b, files(to, editorFiles));
            String unified = FolderDiff.unified(name + (from == UNSAVED ? " (unsaved)" : "@v" + from),
                    name + (to == UNSAVED ? " (unsaved)" : "@v" + to), changes);
            return new Diffed(unified, sideBySide(changes),
                    TextDiff.rows(changes, all ? -1 : TextDiff.CONTEXT));
        }, r -> {
            unifiedDiff.set(r.unified().isEmpty() ? "(no differences)" : r.unified());
            sideBySide.setAll(r.sideBySide());
            diffRows.setAll(r.rows());
        }, e -> dialogs.showError("Could not diff", e.getMessage()));
    }

    /** The last diff again (after "all lines" is switched, or the editor's text changed). */
    public void rediff() {
        if (lastFrom > 0 || lastTo > 0) {
            diff(lastFrom, lastTo);
        }
    }

    private String text(int version, String editorText) {
        if (version == UNSAVED) {
            return editorText == null ? "" : editorText;
        }
        return library.version(me, namespace, name, version).orElseThrow().content();
    }

    private List<SkillFile> files(int version, List<SkillFile> editorFiles) {
        return version == UNSAVED ? editorFiles : library.files(me, namespace, name, version);
    }

    /** Side by side, file after file: a head row naming the file, then its rows. */
    private static List<SideBySideRow> sideBySide(List<FolderDiff.FileChange> changes) {
        List<SideBySideRow> out = new ArrayList<>();
        for (var c : changes) {
            out.add(new SideBySideRow(0, c.path(), 0, c.status().name().toLowerCase(Locale.ROOT)
                    + (c.binary() ? ", binary" : ""), "file"));
            if (!c.binary()) {
                out.addAll(sideBySide(c.before().lines().toList(), c.after().lines().toList()));
            }
        }
        return out;
    }


    static String unified(String a, String b, String fromLabel, String toLabel) {
        List<String> left = a.lines().toList();
        List<String> right = b.lines().toList();
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(fromLabel, toLabel, left,
                DiffUtils.diff(left, right), 3);
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** The rows of the last diff: hunks, folds of unchanged lines, and the words changed within a line. */
    public ObservableList<TextDiff.Line> diffRows() {
        return diffRows;
    }

    /** Show every line instead of folding the unchanged ones. */
    public BooleanProperty allLinesProperty() {
        return allLines;
    }

    static List<SideBySideRow> sideBySide(List<String> a, List<String> b) {
        Patch<String> patch = DiffUtils.diff(a, b);
        List<SideBySideRow> rows = new ArrayList<>();
        int i = 0;
        int j = 0;
        for (AbstractDelta<String> d : patch.getDeltas()) {
            while (i < d.getSource().getPosition()) {
                rows.add(new SideBySideRow(i + 1, a.get(i), j + 1, b.get(j), "same"));
                i++;
                j++;
            }
            List<String> src = d.getSource().getLines();
            List<String> tgt = d.getTarget().getLines();
            int n = Math.max(src.size(), tgt.size());
            for (int k = 0; k < n; k++) {
                boolean hasL = k < src.size();
                boolean hasR = k < tgt.size();
                String kind = hasL && hasR ? "changed" : hasL ? "removed" : "added";
                rows.add(new SideBySideRow(hasL ? i + k + 1 : 0, hasL ? src.get(k) : "", hasR ? j + k + 1 : 0,
                        hasR ? tgt.get(k) : "", kind));
            }
            i += src.size();
            j += tgt.size();
        }
        while (i < a.size() && j < b.size()) {
            rows.add(new SideBySideRow(i + 1, a.get(i), j + 1, b.get(j), "same"));
            i++;
            j++;
        }
        return rows;
    }

    /** Makes {@code version} active; the previous one is kept for {@link #undo()}. */
    public void activate(int version, Runnable done) {
        executor.run("Rolling back", () -> library.activateVersion(me, namespace, name, version),
                before -> {
                    undoVersion.set(before);
                    dialogs.notify(name + ": version " + version + " is active (was " + before + ")");
                    reload();
                    if (done != null) {
                        done.run();
                    }
                }, e -> dialogs.showError("Rollback failed", e.getMessage()));
    }

    public void undo(Runnable done) {
        int back = undoVersion.get();
        if (back > 0) {
            activate(back, () -> {
                undoVersion.set(0);
                if (done != null) {
                    done.run();
                }
            });
        }
    }

    public ObservableList<SkillVersion> versions() {
        return versions;
    }

    public IntegerProperty activeProperty() {
        return active;
    }

    public StringProperty unifiedDiffProperty() {
        return unifiedDiff;
    }

    public ObservableList<SideBySideRow> sideBySideRows() {
        return sideBySide;
    }

    public IntegerProperty undoVersionProperty() {
        return undoVersion;
    }

    public ObservableList<LayerContent> layers() {
        return layers;
    }
}
