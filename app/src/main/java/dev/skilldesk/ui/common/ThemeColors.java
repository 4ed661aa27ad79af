package dev.skilldesk.ui.common;

import javafx.application.Application;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The theme's colours for what CSS cannot style: drawing on a canvas (the Map, the latency sparkline). A colour is
 * named as the theme names it ({@code -color-accent-emphasis}, {@code -color-fg-muted} …) and read from the theme in
 * use, so the light and dark themes both hold; read once per theme and name.
 */
public final class ThemeColors {
    private static final Map<String, Color> CACHE = new ConcurrentHashMap<>();

    private ThemeColors() {
    }

    /** The theme's colour {@code name} (a looked-up colour of the user-agent stylesheet), or {@code fallback}. */
    public static Color of(String name, Color fallback) {
        String theme = String.valueOf(Application.getUserAgentStylesheet());
        return CACHE.computeIfAbsent(theme + "|" + name, k -> resolve(name, fallback));
    }

    /** The same colour, see-through by {@code opacity} (0..1). */
    public static Color of(String name, Color fallback, double opacity) {
        Color c = of(name, fallback);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), opacity);
    }

    private static Color resolve(String name, Color fallback) {
        try {
            Region probe = new Region();
            probe.setStyle("-fx-background-color: " + name + ";");
            new Scene(new Group(probe));
            probe.applyCss();
            if (probe.getBackground() != null && !probe.getBackground().getFills().isEmpty()) {
                Paint p = probe.getBackground().getFills().get(0).getFill();
                if (p instanceof Color c) {
                    return c;
                }
            }
        } catch (RuntimeException notOnTheFxThread) {
            // the fallback below
        }
        return fallback;
    }
}
