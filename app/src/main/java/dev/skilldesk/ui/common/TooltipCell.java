package dev.skilldesk.ui.common;

import dev.skilldesk.skill.Printable;
import javafx.geometry.Pos;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/** A text cell whose whole text shows on hover: a value cut to "…" still says everything. */
public final class TooltipCell<S> extends TableCell<S, String> {
    private final Tooltip tip = new Tooltip();

    public TooltipCell() {
        setAlignment(Pos.CENTER_LEFT); // a cell made after a reload otherwise sits at the top
        tip.setWrapText(true);
        tip.setMaxWidth(520);
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        item = item == null ? null : Printable.line(item); // text from outside: shown, never obeyed (no bidi reordering)
        setText(empty ? null : item);
        if (empty || item == null || item.isEmpty()) {
            setTooltip(null);
        } else {
            tip.setText(item);
            setTooltip(tip);
        }
    }
}
