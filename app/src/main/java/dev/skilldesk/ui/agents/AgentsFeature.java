package dev.skilldesk.ui.agents;

import dev.skilldesk.ui.common.Feature;
import dev.skilldesk.ui.common.UiPreferences;
import javafx.scene.Node;
import javafx.stage.Window;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

import java.util.List;
import java.util.function.Supplier;

/**
 * The Agents place: what each agent sees (every skill it reads, who wins a name, its listing at its budget), switching
 * skills off and on without deleting them, and scenes; and the switch dialog the Library and Installs hand off to.
 */
public final class AgentsFeature implements Feature {
    private final AgentsViewModel vm;
    private final UiPreferences prefs;
    private final Supplier<Window> owner;
    private AgentsView view;

    public AgentsFeature(AgentsViewModel vm, UiPreferences prefs, Supplier<Window> owner) {
        this.vm = vm;
        this.prefs = prefs;
        this.owner = owner;
    }

    @Override
    public String id() {
        return "agents";
    }

    @Override
    public String title() {
        return "Agents";
    }

    @Override
    public Ikon icon() {
        return Feather.EYE;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new AgentsView(vm, prefs);
        }
        return view;
    }

    @Override
    public void shown() {
        vm.reload();
    }

    @Override
    public Node focusTarget() {
        return view == null ? null : view.focusTarget();
    }

    /** Asks for agents, place and mode, previews every change, switches {@code skills} (by name). */
    public void switchDialog(List<String> skills, boolean on) {
        if (skills.isEmpty()) {
            return;
        }
        PreviewDialog.owner = owner.get();
        SwitchDialog.askSwitch(owner.get(), skills, on, vm.env(), prefs).ifPresent(r -> vm.switchSkills(r, t -> { }));
    }
}
