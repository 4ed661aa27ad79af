package dev.skilldesk.ui.search;

import dev.skilldesk.skill.Skill;
import dev.skilldesk.ui.common.Action;
import dev.skilldesk.ui.common.ActionTable;
import dev.skilldesk.ui.common.AppState;
import dev.skilldesk.ui.common.Feature;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

import java.util.Collection;

/** The Search place: search as you type, with the latency readout. Its view is made once the search stack is up. */
public final class SearchFeature implements Feature {
    public static final String FOCUS = "search.focus";
    private final SearchViewModel vm;
    private final AppState state;
    private final StackPane holder = new StackPane(new Label("Loading the search index…"));
    private SearchView view;
    private Runnable onShown = () -> { };

    public SearchFeature(SearchViewModel vm, AppState state, ActionTable actions) {
        this.vm = vm;
        this.state = state;
        holder.setId("searchPlace");
        vm.queryProperty().addListener((o, a, b) -> {
            if (b != null && !b.isBlank()) {
                state.queryProperty().set(b); // the Map shows it too
            }
        });
        actions.add(Action.of(FOCUS, "Go", "Search", Feather.SEARCH,
                new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), () -> {
                    state.placeProperty().set(id());
                    focusField();
                }));
    }

    /** The search stack is up: the view takes the place's room, its filters offering what the library has. */
    public void ready(Collection<String> namespaces, Collection<String> personas) {
        view = new SearchView(vm, namespaces, personas, (Skill s) -> state.open(s.ref()));
        holder.getChildren().setAll(view);
        if (state.placeProperty().get().equals(id())) {
            focusField();
        }
    }

    /** Whether the view takes searches yet. */
    public boolean ready() {
        return view != null;
    }

    public void setFilterChoices(Collection<String> namespaces, Collection<String> personas) {
        if (view != null) {
            view.setFilterChoices(namespaces, personas);
        }
    }

    /** What else happens when the place comes forward (the model starts loading: a query is likely). */
    public void onShown(Runnable r) {
        this.onShown = r;
    }

    public void focusField() {
        if (view != null) {
            view.focusField();
        }
    }

    @Override
    public String id() {
        return "search";
    }

    @Override
    public String title() {
        return "Search";
    }

    @Override
    public Ikon icon() {
        return Feather.SEARCH;
    }

    @Override
    public Node view() {
        return holder;
    }

    @Override
    public void shown() {
        onShown.run();
    }

    @Override
    public Node focusTarget() {
        return view == null ? null : view.field();
    }

    public SearchViewModel viewModel() {
        return vm;
    }

}
