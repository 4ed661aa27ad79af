package dev.skilldesk.ui.common;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;

/**
 * Keeps every column header of the tables under a node whole: a column never gets narrower than its header's words
 * (a value cut to "…" still says the rest in its tooltip; a header has none). Applied by the shell to each view it
 * shows, so a new table needs nothing of its own.
 */
public final class Tables {
    private Tables() {
    }

    /** Sets each column's minimum width to its header's, for every table under {@code root} that has been laid out. */
    public static void keepHeadersWhole(Node root) {
        for (Node n : root.lookupAll(".table-view")) {
            if (n instanceof TableView<?> table) {
                for (Node h : table.lookupAll(".column-header")) {
                    Node l = h.lookup(".label");
                    Object column = h.getProperties().get(TableColumnBase.class);
                    if (l instanceof Label label && label.getText() != null && !label.getText().isEmpty()) {
                        double needed = label.prefWidth(-1) + label.getGraphicTextGap() + 16;
                        TableColumnBase<?, ?> c = column instanceof TableColumnBase<?, ?> tc ? tc : findColumn(table, label.getText());
                        if (c != null && c.getMinWidth() < needed && c.getMaxWidth() >= needed) {
                            c.setMinWidth(needed);
                        }
                    }
                }
            }
        }
    }

    /**
     * The width a column needs for its header's words, measured before any layout (bold headers are a little wider
     * than the text measured here; the sort arrow and padding need room too): a column built with it as its minimum
     * is whole from its first frame, whenever its table is laid out.
     */
    public static double headerWidth(String title) {
        Text t = new Text(title);
        return Math.ceil(t.getLayoutBounds().getWidth() * 1.15 + 28);
    }

    private static TableColumnBase<?, ?> findColumn(TableView<?> table, String title) {
        for (var c : table.getColumns()) {
            if (title.equals(c.getText())) {
                return c;
            }
        }
        return null;
    }
}
