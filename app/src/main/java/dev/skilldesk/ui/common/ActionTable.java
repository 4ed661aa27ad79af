package dev.skilldesk.ui.common;

import javafx.beans.binding.Bindings;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every action of the window, in one table (JabRef's StandardActions): the toolbar's buttons, the menus, context
 * menus, the command palette and the key bindings are made from its rows, so a label, icon, shortcut or enabled
 * state is stated once and every place that offers the action agrees.
 */
public final class ActionTable {
    private final Map<String, Action> actions = new LinkedHashMap<>();

    /** Adds (or replaces) an action; returns it. */
    public Action add(Action a) {
        actions.put(a.id(), a);
        return a;
    }

    public Action get(String id) {
        Action a = actions.get(id);
        if (a == null) {
            throw new IllegalArgumentException("no action '" + id + "'");
        }
        return a;
    }

    public boolean has(String id) {
        return actions.containsKey(id);
    }

    /** Every action, in the order added. */
    public List<Action> all() {
        return List.copyOf(actions.values());
    }

    /** The actions of {@code group}, in the order added. */
    public List<Action> group(String group) {
        return actions.values().stream().filter(a -> a.group().equals(group)).toList();
    }

    /** A toolbar button for the action (its icon and label, its shortcut in the tooltip); {@code iconOnly} for a narrow bar. */
    public Button button(String id, boolean iconOnly) {
        Action a = get(id);
        Button b = new Button(a.label(), a.icon() == null ? null : new FontIcon(a.icon()));
        b.setId(idOf(a) + "Button");
        b.setOnAction(e -> a.fire());
        b.disableProperty().bind(Bindings.not(a.enabled()));
        b.setTooltip(new Tooltip(a.label().replace("…", "") + (a.shortcut() == null ? "" : " (" + a.shortcutText() + ")")));
        if (iconOnly && a.icon() != null) {
            b.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }
        return b;
    }

    /** A menu item for the action, its shortcut shown beside it. */
    public MenuItem menuItem(String id) {
        Action a = get(id);
        MenuItem m = new MenuItem(a.label(), a.icon() == null ? null : new FontIcon(a.icon()));
        m.setId(idOf(a) + "Item");
        m.setOnAction(e -> a.fire());
        m.disableProperty().bind(Bindings.not(a.enabled()));
        if (a.shortcut() != null) {
            m.setAccelerator(a.shortcut()); // shown; the scene's binding (below) runs it once
        }
        return m;
    }

    /** A menu of the actions of {@code group}. */
    public Menu menu(String title, String group) {
        Menu m = new Menu(title);
        group(group).forEach(a -> m.getItems().add(menuItem(a.id())));
        return m;
    }

    /** Binds every action's shortcut in {@code scene} (an action that cannot be done now does nothing). */
    public void bindShortcuts(Scene scene) {
        for (Action a : actions.values()) {
            if (a.shortcut() != null) {
                scene.getAccelerators().put(a.shortcut(), a::fire);
            }
        }
    }

    /** The actions whose shortcut is {@code shortcut} (a table with two is a mistake; the test says so). */
    public List<Action> withShortcut(KeyCombination shortcut) {
        List<Action> out = new ArrayList<>();
        actions.values().stream().filter(a -> shortcut.equals(a.shortcut())).forEach(out::add);
        return out;
    }

    private static String idOf(Action a) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : a.id().toCharArray()) {
            if (c == '.' || c == '-') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }
}
