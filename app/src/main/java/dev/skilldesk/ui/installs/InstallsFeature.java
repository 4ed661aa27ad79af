package dev.skilldesk.ui.installs;

import dev.skilldesk.ui.common.Feature;
import dev.skilldesk.ui.common.UiPreferences;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The Installs place: every installed copy and its drift, and the profiles applied to projects. */
public final class InstallsFeature implements Feature {
    private final InstallsViewModel installs;
    private final ProfilesViewModel profiles;
    private final UiPreferences prefs;
    private InstallsView view;
    private boolean showing;

    private final java.util.function.Consumer<java.util.List<String>> switchOff;

    /** {@code switchOff}: the Agents place's switch dialog, for the skills of the selected copies. */
    public InstallsFeature(InstallsViewModel installs, ProfilesViewModel profiles, UiPreferences prefs,
                           java.util.function.Consumer<java.util.List<String>> switchOff) {
        this.switchOff = switchOff;
        this.installs = installs;
        this.profiles = profiles;
        this.prefs = prefs;
    }

    public boolean showing() {
        return showing;
    }

    @Override
    public String id() {
        return "installs";
    }

    @Override
    public String title() {
        return "Installs";
    }

    @Override
    public Ikon icon() {
        return Feather.HARD_DRIVE;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new InstallsView(installs, profiles, prefs, switchOff);
        }
        return view;
    }

    @Override
    public void shown() {
        showing = true;
        installs.reload();
        profiles.reload();
    }

    @Override
    public void hidden() {
        showing = false;
    }
}
