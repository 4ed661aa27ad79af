package dev.skilldesk.ui.versions;

import dev.skilldesk.library.LayerContent;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The three layers as an agent receives them, each with its token count, and a meter of the whole
 * library's layer-1 listing against the agent's listing budget.
 */
public final class DisclosureView extends BorderPane {
    public DisclosureView(VersionsViewModel vm, IntegerProperty libraryListingChars, IntegerProperty budget) {
        TabPane layers = new TabPane();
        layers.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        String[] titles = {"Layer 1 · metadata", "Layer 2 · core instructions", "Layer 3 · full content + resources"};
        List<TextArea> areas = List.of(new TextArea(), new TextArea(), new TextArea());
        for (int i = 0; i < 3; i++) {
            TextArea a = areas.get(i);
            a.setEditable(false);
            a.setWrapText(true);
            a.getStyleClass().add("mono");
            Tab t = new Tab(titles[i], a);
            layers.getTabs().add(t);
        }
        vm.layers().addListener((javafx.collections.ListChangeListener<LayerContent>) c -> {
            for (int i = 0; i < vm.layers().size() && i < 3; i++) {
                LayerContent l = vm.layers().get(i);
                areas.get(i).setText(l.text());
                layers.getTabs().get(i).setText(titles[i] + " · ~" + l.tokens() + " tokens");
            }
        });

        ProgressBar meter = new ProgressBar();
        meter.setId("listingMeter");
        meter.setPrefWidth(320);
        meter.progressProperty().bind(Bindings.createDoubleBinding(
                () -> budget.get() == 0 ? 0 : Math.min(1.0, libraryListingChars.get() / (double) budget.get()),
                libraryListingChars, budget));
        Label meterText = new Label();
        meterText.textProperty().bind(Bindings.createStringBinding(() -> {
            int used = libraryListingChars.get();
            int b = budget.get();
            String verdict = used <= b ? "fits" : "over by " + (used - b) + " characters: agents will see a truncated list";
            return "Library listing (every skill's layer 1): " + used + " of " + b + " characters · " + verdict;
        }, libraryListingChars, budget));
        Runnable overBudget = () -> {
            meter.getStyleClass().remove("listing-over");
            if (libraryListingChars.get() > budget.get()) {
                meter.getStyleClass().add("listing-over");
            }
        };
        libraryListingChars.addListener((o, a, b) -> overBudget.run());
        budget.addListener((o, a, b) -> overBudget.run());
        overBudget.run();
        VBox top = new VBox(4, new HBox(8, meter, meterText));
        top.setPadding(new Insets(8));
        setTop(top);
        setCenter(layers);
    }
}
