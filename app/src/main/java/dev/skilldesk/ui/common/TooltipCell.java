package dev.skilldesk.ui.common;

import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/** A text cell whose whole text shows on hover: a value cut to "…" still says everything. */
public final class TooltipCell<S> extends TableCell<S, String> {
    private final Tooltip tip = new Tooltip();

    public TooltipCell() {
        setAlignment(javafx.geometry.Pos.CENTER_LEFT); // a cell made after a reload otherwise sits at the top
        tip.setWrapText(true);
        tip.setMaxWidth(520);
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty ? null : item);
        if (empty || item == null || item.isEmpty()) {
            setTooltip(null);
        } else {
            tip.setText(item);
            setTooltip(tip);
        }
    }
}
