package dev.skilldesk.ui.search;

import dev.skilldesk.search.SearchHit;
import dev.skilldesk.search.SearchMode;
import dev.skilldesk.search.SearchRequest;
import dev.skilldesk.search.SearchResponse;
import dev.skilldesk.search.SearchStack;
import dev.skilldesk.search.SearchTimings;
import dev.skilldesk.skill.Principal;
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

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * Search as you type: the query, mode and filters; the results; and the live latency readout (the
 * last query's stages, rolling P50/P95 and the last 100 totals). A newer query makes older answers
 * obsolete: they are dropped when they arrive.
 */
public final class SearchViewModel {
    static final int HISTORY = 100;

    private final Supplier<SearchStack> search;
    private final Principal me;
    private final TaskExecutor executor;
    private final StringProperty query = new SimpleStringProperty("");
    private final ObjectProperty<SearchMode> mode = new SimpleObjectProperty<>(SearchMode.HYBRID);
    private final StringProperty namespace = new SimpleStringProperty(null);
    private final StringProperty persona = new SimpleStringProperty(null);
    private final ObservableList<SearchHit> results = FXCollections.observableArrayList();
    private final ObjectProperty<SearchTimings> lastTimings = new SimpleObjectProperty<>();
    private final BooleanProperty lastCacheHit = new SimpleBooleanProperty();
    private final StringProperty notice = new SimpleStringProperty("");
    private final DoubleProperty p50 = new SimpleDoubleProperty();
    private final DoubleProperty p95 = new SimpleDoubleProperty();
    private final ObservableList<Double> history = FXCollections.observableArrayList();
    private final BooleanProperty searching = new SimpleBooleanProperty();
    private final Deque<Double> window = new ArrayDeque<>();
    private long seq;

    public SearchViewModel(Supplier<SearchStack> search, Principal me, TaskExecutor executor) {
        this.search = search;
        this.me = me;
        this.executor = executor;
    }

    /** Runs the current query; answers to earlier calls that arrive later are ignored. */
    public void search() {
        String q = query.get() == null ? "" : query.get().strip();
        long mine = ++seq;
        if (q.isEmpty()) {
            results.clear();
            notice.set("");
            return;
        }
        // the window answers at once, by keywords, while the model loads; then asks again, with meaning
        SearchRequest request = new SearchRequest(q, mode.get(), blankToNull(namespace.get()), blankToNull(persona.get()), 20)
                .answeredWhileModelLoads();
        searching.set(true);
        executor.runNow("Searching", () -> search.get().search(me, request), r -> {
            if (mine != seq) {
                return; // stale: the author has typed on
            }
            searching.set(false);
            apply(r);
            if (r.provisional()) {
                executor.run("Loading the model", () -> {
                    search.get().embedder().awaitLoaded();
                    return null;
                }, v -> {
                    if (mine == seq) {
                        search();
                    }
                }, TaskExecutor.logged("Loading the model for a search by meaning"));
            }
        }, e -> {
            if (mine == seq) {
                searching.set(false);
                notice.set("Search failed: " + e.getMessage());
            }
        });
    }

    private void apply(SearchResponse r) {
        results.setAll(r.hits());
        lastCacheHit.set(r.queryCacheHit());
        notice.set(r.notice() == null ? "" : r.notice());
        double ms = r.timings().totalMillis();
        window.addLast(ms);
        if (window.size() > HISTORY) {
            window.removeFirst();
        }
        history.setAll(window);
        List<Double> sorted = new ArrayList<>(window);
        Collections.sort(sorted);
        p50.set(percentile(sorted, 0.50));
        p95.set(percentile(sorted, 0.95));
        lastTimings.set(r.timings()); // last: listeners read the percentiles above
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int idx = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObjectProperty<SearchMode> modeProperty() {
        return mode;
    }

    public StringProperty namespaceProperty() {
        return namespace;
    }

    public StringProperty personaProperty() {
        return persona;
    }

    public ObservableList<SearchHit> results() {
        return results;
    }

    public ObjectProperty<SearchTimings> lastTimingsProperty() {
        return lastTimings;
    }

    public BooleanProperty lastCacheHitProperty() {
        return lastCacheHit;
    }

    public StringProperty noticeProperty() {
        return notice;
    }

    public DoubleProperty p50Property() {
        return p50;
    }

    public DoubleProperty p95Property() {
        return p95;
    }

    public ObservableList<Double> history() {
        return history;
    }

    public BooleanProperty searchingProperty() {
        return searching;
    }
}
