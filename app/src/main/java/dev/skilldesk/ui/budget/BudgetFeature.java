package dev.skilldesk.ui.budget;

import dev.skilldesk.ui.common.Feature;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

import java.util.function.Consumer;

/** The Budget place: what each agent's listing of skills costs in its context window, and what falls out of it. */
public final class BudgetFeature implements Feature {
    private final BudgetViewModel vm;
    private final Consumer<String> openRef;
    private final Runnable refreshScopes;
    private BudgetView view;

    /** @param refreshScopes reads again whose listings there are (the agents' folders with installs, the profiles) */
    public BudgetFeature(BudgetViewModel vm, Consumer<String> openRef, Runnable refreshScopes) {
        this.vm = vm;
        this.openRef = openRef;
        this.refreshScopes = refreshScopes;
    }

    @Override
    public String id() {
        return "budget";
    }

    @Override
    public String title() {
        return "Budget";
    }

    @Override
    public Ikon icon() {
        return Feather.PIE_CHART;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new BudgetView(vm, openRef);
        }
        return view;
    }

    @Override
    public void shown() {
        refreshScopes.run();
    }
}
