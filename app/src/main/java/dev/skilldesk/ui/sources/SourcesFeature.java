package dev.skilldesk.ui.sources;

import dev.skilldesk.ui.common.Feature;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The Sources place: where skills come from (folders, packages, git repositories, marketplaces) and their upstream. */
public final class SourcesFeature implements Feature {
    private final SourcesViewModel vm;
    private SourcesView view;

    public SourcesFeature(SourcesViewModel vm) {
        this.vm = vm;
    }

    @Override
    public String id() {
        return "sources";
    }

    @Override
    public String title() {
        return "Sources";
    }

    @Override
    public Ikon icon() {
        return Feather.GIT_BRANCH;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new SourcesView(vm);
        }
        return view;
    }

    @Override
    public void shown() {
        vm.reload();
    }
}
