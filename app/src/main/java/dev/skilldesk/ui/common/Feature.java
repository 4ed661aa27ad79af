package dev.skilldesk.ui.common;

import javafx.scene.Node;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.Ikon;

/**
 * A place in the window (Library, Search, Map, …): what the shell needs to show it in the places rail, go to it
 * by its shortcut or the palette, and build its view the first time it is shown. A feature package implements
 * this once; the desktop composition root lists the features, one line each.
 */
public interface Feature {
    /** A stable id: preferences remember the place by it; tests find its button as {@code #place-<id>}. */
    String id();

    /** Its name in the rail, in words. */
    String title();

    Ikon icon();

    /** The shortcut that goes there (the shell gives Ctrl+1 … in rail order when null). */
    default KeyCombination shortcut() {
        return null;
    }

    /** Builds the view; called once, the first time the place is shown. */
    Node view();

    /** The place was brought to the front (its view exists): refresh what it shows. */
    default void shown() {
    }

    /** The place was left for another place or a skill. */
    default void hidden() {
    }

    /** Where the keyboard goes when the place is shown (null: the shell decides). */
    default Node focusTarget() {
        return null;
    }
}
