package dev.skilldesk.ui.sources;

import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Source;
import dev.skilldesk.sources.Sources;
import dev.skilldesk.ui.common.DialogService;
import dev.skilldesk.ui.common.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Sources view: the sources, and for the one selected, the skills it offers with their validation verdict and,
 * for those imported, their upstream state; add, fetch, import a selection, update, update all, pin and unpin.
 * Everything that reads a source or the library runs in the background.
 */
public final class SourcesViewModel {
    /** A skill of the selected source: what the source offers, and what became of it in the library. */
    public record Row(String path, String name, String description, String problem, String importedAs, String state,
                      String pinned, String reason, String trust) {
        public boolean importable() {
            return problem == null;
        }

        /** The badge the table shows: the upstream state, "not imported", or "refused". */
        public String badge() {
            if (problem != null) {
                return "refused";
            }
            return state != null ? state : importedAs != null ? "imported" : "not imported";
        }

        /** The trust check found a high finding in it. */
        public boolean high() {
            return trust != null && trust.contains(" high");
        }

        public boolean needsUpdate() {
            return state != null && !state.equals(Sources.State.UP_TO_DATE.label());
        }
    }

    /** How often the sources are fetched in the background while the app is open. */
    public enum AutoFetch {
        OFF("Off", null), HOURLY("Every hour", Duration.ofHours(1)),
        SIX_HOURS("Every 6 hours", Duration.ofHours(6)), DAILY("Once a day", Duration.ofDays(1));

        private final String label;
        private final Duration every;

        AutoFetch(String label, Duration every) {
            this.label = label;
            this.every = every;
        }

