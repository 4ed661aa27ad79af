package dev.skilldesk.ui.analytics;

import dev.skilldesk.ui.common.Feature;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The Analytics place: activations over time, top skills, outcomes, live as agents use skills. */
public final class AnalyticsFeature implements Feature {
    private final AnalyticsViewModel vm;
    private AnalyticsView view;
    private boolean showing;

    public AnalyticsFeature(AnalyticsViewModel vm) {
        this.vm = vm;
    }

    /** Whether it is in front (activations arriving meanwhile reload it). */
    public boolean showing() {
        return showing;
    }

    @Override
    public String id() {
        return "analytics";
    }

    @Override
    public String title() {
        return "Analytics";
    }

    @Override
    public Ikon icon() {
        return Feather.BAR_CHART_2;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new AnalyticsView(vm);
        }
        return view;
    }

    @Override
    public void shown() {
        showing = true;
        vm.reload();
    }

    @Override
    public void hidden() {
        showing = false;
    }

    public AnalyticsViewModel viewModel() {
        return vm;
    }
}
