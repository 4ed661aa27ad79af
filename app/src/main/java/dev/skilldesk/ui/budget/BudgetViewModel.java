package dev.skilldesk.ui.budget;

import dev.skilldesk.library.LibraryOverview;
import dev.skilldesk.library.ListingBudget;
import dev.skilldesk.ui.common.Prefs;
import dev.skilldesk.ui.common.UiPreferences;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

    /**
     * Whose listing the plan is of: the whole library ({@code skills} null), an agent's where SkillDesk installed
     * (globally, or in a project with its global skills), or a profile's.
     */
    public record Scope(String label, Set<String> skills) {
        public static final Scope LIBRARY = new Scope("The whole library", null);

        @Override
        public String toString() {
            return skills == null ? label : label + " · " + skills.size() + " skill" + (skills.size() == 1 ? "" : "s");
        }
    }

    private final ObservableList<Scope> scopes = FXCollections.observableArrayList(Scope.LIBRARY);
    private final ObjectProperty<Scope> scope = new SimpleObjectProperty<>(Scope.LIBRARY);

    public BudgetViewModel(UiPreferences prefs) {
        contextTokens.set((int) (double) prefs.get(Prefs.LISTING_CONTEXT));
        percent.set(prefs.get(Prefs.LISTING_PERCENT));
        maxDescriptionChars.set((int) (double) prefs.get(Prefs.LISTING_MAX_DESCRIPTION));
        contextTokens.addListener((o, a, b) -> {
            prefs.set(Prefs.LISTING_CONTEXT, b.doubleValue());
            replan();
        });
        percent.addListener((o, a, b) -> {
            prefs.set(Prefs.LISTING_PERCENT, b.doubleValue());
            replan();
        });
        maxDescriptionChars.addListener((o, a, b) -> {
            prefs.set(Prefs.LISTING_MAX_DESCRIPTION, b.doubleValue());
            replan();
        });
        scope.addListener((o, a, b) -> replan());
    }

    /**
     * The listings there are besides the whole library's (agents' installs, profiles); the one chosen stays
     * chosen while it exists (by its label).
     */
    public void setScopes(List<Scope> more) {
        Scope chosen = scope.get();
        List<Scope> all = new ArrayList<>();
        all.add(Scope.LIBRARY);
        all.addAll(more);
        if (all.equals(scopes)) {
            return;
        }
        scopes.setAll(all);
        scope.set(all.stream().filter(x -> chosen != null && x.label().equals(chosen.label())).findFirst().orElse(Scope.LIBRARY));
    }

    public ObservableList<Scope> scopes() {
        return scopes;
    }

    public ObjectProperty<Scope> scopeProperty() {
        return scope;
    }

    /**
     * What each listing that holds {@code ref} shows of it at the budget ("Claude Code (global): listed in full"),
     * the whole library's first: the Layers view's meter, per target.
     */
    public List<String> fatesOf(String ref) {
        List<String> out = new ArrayList<>();
        for (Scope sc : scopes) {
            if (sc.skills() != null && !sc.skills().contains(ref)) {
                continue;
            }
            ListingBudget.Plan p = planOf(sc);
            p.lines().stream().filter(l -> l.entry().ref().equals(ref)).findFirst()
                    .ifPresent(l -> out.add(sc.label() + ": " + l.fate().label()));
        }
        return out;
    }

    /** The library's rows changed: the plan follows (deleted skills are not listed). */
    public void update(List<LibraryOverview.Row> rows) {
        entries = rows.stream().filter(r -> !r.skill().deleted())
                .map(r -> new ListingBudget.Entry(r.skill().ref().toString(), r.skill().name(),
                        r.skill().description(), r.layer1Tokens(), r.lastActivation())).toList();
        replan();
    }

    private void replan() {
        plan.set(planOf(scope.get() == null ? Scope.LIBRARY : scope.get()));
    }

    private ListingBudget.Plan planOf(Scope sc) {
        List<ListingBudget.Entry> in = sc.skills() == null ? entries
                : entries.stream().filter(e -> sc.skills().contains(e.ref())).toList();
        return ListingBudget.plan(in, Math.max(1, contextTokens.get()), Math.max(0.0001, percent.get() / 100),
                Math.max(1, maxDescriptionChars.get()));
    }

    /** One skill's line of the plan, or null. */
    public ListingBudget.Line line(String ref) {
        return plan.get().lines().stream().filter(l -> l.entry().ref().equals(ref)).findFirst().orElse(null);
    }

    /** A one-line verdict: used of budget, and what the agent would drop or cut. */
    public static String verdict(ListingBudget.Plan p, int contextTokens, double percent) {
        String head = String.format(Locale.ROOT, "Listing: %,d of %,d tokens (%s%% of a %,d-token context)",
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