        public Duration every() {
            return every;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final ObjectProperty<AutoFetch> autoFetch = new SimpleObjectProperty<>(AutoFetch.OFF);
    private boolean autoFetching;
    private final Sources sources;
    private final Principal me;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final ObservableList<Source> list = FXCollections.observableArrayList();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Source> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    /** Where a merge with conflicts goes for the author to resolve (the window opens it in the editor). */
    private Consumer<Sources.Update> resolveInEditor;
    /** Told after anything here changed the library or a source (the library's upstream badges follow). */
    private Runnable changed = () -> { };

    public void setResolveInEditor(Consumer<Sources.Update> resolve) {
        this.resolveInEditor = resolve;
    }

    public void onChange(Runnable r) {
        this.changed = r;
    }

    public SourcesViewModel(Sources sources, Principal me, TaskExecutor executor, DialogService dialogs) {
        this.sources = sources;
        this.me = me;
        this.executor = executor;
        this.dialogs = dialogs;
        selected.addListener((o, a, b) -> showSkills());
    }

    public void reload() {
        executor.run("Reading the sources", sources::list, l -> {
            Source keep = selected.get();
            list.setAll(l);
            if (keep != null) {
                l.stream().filter(s -> s.id() == keep.id()).findFirst().ifPresentOrElse(selected::set, () -> selected.set(null));
            } else if (!l.isEmpty()) {
                selected.set(l.get(0));
            }
        }, e -> dialogs.showError("Could not read the sources", e.getMessage()));
    }

    /** The selected source's skills, merged with the upstream states of those imported. */
    public void showSkills() {
        Source s = selected.get();
        if (s == null) {
            rows.clear();
            message.set("");
            return;
        }
        message.set("Reading " + s.shortName() + "…");
        executor.run("Reading " + s.shortName(), () -> {
            List<Sources.Found> found = sources.browse(me, s);
            Map<String, Sources.Status> states = new LinkedHashMap<>();
            for (Sources.Status st : sources.status(me, null)) {
                if (st.source().id() == s.id()) {
                    states.put(st.origin().path(), st);
                }
            }
            List<Row> out = new ArrayList<>();
            for (Sources.Found f : found) {
                Sources.Status st = states.remove(f.path());
                out.add(new Row(f.path(), f.name(), f.description(), f.problem(), f.importedAs(),
                        st == null ? null : st.state().label(), st == null ? null : st.origin().pin(),
                        st == null ? null : st.reason(), f.audit() == null ? "" : f.audit().summary()));
            }
            for (Sources.Status st : states.values()) { // imported, and gone from the source since
                out.add(new Row(st.origin().path(), st.skill().name(), st.skill().description(), null, st.ref(),
                        st.state().label(), st.origin().pin(), st.reason(), ""));
            }
            return out;
        }, r -> {
            rows.setAll(r);
            long attention = r.stream().filter(Row::needsUpdate).count();
            message.set(r.size() + " skill" + (r.size() == 1 ? "" : "s") + " in " + s.shortName()
                    + (s.fetchError() != null ? " · the last fetch failed: " + s.fetchError() : "")
                    + (attention > 0 ? " · " + attention + (attention == 1 ? " needs" : " need") + " attention" : ""));
        }, e -> message.set("Could not read " + s.shortName() + ": " + e.getMessage()));
    }

    /** The background fetch's interval (Off by default; the window remembers the choice). */
    public ObjectProperty<AutoFetch> autoFetchProperty() {
        return autoFetch;
    }

    /**
     * Checks every {@code tickMillis} whether a source is due (last fetched longer ago than the chosen interval) and
     * fetches those in the background, one check at a time; the views and the library's badges follow. The first
     * check waits a tick, so that the window's start is not slowed by the network.
     */
    public void startAutoFetch(long tickMillis) {
        executor.later(tickMillis, () -> {
            AutoFetch every = autoFetch.get();
            if (every != null && every.every() != null && !autoFetching) {
                autoFetching = true;
                executor.run("Fetching sources", () -> sources.fetchDue(every.every()), fetched -> {
                    autoFetching = false;
                    if (!fetched.isEmpty()) {
                        long failed = fetched.stream().filter(f -> f.fetchError() != null).count();
                        if (failed > 0) {
                            dialogs.notify("Fetched " + fetched.size() + " source" + (fetched.size() == 1 ? "" : "s")
                                    + "; " + failed + " failed (see Sources)");
                        }
                        reload();
                        changed.run();
                    }
                }, e -> autoFetching = false);
            }
            startAutoFetch(tickMillis);
        });
    }

    public void add(String location, String ref, String path, String namespace) {
        message.set("Adding " + location + "…");
        executor.run("Adding a source", () -> sources.add(me, location, blank(ref), blank(path), blank(namespace)), s -> {
            dialogs.notify("Added source " + s.shortName() + " (" + s.kind().label() + ")");
            reload();
            selected.set(s);
        }, e -> {
            message.set("");
            dialogs.showError("Could not add " + location, e.getMessage());
        });
    }

    public void fetch() {
        Source s = selected.get();
        if (s == null) {
            return;
        }
        message.set("Fetching " + s.shortName() + "…");
        executor.run("Fetching " + s.shortName(), () -> sources.fetch(s), now -> {
            dialogs.notify(now.fetchError() == null ? "Fetched " + now.shortName() : "Fetching " + now.shortName()
                    + " failed: " + now.fetchError());
            reload();
            changed.run();
        }, e -> dialogs.showError("Could not fetch " + s.shortName(), e.getMessage()));
    }

    public void importRows(List<Row> chosen) {
        Source s = selected.get();
        if (s == null || chosen.isEmpty()) {
            return;
        }
        List<String> paths = chosen.stream().filter(Row::importable).map(Row::path).toList();
        List<String> risky = chosen.stream().filter(r -> r.importable() && r.high()).map(Row::name).toList();
        // a skill with a high finding comes in only when the author says so, having seen the findings' summary
        boolean accept = !risky.isEmpty() && dialogs.confirmRisk("Import " + String.join(", ", risky) + " anyway?",
                "The trust check found something high-risk in " + (risky.size() == 1 ? "it" : "them") + " (see the Trust"
                        + " check column; skilldesk audit lists every finding). Import anyway lets "
                        + (risky.size() == 1 ? "it" : "them") + " in; Cancel imports the others only.", "Import anyway");
        executor.run("Importing from " + s.shortName(), () -> sources.importSkills(me, s, paths, accept), done -> {
            long refused = done.stream().filter(i -> i.skill() == null).count();
            dialogs.notify("Imported " + (done.size() - refused) + " skill" + (done.size() - refused == 1 ? "" : "s")
                    + " from " + s.shortName() + (refused > 0 ? "; " + refused + " refused" : ""));
            showSkills();
            changed.run();
        }, e -> dialogs.showError("Could not import", e.getMessage()));
    }

    /** Updates the chosen skills; a merge with conflicts is reported, not saved. */
    public void update(List<Row> chosen, boolean allClean) {
        List<String> names = chosen.stream().filter(r -> r.importedAs() != null).map(Row::importedAs).toList();
        if (!allClean && names.isEmpty()) {
            return;
        }
        executor.run("Updating from upstream", () -> sources.update(me, names, allClean, false), done -> {
            List<String> conflicts = new ArrayList<>();
            int updated = 0;
            for (Sources.Update u : done) {
                updated += u.updated() ? 1 : 0;
                if (!u.conflicts().isEmpty() && !u.updated()) {
                    if (!allClean && resolveInEditor != null && u.merge() != null) {
                        resolveInEditor.accept(u); // resolved by the author in the editor, saved from there
                    } else {
                        conflicts.add(u.skill() + ": " + String.join("; ", u.conflicts()));
                    }
                }
            }
            changed.run();
            if (!conflicts.isEmpty()) {
                dialogs.showError("The merge has conflicts; nothing was saved for " + conflicts.size() + " skill"
                        + (conflicts.size() == 1 ? "" : "s"), String.join("\n", conflicts)
                        + "\n\nUpdate " + (conflicts.size() == 1 ? "it" : "each") + " alone (Update selected) to resolve"
                        + " the conflicts in the editor.");
            }
            dialogs.notify(updated + " skill" + (updated == 1 ? "" : "s") + " updated from upstream");
            showSkills();
        }, e -> dialogs.showError("Could not update", e.getMessage()));
    }

    /** What updating {@code row} would bring in, handed to {@code show} on the UI thread. */
    public void diff(Row row, Consumer<Sources.UpstreamDiff> show) {
        if (row == null || row.importedAs() == null) {
            return;
        }
        executor.run("Comparing with upstream", () -> sources.diffRows(me, row.importedAs()), show,
                e -> dialogs.showError("Could not compare " + row.importedAs(), e.getMessage()));
    }

    public void pin(Row row, String ref) {
        if (row.importedAs() == null || ref == null || ref.isBlank()) {
            return;
        }
        executor.run("Pinning", () -> sources.pin(me, row.importedAs(), ref.strip()), o -> {
            dialogs.notify("Pinned " + row.importedAs() + " to " + ref.strip());
            showSkills();
            changed.run();
        }, e -> dialogs.showError("Could not pin " + row.importedAs(), e.getMessage()));
    }

    public void unpin(Row row) {
        if (row.importedAs() == null) {
            return;
        }
        executor.run("Unpinning", () -> sources.unpin(me, row.importedAs()), o -> {
            showSkills();
            changed.run();
        },
                e -> dialogs.showError("Could not unpin " + row.importedAs(), e.getMessage()));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public ObservableList<Source> sources() {
        return list;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObjectProperty<Source> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
