package dev.skilldesk.ui.shell;

import dev.skilldesk.ui.common.Feature;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The places, one button each with its icon and its name in words, down the window's left side. They never scroll,
 * shrink or hide behind open skills: the rail is outside the document strip, and each place is one click (and one
 * shortcut, in its tooltip) away.
 */
final class PlacesRail extends VBox {
    private final ToggleGroup group = new ToggleGroup();
    private final Map<String, ToggleButton> buttons = new LinkedHashMap<>();

    PlacesRail(List<Feature> features, Map<String, String> shortcuts, Consumer<Feature> show) {
        setId("placesRail");
        getStyleClass().add("places-rail");
        setAlignment(Pos.TOP_CENTER);
        setSpacing(2);
        for (Feature f : features) {
            ToggleButton b = new ToggleButton(f.title(), new FontIcon(f.icon()));
            b.setId("place-" + f.id());
            b.getStyleClass().add("place-button");
            b.setContentDisplay(ContentDisplay.TOP);
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setMinWidth(Region.USE_PREF_SIZE);
            String keys = shortcuts.get(f.id());
            b.setTooltip(new Tooltip(f.title() + (keys == null ? "" : " (" + keys + ")")));
            b.setOnAction(e -> {
                b.setSelected(true); // a second click keeps the place, it does not unselect it
                show.accept(f);
            });
            buttons.put(f.id(), b);
            getChildren().add(b);
        }
    }

    /** Marks {@code id} as the place in front; null: none (a skill is). */
    void select(String id) {
        ToggleButton b = id == null ? null : buttons.get(id);
        if (b == null) {
            group.selectToggle(null);
        } else {
            b.setSelected(true);
        }
    }

    ToggleButton button(String id) {
        return buttons.get(id);
    }
}
