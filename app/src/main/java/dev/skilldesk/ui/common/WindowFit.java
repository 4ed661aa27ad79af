package dev.skilldesk.ui.common;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * A window's size and place that fit the screen it opens on: a size remembered on a larger screen (or the
 * default's 1280x800 on a 1024x640 one) shrinks to the screen's visible area, so the menu, the places rail and the
 * status bar are never off screen; a place that would push the window over an edge moves it back.
 */
public final class WindowFit {
    static final double MIN_WIDTH = 800;
    static final double MIN_HEIGHT = 560;

    private WindowFit() {
    }

    /** The scene size to open with: the wanted one, at least the minimum, at most what the primary screen shows. */
    public static double[] sceneSize(double wantedWidth, double wantedHeight) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double w = Math.min(Math.max(MIN_WIDTH, wantedWidth), screen.getWidth());
        double h = Math.min(Math.max(MIN_HEIGHT, wantedHeight), screen.getHeight());
        return new double[] {w, Math.max(200, h)};
    }

    /** Moves {@code stage} back inside the screen that holds most of it, when it sticks out. */
    public static void keepOnScreen(Stage stage) {
        // before the window is shown its size is the scene's (plus the frame the system adds)
        double width = known(stage.getWidth(), stage.getScene() == null ? 0 : stage.getScene().getWidth());
        double height = known(stage.getHeight(), stage.getScene() == null ? 0 : stage.getScene().getHeight());
        if (Double.isNaN(stage.getX()) || Double.isNaN(stage.getY())) {
            return;
        }
        var screens = Screen.getScreensForRectangle(stage.getX(), stage.getY(), Math.max(1, width), Math.max(1, height));
        Rectangle2D b = (screens.isEmpty() ? Screen.getPrimary() : screens.get(0)).getVisualBounds();
        double x = Math.max(b.getMinX(), Math.min(stage.getX(), b.getMaxX() - width));
        double y = Math.max(b.getMinY(), Math.min(stage.getY(), b.getMaxY() - height));
        if (x != stage.getX()) {
            stage.setX(x);
        }
        if (y != stage.getY()) {
            stage.setY(y);
        }
    }

    private static double known(double value, double otherwise) {
        return Double.isNaN(value) || value <= 0 ? otherwise : value;
    }
}
