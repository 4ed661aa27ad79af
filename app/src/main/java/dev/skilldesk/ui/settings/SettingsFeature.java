package dev.skilldesk.ui.settings;

import dev.skilldesk.ui.common.Feature;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

import java.util.function.Consumer;

/** The Settings place: search and embedding, the theme, and the endpoints the app runs for agents. */
public final class SettingsFeature implements Feature {
    private final SettingsViewModel vm;
    private final EndpointsViewModel endpoints;
    private final StringProperty breakers;
    private final Consumer<String> notify;
    private SettingsView view;

    public SettingsFeature(SettingsViewModel vm, EndpointsViewModel endpoints, StringProperty breakers,
                           Consumer<String> notify) {
        this.vm = vm;
        this.endpoints = endpoints;
        this.breakers = breakers;
        this.notify = notify;
    }

    @Override
    public String id() {
        return "settings";
    }

    @Override
    public String title() {
        return "Settings";
    }

    @Override
    public Ikon icon() {
        return Feather.SETTINGS;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new SettingsView(vm, endpoints, breakers, notify);
        }
        return view;
    }

    public SettingsViewModel viewModel() {
        return vm;
    }

    public EndpointsViewModel endpoints() {
        return endpoints;
    }
}
