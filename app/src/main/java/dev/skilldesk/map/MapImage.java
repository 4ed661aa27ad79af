package dev.skilldesk.map;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The map as a picture (for {@code map --out FILE.png}): every skill a dot coloured by namespace, the confusable
 * pairs as lines, and a legend. Java2D, headless: no window and no JavaFX.
 */
public final class MapImage {
    /** Colours that stay apart on white (Okabe and Ito's, then Tableau's). */
    public static final int[] PALETTE = {0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7, 0x56B4E9, 0xD55E00, 0xF0E442,
            0x4E79A7, 0xF28E2B, 0x59A14F, 0xB07AA1, 0x76B7B2, 0xEDC948, 0xFF9DA7, 0x9C755F, 0xBAB0AC};

    private MapImage() {
    }

    public static void write(SkillMap.Layout layout, List<Overlaps.Pair> links, int width, int height, Path out)
            throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        List<SkillMap.Point> pts = layout.points();
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (SkillMap.Point p : pts) {
            minX = Math.min(minX, p.x());
            maxX = Math.max(maxX, p.x());
            minY = Math.min(minY, p.y());
            maxY = Math.max(maxY, p.y());
        }
        int legendWidth = 250;
        double margin = 30;
        double sx = (width - legendWidth - 2 * margin) / Math.max(1e-9, maxX - minX);
        double sy = (height - 2 * margin) / Math.max(1e-9, maxY - minY);
        double s = Math.min(sx, sy);
        Map<String, Integer> colours = new TreeMap<>();
        pts.forEach(p -> colours.putIfAbsent(p.namespace(), 0));
        int c = 0;
        for (String ns : new ArrayList<>(colours.keySet())) {
            colours.put(ns, PALETTE[c++ % PALETTE.length]);
        }
        Map<String, double[]> at = new java.util.HashMap<>();
        for (SkillMap.Point p : pts) {
            at.put(p.ref(), new double[] {margin + (p.x() - minX) * s, margin + (p.y() - minY) * s});
        }
        g.setStroke(new BasicStroke(1.2f));
        g.setColor(new Color(0xD0, 0x30, 0x30, 160));
        for (Overlaps.Pair l : links) {
            double[] a = at.get(l.a());
            double[] b = at.get(l.b());
            if (a != null && b != null) {
                g.drawLine((int) a[0], (int) a[1], (int) b[0], (int) b[1]);
            }
        }
        double r = pts.size() > 2_000 ? 1.6 : pts.size() > 300 ? 2.5 : 4;
        for (SkillMap.Point p : pts) {
            double[] xy = at.get(p.ref());
            g.setColor(new Color(colours.get(p.namespace())));
            g.fillOval((int) (xy[0] - r), (int) (xy[1] - r), (int) (2 * r), (int) (2 * r));
        }
        if (pts.size() <= 200) { // a small library: each dot says its name
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            g.setColor(new Color(0x57, 0x60, 0x6a));
            for (SkillMap.Point p : pts) {
                double[] xy = at.get(p.ref());
                g.drawString(p.ref().substring(p.ref().indexOf('/') + 1), (int) (xy[0] + r + 2), (int) (xy[1] + 4));
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int y = 30;
        g.setColor(Color.DARK_GRAY);
        g.drawString(pts.size() + " skills, " + links.size() + " confusable pairs", width - legendWidth + 10, y);
        for (Map.Entry<String, Integer> e : colours.entrySet()) {
            y += 18;
            if (y > height - 20) {
                break;
            }
            g.setColor(new Color(e.getValue()));
            g.fillOval(width - legendWidth + 10, y - 9, 10, 10);
            g.setColor(Color.DARK_GRAY);
            g.drawString(e.getKey(), width - legendWidth + 26, y);
        }
        g.dispose();
        ImageIO.write(img, "png", out.toFile());
    }
}
