package dev.skilldesk.ui.common;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.Ikon;

/**
 * Something the author can do, once: its label, icon, shortcut and whether it can be done now. The toolbar, the
 * menus, context menus, the command palette and the key bindings are all made from these ({@link ActionTable}).
 *
 * @param id       a stable id ({@code skill.save}, {@code place.library})
 * @param group    where the palette and the menus list it (File, Skill, Go, View, Library …)
 * @param shortcut null when it has none
 * @param icon     null when it has none
 */
public record Action(String id, String group, String label, Ikon icon, KeyCombination shortcut,
                     ObservableBooleanValue enabled, Runnable run) {
    public static Action of(String id, String group, String label, Ikon icon, KeyCombination shortcut, Runnable run) {
        return new Action(id, group, label, icon, shortcut, Bindings.createBooleanBinding(() -> true), run);
    }

    public Action enabledWhen(ObservableBooleanValue when) {
        return new Action(id, group, label, icon, shortcut, when, run);
    }

    /** Runs it when it can be done now. */
    public void fire() {
        if (enabled.get()) {
            run.run();
        }
    }

    /** The shortcut as the platform writes it ("Ctrl+Shift+P"), or "". */
    public String shortcutText() {
        return shortcut == null ? "" : shortcut.getDisplayText();
    }
}
