package dev.skilldesk.ui.map;

import dev.skilldesk.library.LibraryOverview;
import dev.skilldesk.map.Overlaps;
import dev.skilldesk.map.SkillMap;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.ui.common.TaskExecutor;
import dev.skilldesk.ui.library.LibraryViewModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The Map view's state: the layout of the library (read in the background, cached by the core), what each point
 * is coloured by and the legend of it, the request typed (placed among its nearest skills, with lines to them),
 * the confusable pairs, the hovered point and the lasso's selection. Toolkit-free but for its properties.
 */
public final class MapViewModel {
    /** What the points are coloured by. */
    public enum ColourBy {
        NAMESPACE("Namespace"), PERSONA("Persona"), SOURCE("Source"), VALIDATION("Validation"), TRUST("Trust check"),
        ACTIVATIONS("Activations");

        private final String label;

        ColourBy(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** A point as drawn: where, which skill, and its group for the colour. */
    public record Dot(long skillId, String ref, String name, String description, double x, double y, String group) {
    }

    /** A request placed on the map: where it lands and its nearest skills with their similarity. */
    public record Query(String text, double x, double y, List<Dot> hits, List<Double> similarity) {
    }

    /** What the view needs of the rest of the app. */
    public record Services(SkillMap map, Principal who, LibraryViewModel library,
                           Function<Instant, Map<String, Long>> activationCounts) {
    }

    private final Services services;
    private final TaskExecutor executor;
    private final ObservableList<Dot> dots = FXCollections.observableArrayList();
    private final ObservableList<Overlaps.Pair> pairs = FXCollections.observableArrayList();
    private final ObjectProperty<ColourBy> colourBy = new SimpleObjectProperty<>(ColourBy.NAMESPACE);
    private final ObservableList<String> groups = FXCollections.observableArrayList();
    private final ObjectProperty<Query> query = new SimpleObjectProperty<>();
    private final StringProperty queryText = new SimpleStringProperty("");
    private final ObservableList<Dot> selection = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty(false);
    private final BooleanProperty showPairs = new SimpleBooleanProperty(true);
    private SkillMap.Layout layout = SkillMap.Layout.EMPTY;
    private Map<String, Long> activations = Map.of();
    private long generation;
    private long queryGeneration;
    private boolean given;

    public MapViewModel(Services services, TaskExecutor executor) {
        this.services = services;
        this.executor = executor;
        colourBy.addListener((o, a, b) -> regroup());
    }

    /** Reads the layout (placing what changed since the last one) and the confusable pairs, in the background. */
    public void reload() {
        if (given) {
            return; // points given by a test or the benchmark stay
        }
        long g = ++generation;
        loading.set(true);
        if (dots.isEmpty()) {
            status.set("Laying out the library… (the first time takes a moment; later only changed skills move)");
        }
        executor.run("Laying out the map", () -> {
            SkillMap.Layout l = services.map().layout(services.who(), Duration.ofSeconds(60));
            Map<String, Long> counts = services.activationCounts().apply(Instant.EPOCH);
            return new Object[] {l, counts};
        }, r -> {
            if (g != generation) {
                return;
            }
            loading.set(false);
            layout = (SkillMap.Layout) r[0];
            @SuppressWarnings("unchecked")
            Map<String, Long> counts = (Map<String, Long>) r[1];
            activations = counts;
            regroup();
            status.set(layout.points().isEmpty() ? "No skill has its vector yet: import skills and let the search index"
                    + " them (the status bar shows its progress)." : layout.points().size() + " skills (" + layout.how()
                    + ", " + layout.millis() + " ms)");
            if (!queryText.get().isBlank()) {
                place(queryText.get());
            }
            loadPairs(g);
        }, e -> {
            loading.set(false);
            status.set("The map is not available: " + e.getMessage());
        });
    }

    private void loadPairs(long g) {
        executor.run("Finding confusable skills", () -> services.map().overlaps(services.who(), Overlaps.DEFAULT_THRESHOLD,
                500, null), p -> {
            if (g == generation) {
                pairs.setAll(p);
            }
        }, e -> {
            if (g == generation) {
                pairs.clear();
                status.set("Confusable skills could not be found: " + e.getMessage());
            }
        });
    }

    /** The dots again, grouped by the colour chosen (the library's current facts). */
    private void regroup() {
        Map<Long, LibraryOverview.Row> rows = new HashMap<>();
        for (LibraryOverview.Row r : services.library().rows()) {
            rows.put(r.skill().id(), r);
        }
        List<Dot> out = new ArrayList<>(layout.points().size());
        Set<String> seen = new TreeSet<>(groupOrder());
        for (SkillMap.Point p : layout.points()) {
            LibraryOverview.Row row = rows.get(p.skillId());
            String group = group(p, row);
            seen.add(group);
            Skill s = row == null ? null : row.skill();
            out.add(new Dot(p.skillId(), p.ref(), s == null ? p.ref().substring(p.ref().indexOf('/') + 1) : s.name(),
                    s == null ? "" : s.description(), p.x(), p.y(), group));
        }
        groups.setAll(seen); // first: the view assigns colours when the dots change
        dots.setAll(out);
        List<Long> keep = selection.stream().map(Dot::skillId).toList();
        selection.setAll(out.stream().filter(d -> keep.contains(d.skillId())).toList());
    }

    private Comparator<String> groupOrder() {
        if (colourBy.get() == ColourBy.ACTIVATIONS) {
            List<String> order = List.of("never", "1–9", "10–99", "100+");
            return Comparator.comparingInt((String s) -> order.indexOf(s) < 0 ? 99 : order.indexOf(s)).thenComparing(s -> s);
        }
        if (colourBy.get() == ColourBy.TRUST) {
            List<String> order = List.of("no findings", "warning", "high", "not checked yet");
            return Comparator.comparingInt((String s) -> order.indexOf(s) < 0 ? 99 : order.indexOf(s)).thenComparing(s -> s);
        }
        return Comparator.naturalOrder();
    }

    private String group(SkillMap.Point p, LibraryOverview.Row row) {
        return switch (colourBy.get()) {
            case NAMESPACE -> p.namespace();
            case PERSONA -> p.persona() == null ? "general" : p.persona();
            case SOURCE -> {
                String s = services.library().states().sourceOf(p.skillId());
                yield s == null ? "no source" : s;
            }
            case VALIDATION -> row == null ? "unknown" : row.errors() > 0 ? "needs fixes" : row.warnings() > 0 ? "warnings" : "passes";
            case TRUST -> {
                yield switch (services.library().states().trustOf(p.skillId())) {
                    case NOT_CHECKED -> "not checked yet";
                    case CLEAN -> "no findings";
                    case WARNING -> "warning";
                    case HIGH -> "high";
                };
            }
            case ACTIVATIONS -> {
                long n = activations.getOrDefault(p.ref(), 0L);
                yield n == 0 ? "never" : n < 10 ? "1–9" : n < 100 ? "10–99" : "100+";
            }
        };
    }

    /** Places a request among the skills, in the background (the newest typed wins); blank clears it. */
    public void place(String text) {
        queryText.set(text == null ? "" : text);
        long g = ++queryGeneration;
        if (text == null || text.isBlank() || layout.points().isEmpty()) {
            query.set(null);
            return;
        }
        SkillMap.Layout l = layout;
        List<Dot> current = List.copyOf(dots);
        executor.run("Placing the request", () -> {
            float[] q = services.map().queryVector(text.strip());
            int n = l.vectors().length;
            Integer[] order = new Integer[n];
            double[] sim = new double[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
                double s = 0;
                float[] v = l.vectors()[i];
                for (int d = 0; d < v.length; d++) {
                    s += v[d] * q[d];
                }
                sim[i] = s;
            }
            Arrays.sort(order, (a, b) -> Double.compare(sim[b], sim[a]));
            int top = Math.min(5, n);
            double sx = 0;
            double sy = 0;
            double sw = 0;
            List<Dot> hits = new ArrayList<>();
            List<Double> sims = new ArrayList<>();
            for (int r = 0; r < top; r++) {
                int i = order[r];
                double w = Math.exp(sim[i] * 20);
                sx += w * l.points().get(i).x();
                sy += w * l.points().get(i).y();
                sw += w;
                long id = l.points().get(i).skillId();
                current.stream().filter(d -> d.skillId() == id).findFirst().ifPresent(hits::add);
                sims.add(Math.round(sim[i] * 1000) / 1000.0);
            }
            return new Query(text.strip(), sx / sw, sy / sw, hits, sims);
        }, q -> {
            if (g == queryGeneration) {
                query.set(q);
            }
        }, e -> {
            if (g == queryGeneration) {
                query.set(null);
                status.set("The request could not be placed: " + e.getMessage());
            }
        });
    }

    /** "Lands near pdf-forms (0.81), pdf-form-filler (0.79) …", or empty. */
    public static String landing(Query q) {
        if (q == null || q.hits().isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < q.hits().size(); i++) {
            parts.add(q.hits().get(i).name() + String.format(Locale.ROOT, " (%.2f)", q.similarity().get(i)));
        }
        return "\u201C" + q.text() + "\u201D lands near " + String.join(", ", parts)
                + " (nearest by meaning; the Search tab also weighs the words)";
    }

    /** The legend's groups with their counts, in the order of the colours. */
    public Map<String, Integer> counts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        groups.forEach(gname -> out.put(gname, 0));
        dots.forEach(d -> out.merge(d.group(), 1, Integer::sum));
        return out;
    }

