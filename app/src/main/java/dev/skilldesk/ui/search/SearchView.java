package dev.skilldesk.ui.search;

import dev.skilldesk.search.KeywordIndex;
import dev.skilldesk.search.SearchHit;
import dev.skilldesk.search.SearchMode;
import dev.skilldesk.skill.Printable;
import dev.skilldesk.skill.Skill;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Search as you type, with the mode switch, filters, results with snippets and the latency readout. */
public final class SearchView extends BorderPane {
    private final TextField field = new TextField();

    private final ComboBox<String> ns;
    private final ComboBox<String> persona;

    public SearchView(SearchViewModel vm, Collection<String> namespaces, Collection<String> personas, Consumer<Skill> open) {
        field.setId("searchField");
        field.setPromptText("What would an agent be asked? (Ctrl+K)");
        field.getStyleClass().add("search-field");
        HBox.setHgrow(field, Priority.ALWAYS);
        field.textProperty().bindBidirectional(vm.queryProperty());
        PauseTransition debounce = new PauseTransition(Duration.millis(150));
        debounce.setOnFinished(e -> vm.search());
        field.textProperty().addListener((o, a, b) -> debounce.playFromStart());

        ToggleGroup modes = new ToggleGroup();
        HBox modeBox = new HBox();
        modeBox.getStyleClass().add("segmented");
        for (SearchMode m : SearchMode.values()) {
            ToggleButton b = new ToggleButton(m.name().charAt(0) + m.name().substring(1).toLowerCase(Locale.ROOT));
            b.setId("mode-" + m.name().toLowerCase(Locale.ROOT));
            b.setToggleGroup(modes);
            b.setUserData(m);
            b.setSelected(m == vm.modeProperty().get());
            modeBox.getChildren().add(b);
        }
        modes.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one mode is always on
                return;
            }
            vm.modeProperty().set((SearchMode) b.getUserData());
            vm.search();
        });
        ns = filterBox("All namespaces", namespaces);
        ns.setId("searchNamespaceFilter");
        ns.valueProperty().addListener((o, a, b) -> {
            vm.namespaceProperty().set(b == null || b.startsWith("All ") ? null : b);
            vm.search();
        });
        persona = filterBox("All personas", personas);
        persona.setId("searchPersonaFilter");
        persona.valueProperty().addListener((o, a, b) -> {
            vm.personaProperty().set(b == null || b.startsWith("All ") ? null : b);
            vm.search();
        });
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.searchingProperty());
        HBox bar = new HBox(8, field, modeBox, ns, persona, busy);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));

        Label notice = new Label();
        notice.getStyleClass().add("notice");
        notice.textProperty().bind(vm.noticeProperty());
        notice.managedProperty().bind(notice.textProperty().isNotEmpty());

        ListView<SearchHit> results = new ListView<>(vm.results());
        results.setId("searchResults");
        results.setCellFactory(l -> new HitCell(() -> vm.modeProperty().get() == SearchMode.HYBRID));
        results.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && results.getSelectionModel().getSelectedItem() != null) {
                open.accept(results.getSelectionModel().getSelectedItem().skill());
            }
        });
        results.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && results.getSelectionModel().getSelectedItem() != null) {
                open.accept(results.getSelectionModel().getSelectedItem().skill());
                e.consume();
            } else if (e.getCode() == KeyCode.UP && results.getSelectionModel().getSelectedIndex() <= 0) {
                field.requestFocus(); // Up from the first result goes back to the request
                e.consume();
            }
        });
        // new results while the keyboard is in the list: the first is selected again, so Enter always opens one
        vm.results().addListener((ListChangeListener<SearchHit>) c -> {
            if (results.isFocused() && !results.getItems().isEmpty() && results.getSelectionModel().getSelectedIndex() < 0) {
                results.getSelectionModel().select(0);
                results.getFocusModel().focus(0);
            }
        });
        // Down from the request enters the results (the first is selected); Enter searches now
        field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DOWN && !results.getItems().isEmpty()) {
                results.requestFocus();
                if (results.getSelectionModel().getSelectedIndex() < 0) {
                    results.getSelectionModel().select(0);
                }
                results.getFocusModel().focus(results.getSelectionModel().getSelectedIndex());
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                debounce.stop();
                vm.search();
                e.consume();
            }
        });
        Label empty = new Label("Type a request an agent might get, e.g. “make a poster for my conference talk”.\n"
                + "Hybrid ranks by meaning and by words; switch modes to see what each finds. Enter or double-click opens a skill.");
        empty.getStyleClass().add("empty-state");
        results.setPlaceholder(empty);

        setTop(new VBox(bar, notice));
        setCenter(results);
        setBottom(new LatencyReadout(vm));
    }

    /** The search field. */
    public TextField field() {
        return field;
    }

    public void focusField() {
        field.requestFocus();
        field.selectAll();
    }

    /** New values for the namespace and persona filters (after an import, another process's changes). */
    public void setFilterChoices(Collection<String> namespaces, Collection<String> personas) {
        refill(ns, namespaces);
        refill(persona, personas);
    }

    private static void refill(ComboBox<String> box, Collection<String> values) {
        String all = box.getItems().get(0);
        List<String> wanted = new ArrayList<>();
        wanted.add(all);
        wanted.addAll(values);
        if (wanted.equals(box.getItems())) {
            return;
        }
        String selected = box.getValue();
        box.getItems().setAll(wanted);
        box.setValue(selected != null && wanted.contains(selected) ? selected : all);
    }

    private static ComboBox<String> filterBox(String all, Collection<String> values) {
        ComboBox<String> box = new ComboBox<>();
        box.getItems().add(all);
        box.getItems().addAll(values);
        box.setValue(all);
        return box;
    }

    /** A result: name, score, which modes found it, and the snippet with the query's words in bold. */
    private static final class HitCell extends ListCell<SearchHit> {
        private final BooleanSupplier hybrid;

        HitCell(BooleanSupplier hybrid) {
            this.hybrid = hybrid;
        }

        @Override
        protected void updateItem(SearchHit h, boolean empty) {
            super.updateItem(h, empty);
            if (empty || h == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label name = new Label(h.skill().name());
            name.getStyleClass().add("hit-name");
            Label relevance = new Label(String.format(Locale.ROOT, "%.0f%%", 100 * h.relevance()));
            relevance.getStyleClass().add("hit-relevance");
            relevance.setTooltip(new Tooltip("Relevance, 0-100 %: the similarity of meaning"
                    + " and the keyword match together" + (h.similarity() != 0
                    ? String.format(Locale.ROOT, " (cosine similarity %.3f)", h.similarity()) : "")));
            Label meta = new Label(h.skill().namespace() + " · " + h.skill().persona());
            meta.getStyleClass().add("text-muted");
            HBox badges = new HBox(4);
            // "found by" only where it tells something: in hybrid mode, a result one side alone found
            if (h.foundBy().size() == 1 && h.semanticRank() + h.keywordRank() > 0 && hybrid.getAsBoolean()) {
                SearchMode m = h.foundBy().iterator().next();
                Label b = new Label(m == SearchMode.SEMANTIC ? "meaning only" : "keywords only");
                b.getStyleClass().addAll("badge", "badge-" + m.name().toLowerCase(Locale.ROOT));
                b.setTooltip(new Tooltip(m == SearchMode.SEMANTIC
                        ? "Found by meaning; no word of the request is in it"
                        : "Found by its words; its meaning is not among the closest"));
                badges.getChildren().add(b);
            }
            HBox head = new HBox(8, relevance, name, badges, meta);
            head.setAlignment(Pos.CENTER_LEFT);
            VBox box = new VBox(2, head, snippet(h.snippet()));
            setGraphic(box);
            setText(null);
        }

        private TextFlow snippet(String s) {
            TextFlow flow = new TextFlow();
            flow.getStyleClass().add("snippet");
            String text = Printable.line(s.replaceAll("\\s+", " "));
            int pos = 0;
            while (pos < text.length()) {
                int start = text.indexOf(KeywordIndex.MARK_START, pos);
                if (start < 0) {
                    flow.getChildren().add(plain(text.substring(pos)));
                    break;
                }
                int end = text.indexOf(KeywordIndex.MARK_END, start);
                if (end < 0) {
                    flow.getChildren().add(plain(text.substring(pos)));
                    break;
                }
                flow.getChildren().add(plain(text.substring(pos, start)));
                Text hit = new Text(text.substring(start + 1, end));
                hit.getStyleClass().addAll("snippet-text", "snippet-hit");
                flow.getChildren().add(hit);
                pos = end + 1;
            }
            flow.maxWidthProperty().bind(Bindings.max(300, widthProperty().subtract(40)));
            return flow;
        }

        private static Text plain(String s) {
            Text t = new Text(s);
            t.getStyleClass().add("snippet-text");
            return t;
        }
    }
}
