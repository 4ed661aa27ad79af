package dev.skilldesk.ui.budget;

import atlantafx.base.theme.Styles;
import dev.skilldesk.library.ListingBudget;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The listing budget of the whole library, of an agent's installs (globally or in a project) or of a profile: the agent's context window and the listing's share of it, what
 * the listing costs, each skill's share (largest first, double-click opens it) and what the agent would show
 * of it: in full, with its description cut, or by name only.
 */
public final class BudgetView extends BorderPane {
    public BudgetView(BudgetViewModel vm, Consumer<String> openRef) {
        setId("budgetView");
        Spinner<Integer> context = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(8_000, 2_000_000,
                vm.contextTokensProperty().get(), 8_000));
        context.setId("budgetContext");
        context.setEditable(true);
        context.valueProperty().addListener((o, a, b) -> vm.contextTokensProperty().set(b));
        Spinner<Double> percent = new Spinner<>(new SpinnerValueFactory.DoubleSpinnerValueFactory(0.1, 100,
                vm.percentProperty().get(), 0.5));
        percent.setId("budgetPercent");
        percent.setEditable(true);
        percent.valueProperty().addListener((o, a, b) -> vm.percentProperty().set(b));
        Spinner<Integer> cap = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(100, 10_000,
                vm.maxDescriptionCharsProperty().get(), 64));
        cap.setId("budgetCap");
        cap.setEditable(true);
        cap.valueProperty().addListener((o, a, b) -> vm.maxDescriptionCharsProperty().set(b));
        for (Spinner<?> s : new Spinner<?>[] {context, percent, cap}) {
            s.setPrefWidth(140); // seven digits and the arrows
        }
        ComboBox<BudgetViewModel.Scope> whose = new ComboBox<>(vm.scopes());
        whose.setId("budgetScope");
        whose.valueProperty().bindBidirectional(vm.scopeProperty());
        whose.setTooltip(new Tooltip("Whose listing: the whole library, an agent's where you"
                + " installed skills (a project's with the agent's global ones), or a profile's"));
        HBox scopeRow = new HBox(8, label("Listing of"), whose);
        scopeRow.setAlignment(Pos.CENTER_LEFT);
        HBox settings = new HBox(8, label("Context window"), context, label("tokens ·  listing gets"), percent,
                label("% of it ·  a description is cut after"), cap, label("characters"));
        settings.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label("An agent lists every skill's name and description within a share of its context window;"
                + " Claude Code's is 1 % (its skillListingBudgetFraction setting), other agents have budgets of their own:"
                + " set the two numbers to match. Over the budget, the least recently used skills are listed by name only,"
                + " and an agent rarely picks a skill it cannot read the description of.");
        hint.setWrapText(true);
        hint.getStyleClass().add("text-muted");

        ProgressBar meter = new ProgressBar();
        meter.setId("budgetMeter");
        meter.setPrefWidth(360);
        Label verdict = new Label();
        verdict.setId("budgetVerdict");
        verdict.setWrapText(true);
        HBox meterRow = new HBox(10, meter, verdict);
        meterRow.setAlignment(Pos.CENTER_LEFT);

        TableView<ListingBudget.Line> table = new TableView<>();
        table.setId("budgetTable");
        table.getStyleClass().add(Styles.DENSE);
        table.getColumns().add(col("Skill", 240, l -> l.entry().ref()));
        table.getColumns().add(col("Tokens", 80, l -> String.format(Locale.ROOT, "%,d", l.entry().tokens())));
        table.getColumns().add(col("Share", 70, l -> String.format(Locale.ROOT, "%.1f %%", 100 * l.share())));
        table.getColumns().add(col("Description", 110, l -> String.format(Locale.ROOT, "%,d chars",
                l.entry().description() == null ? 0 : l.entry().description().length())));
        table.getColumns().add(col("The agent shows", 150, l -> l.fate().label()));
        table.getColumns().add(col("Last used", 130, l -> l.entry().lastUsed() == null ? "never"
                : l.entry().lastUsed().toString().substring(0, 10)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No skills yet: import some, and their listing cost shows here."));
        table.setRowFactory(t -> {
            TableRow<ListingBudget.Line> row = new TableRow<>() {
                @Override
                protected void updateItem(ListingBudget.Line item, boolean empty) {
                    super.updateItem(item, empty);
                    getStyleClass().removeAll("row-error", "row-warning");
                    if (!empty && item != null && item.fate() == ListingBudget.Fate.NAME_ONLY) {
                        getStyleClass().add("row-error");
                    } else if (!empty && item != null && item.fate() == ListingBudget.Fate.CUT) {
                        getStyleClass().add("row-warning");
                    }
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openRef.accept(row.getItem().entry().ref());
                }
            });
            return row;
        });
        Runnable show = () -> {
            ListingBudget.Plan p = vm.planProperty().get();
            table.getItems().setAll(p.lines());
            meter.setProgress(p.budgetTokens() == 0 ? 0 : Math.min(1, p.fullTokens() / (double) p.budgetTokens()));
            meter.getStyleClass().remove("listing-over");
            if (!p.fits()) {
                meter.getStyleClass().add("listing-over");
            }
            verdict.setText(BudgetViewModel.verdict(p, vm.contextTokensProperty().get(), vm.percentProperty().get()));
        };
        vm.planProperty().addListener((o, a, b) -> show.run());
        show.run();
        Label largest = label("Largest first; double-click a skill to open it and shorten its description."
                + "  Red: listed by name only.  Amber: description cut.");
        largest.getStyleClass().add("text-muted");
        VBox top = new VBox(8, scopeRow, settings, hint, meterRow, largest);
        top.setPadding(new Insets(10));
        setTop(top);
        setCenter(table);
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static TableColumn<ListingBudget.Line, String> col(String title, double width,
                                                              Function<ListingBudget.Line, String> value) {
        TableColumn<ListingBudget.Line, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 80));
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }
}
