package dev.skilldesk.ui.map;

import dev.skilldesk.ui.common.AppState;
import dev.skilldesk.ui.common.Feature;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The Map place: the library laid out by meaning, confusable pairs as lines, the search request placed on it. */
public final class MapFeature implements Feature {
    private final MapViewModel vm;
    private final MapView.Actions actions;
    private MapView view;
    private boolean showing;
    private Runnable onShown = () -> { };

    public MapFeature(MapViewModel vm, MapView.Actions actions, AppState state) {
        this.vm = vm;
        this.actions = actions;
        // what is typed in Search appears on the map, with lines to the skills nearest to it
        state.queryProperty().addListener((o, a, b) -> {
            if (b != null && !b.isBlank()) {
                vm.queryTextProperty().set(b);
            }
        });
    }

    /** The library changed: the map follows it while it shows (a saved description moves its skill). */
    public void libraryReloaded() {
        if (showing) {
            vm.reload();
        }
    }

    public void onShown(Runnable r) {
        this.onShown = r;
    }

    @Override
    public String id() {
        return "map";
    }

    @Override
    public String title() {
        return "Map";
    }

    @Override
    public Ikon icon() {
        return Feather.MAP;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new MapView(vm, actions);
        }
        return view;
    }

    @Override
    public void shown() {
        showing = true;
        vm.reload();
        onShown.run();
    }

    @Override
    public void hidden() {
        showing = false;
    }

    public MapViewModel viewModel() {
        return vm;
    }

    /** The view, once shown. */
    public MapView mapView() {
        return view;
    }
}
