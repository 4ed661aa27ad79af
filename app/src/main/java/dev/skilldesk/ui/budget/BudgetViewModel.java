package dev.skilldesk.ui.budget;

import dev.skilldesk.library.LibraryOverview;
import dev.skilldesk.library.ListingBudget;
import dev.skilldesk.ui.settings.UiPreferences;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.List;

/**
 * The agent's listing budget over the library: the context window and the share of it the listing gets
 * (remembered per library), and the plan of what the agent shows of each skill at that budget.
 */
public final class BudgetViewModel {
    private final IntegerProperty contextTokens = new SimpleIntegerProperty();
    private final DoubleProperty percent = new SimpleDoubleProperty();
    private final IntegerProperty maxDescriptionChars = new SimpleIntegerProperty();
    private final ObjectProperty<ListingBudget.Plan> plan = new SimpleObjectProperty<>(
            new ListingBudget.Plan(0, 0, 0, List.of()));
    private List<ListingBudget.Entry> entries = List.of();

    public BudgetViewModel(UiPreferences prefs) {
        contextTokens.set((int) prefs.number("listing.context", ListingBudget.DEFAULT_CONTEXT_TOKENS));
        percent.set(prefs.number("listing.percent", ListingBudget.DEFAULT_FRACTION * 100));
        maxDescriptionChars.set((int) prefs.number("listing.maxDescription", ListingBudget.DEFAULT_MAX_DESCRIPTION_CHARS));
        contextTokens.addListener((o, a, b) -> {
            prefs.setNumber("listing.context", b.intValue());
            replan();
        });
        percent.addListener((o, a, b) -> {
            prefs.setNumber("listing.percent", b.doubleValue());
            replan();
        });
        maxDescriptionChars.addListener((o, a, b) -> {
            prefs.setNumber("listing.maxDescription", b.intValue());
            replan();
        });
    }

    /** The library's rows changed: the plan follows (deleted skills are not listed). */
    public void update(List<LibraryOverview.Row> rows) {
        entries = rows.stream().filter(r -> !r.skill().deleted())
                .map(r -> new ListingBudget.Entry(r.skill().namespace() + "/" + r.skill().name(), r.skill().name(),
                        r.skill().description(), r.layer1Tokens(), r.lastActivation())).toList();
        replan();
    }

    private void replan() {
        plan.set(ListingBudget.plan(entries, Math.max(1, contextTokens.get()), Math.max(0.0001, percent.get() / 100),
                Math.max(1, maxDescriptionChars.get())));
    }

    /** One skill's line of the plan, or null. */
    public ListingBudget.Line line(String ref) {
        return plan.get().lines().stream().filter(l -> l.entry().ref().equals(ref)).findFirst().orElse(null);
    }

    /** A one-line verdict: used of budget, and what the agent would drop or cut. */
    public static String verdict(ListingBudget.Plan p, int contextTokens, double percent) {
        String head = String.format(java.util.Locale.ROOT, "Listing: %,d of %,d tokens (%s%% of a %,d-token context)",
                p.fullTokens(), p.budgetTokens(), trim(percent), contextTokens);
        if (p.fits() && p.count(ListingBudget.Fate.CUT) == 0) {
            return head + " · every skill is listed in full";
        }
        long cut = p.count(ListingBudget.Fate.CUT);
        long nameOnly = p.count(ListingBudget.Fate.NAME_ONLY);
        StringBuilder b = new StringBuilder(head).append(" · ");
        if (nameOnly > 0) {
            b.append(nameOnly).append(nameOnly == 1 ? " skill is" : " skills are").append(" listed by name only");
        }
        if (cut > 0) {
            b.append(nameOnly > 0 ? ", " : "").append(cut).append(cut == 1 ? " description is" : " descriptions are")
                    .append(" cut");
        }
        return b.toString();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    public IntegerProperty contextTokensProperty() {
        return contextTokens;
    }

    public DoubleProperty percentProperty() {
        return percent;
    }

    public IntegerProperty maxDescriptionCharsProperty() {
        return maxDescriptionChars;
    }

    public ObjectProperty<ListingBudget.Plan> planProperty() {
        return plan;
    }
}
