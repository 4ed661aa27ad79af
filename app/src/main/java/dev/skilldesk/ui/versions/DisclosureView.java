package dev.skilldesk.ui.versions;

import dev.skilldesk.library.LayerContent;
import dev.skilldesk.library.ListingBudget;
import dev.skilldesk.ui.budget.BudgetViewModel;
import javafx.collections.ListChangeListener;
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
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The three layers as an agent receives them, each with its token count, and a meter of the whole
 * library's layer-1 listing against the agent's listing budget.
 */
public final class DisclosureView extends BorderPane {
    public DisclosureView(VersionsViewModel vm, BudgetViewModel budget,
                          Supplier<String> ref) {
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
        Runnable fill = () -> {
            for (int i = 0; i < vm.layers().size() && i < 3; i++) {
                LayerContent l = vm.layers().get(i);
                areas.get(i).setText(l.text());
                layers.getTabs().get(i).setText(titles[i] + " · ~" + l.tokens() + " tokens");
            }
        };
        vm.layers().addListener((ListChangeListener<LayerContent>) c -> fill.run());
        fill.run(); // a view built after the layers loaded (the tab's view is built when first shown)

        ProgressBar meter = new ProgressBar();
        meter.setId("listingMeter");
        meter.setPrefWidth(320);
        Label meterText = new Label();
        meterText.setId("listingText");
        meterText.setWrapText(true);
        Label mine = new Label();
        mine.setId("listingThisSkill");
        Runnable show = () -> {
            ListingBudget.Plan p = budget.planProperty().get();
            meter.setProgress(p.budgetTokens() == 0 ? 0 : Math.min(1.0, p.fullTokens() / (double) p.budgetTokens()));
            meter.getStyleClass().remove("listing-over");
            if (!p.fits()) {
                meter.getStyleClass().add("listing-over");
            }
            meterText.setText(BudgetViewModel.verdict(p, budget.contextTokensProperty().get(),
                    budget.percentProperty().get()));
            ListingBudget.Line line = budget.line(ref.get());
            List<String> fates = budget.fatesOf(ref.get());
            mine.setText(line == null ? (fates.isEmpty() ? "" : "This skill: " + String.join(" · ", fates))
                    : String.format(Locale.ROOT,
                    "This skill: %,d tokens, %.1f %% of the listing; the agent shows it: %s (the Budget place has every skill)",
                    line.entry().tokens(), 100 * line.share(), line.fate().label())
                    + (fates.size() > 1 ? "\nWhere it is installed: " + String.join(" · ", fates.subList(1, fates.size())) : ""));
        };
        budget.planProperty().addListener((o, a, b) -> show.run());
        show.run();
        VBox top = new VBox(4, new HBox(8, meter, meterText), mine);
        top.setPadding(new Insets(8));
        setTop(top);
        setCenter(layers);
    }
}
