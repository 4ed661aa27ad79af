package dev.skilldesk.ui.common;

import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;

/** Something open in the window's document strip (an open skill): its title, whether it has unsaved edits, its view. */
public interface Document {
    /** A stable key while it is open ("namespace/name" for a saved skill). */
    String key();

    ObservableStringValue title();

    ObservableBooleanValue dirty();

    Node view();

    /** Asks to close: {@code close} runs when it may (at once, or after a save the author asked for). */
    void requestClose(Runnable close);

    /** Where the keyboard goes when it is brought to the front. */
    default Node focusTarget() {
        return null;
    }
}
