package dev.skilldesk.ui.common;

import javafx.collections.ObservableList;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/** The pieces the window's forms are made of, so that each dialog's labels and fields behave alike. */
public final class Forms {
    private Forms() {
    }

    /** A form label that keeps its whole text (never squeezed to "…" by the field beside it). */
    public static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** An editable combo box offering {@code items}, with {@code prompt} while empty. */
    public static ComboBox<String> editableCombo(String id, ObservableList<String> items, String prompt) {
        ComboBox<String> c = new ComboBox<>(items);
        c.setId(id);
        c.setEditable(true);
        c.setPromptText(prompt);
        return c;
    }
}
