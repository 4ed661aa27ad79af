package dev.skilldesk.ui.map;

import javafx.scene.text.Font;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Where the Map writes skills' names: beside its dot (right, left, above or below, the first that is free), never over
 * another name or off the canvas. A name with no free place is left out (hovering the dot says it), so a cluster of
 * close skills reads as a few names, not as one blot of overlapping text.
 */
final class Labels {
    /** A name written at (x, y): the baseline's left end. */
    record Placed(String text, double x, double y) {
    }

    private static final double HEIGHT = 13;
    private static final Font FONT = Font.font(11);

    private Labels() {
    }

    static List<Placed> place(List<MapViewModel.Dot> dots, DoubleUnaryOperator screenX, DoubleUnaryOperator screenY,
                              double radius, double width, double height) {
        List<double[]> taken = new ArrayList<>(); // {x0, y0, x1, y1} of the names written and of every dot
        for (MapViewModel.Dot d : dots) {
            double x = screenX.applyAsDouble(d.x());
            double y = screenY.applyAsDouble(d.y());
            taken.add(new double[] {x - radius, y - radius, x + radius, y + radius});
        }
        int dotCount = taken.size();
        List<Placed> out = new ArrayList<>();
        for (int i = 0; i < dots.size(); i++) {
            MapViewModel.Dot d = dots.get(i);
            double x = screenX.applyAsDouble(d.x());
            double y = screenY.applyAsDouble(d.y());
            if (x < 0 || y < 0 || x > width || y > height) {
                continue;
            }
            double w = measure(d.name());
            double gap = radius + 3;
            // candidate boxes: right, left, above, below the dot
            double[][] boxes = {
                    {x + gap, y - HEIGHT / 2, x + gap + w, y + HEIGHT / 2},
                    {x - gap - w, y - HEIGHT / 2, x - gap, y + HEIGHT / 2},
                    {x - w / 2, y - gap - HEIGHT, x + w / 2, y - gap},
                    {x - w / 2, y + gap, x + w / 2, y + gap + HEIGHT}};
            for (double[] b : boxes) {
                if (b[0] < 2 || b[1] < 2 || b[2] > width - 2 || b[3] > height - 2 || overlaps(b, taken, i, dotCount)) {
                    continue;
                }
                taken.add(b);
                out.add(new Placed(d.name(), b[0], b[3] - 3));
                break;
            }
        }
        return out;
    }

    /** Whether {@code b} meets a name already written or a dot other than its own ({@code self}). */
    private static boolean overlaps(double[] b, List<double[]> taken, int self, int dotCount) {
        for (int k = 0; k < taken.size(); k++) {
            if (k == self && k < dotCount) {
                continue;
            }
            double[] t = taken.get(k);
            if (b[0] < t[2] && t[0] < b[2] && b[1] < t[3] && t[1] < b[3]) {
                return true;
            }
        }
        return false;
    }

    /** Names measured once (the map redraws on every move of the mouse). FX thread only. */
    private static final Map<String, Double> WIDTHS = new HashMap<>();

    private static double measure(String s) {
        return WIDTHS.computeIfAbsent(s, k -> {
            Text t = new Text(k);
            t.setFont(FONT);
            return t.getLayoutBounds().getWidth();
        });
    }
}