    public ObservableList<Dot> dots() {
        return dots;
    }

    public ObservableList<Overlaps.Pair> pairs() {
        return pairs;
    }

    public ObservableList<String> groups() {
        return groups;
    }

    public ObjectProperty<ColourBy> colourByProperty() {
        return colourBy;
    }

    public ObjectProperty<Query> queryProperty() {
        return query;
    }

    public StringProperty queryTextProperty() {
        return queryText;
    }

    public ObservableList<Dot> selection() {
        return selection;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public BooleanProperty showPairsProperty() {
        return showPairs;
    }

    /** For tests and the benchmark: shows these points as they are (no layout read, a reload under way dropped). */
    public void show(List<Dot> given) {
        this.given = true;
        ++generation;
        layout = SkillMap.Layout.EMPTY;
        Set<String> g = new TreeSet<>();
        given.forEach(d -> g.add(d.group()));
        groups.setAll(g);
        dots.setAll(given);
        status.set(given.size() + " skills");
    }

    /** The skills selected, as the library knows them. */
    public List<Skill> selectedSkills() {
        return selectedSkillsOf(selection);
    }

    /** These dots' skills, as the library knows them. */
    public List<Skill> selectedSkillsOf(List<Dot> which) {
        Map<Long, Skill> byId = new TreeMap<>();
        services.library().rows().forEach(r -> byId.put(r.skill().id(), r.skill()));
        return which.stream().map(d -> byId.get(d.skillId())).filter(Objects::nonNull).toList();
    }

    /** The library's rows of these skills (what its actions take). */
    public List<LibraryOverview.Row> rowsOf(List<Skill> skills) {
        Set<Long> ids = new HashSet<>();
        skills.forEach(s -> ids.add(s.id()));
        return services.library().rows().stream().filter(r -> ids.contains(r.skill().id())).toList();
    }
}
