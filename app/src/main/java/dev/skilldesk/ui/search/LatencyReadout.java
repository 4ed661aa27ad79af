package dev.skilldesk.ui.search;

import dev.skilldesk.search.SearchTimings;
import dev.skilldesk.ui.common.ThemeColors;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The live latency readout: last query's stages as a bar, rolling P50/P95, a sparkline of the last 100. */
final class LatencyReadout extends VBox {
    private static final String[] STAGES = {"embed", "vector", "keyword", "fusion", "fetch", "access"};
    private final HBox bar = new HBox();
    private final HBox legend = new HBox(10);
    private final Label summary = new Label("No query yet");
    private final Canvas spark = new Canvas(220, 36);
    private final Label sparkMax = new Label();
    private final Label[] legendLabels = new Label[STAGES.length];
    private final SearchViewModel vm;

    LatencyReadout(SearchViewModel vm) {
        this.vm = vm;
        getStyleClass().add("latency-readout");
        setSpacing(4);
        setPadding(new Insets(6, 8, 6, 8));
        summary.setId("latencySummary");
        bar.setId("stageBar");
        bar.setPrefHeight(12);
        bar.setMinHeight(12);
        bar.getStyleClass().add("stage-bar");
        for (int i = 0; i < STAGES.length; i++) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("stage", "stage-" + STAGES[i]);
            swatch.setPrefSize(10, 10);
            Label l = new Label(STAGES[i], swatch);
            l.getStyleClass().add("text-small");
            l.setMinWidth(Region.USE_PREF_SIZE);
            legendLabels[i] = l;
            legend.getChildren().add(l);
        }
        sparkMax.getStyleClass().add("text-small");
        sparkMax.setId("sparkScale");
        Label sparkCaption = new Label("time of the last " + SearchViewModel.HISTORY + " searches (bottom: 0 ms)");
        sparkCaption.getStyleClass().addAll("text-small", "text-muted");
        VBox sparkBox = new VBox(0, sparkMax, spark, sparkCaption);
        HBox top = new HBox(12, summary, new Region(), sparkBox);
        HBox.setHgrow(top.getChildren().get(1), Priority.ALWAYS);
        top.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(top, bar, legend);
        vm.lastTimingsProperty().addListener((o, a, b) -> update(b));
        vm.history().addListener((ListChangeListener<Double>) c -> drawSpark(vm.history()));
    }

    private void update(SearchTimings t) {
        if (t == null) {
            return;
        }
        long[] parts = {t.embedNanos(), t.vectorNanos(), t.keywordNanos(), t.fusionNanos(), t.fetchNanos(), t.accessNanos()};
        long sum = Math.max(1, Arrays.stream(parts).sum());
        bar.getChildren().clear();
        for (int i = 0; i < parts.length; i++) {
            Region r = new Region();
            r.getStyleClass().addAll("stage", "stage-" + STAGES[i]);
            r.prefWidthProperty().bind(bar.widthProperty().multiply(parts[i] / (double) sum));
            r.setMinWidth(0);
            Tooltip.install(r, new Tooltip(String.format(Locale.ROOT, "%s %.2f ms", STAGES[i], parts[i] / 1e6)));
            bar.getChildren().add(r);
            legendLabels[i].setText(String.format(Locale.ROOT, "%s %s ms", STAGES[i], ms(parts[i] / 1e6)));
        }
        int n = vm.history().size();
        boolean embedded = t.embedNanos() > 0 || t.vectorNanos() > 0; // keyword mode embeds nothing
        summary.setText(String.format(Locale.ROOT, "last %s ms%s · P50 %s ms · P95 %s ms over %d %s",
                ms(t.totalMillis()), embedded ? (vm.lastCacheHitProperty().get() ? " (query embedding cached)"
                        : " (query embedded)") : "", ms(vm.p50Property().get()), ms(vm.p95Property().get()), n,
                n == 1 ? "search" : "searches"));
    }

    /** Milliseconds with as many digits as they need to be read: 0.42, 3.1, 12. */
    static String ms(double v) {
        return v < 1 ? String.format(Locale.ROOT, "%.2f", v) : v < 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.0f", v);
    }

    private void drawSpark(List<Double> values) {
        GraphicsContext g = spark.getGraphicsContext2D();
        double w = spark.getWidth();
        double h = spark.getHeight();
        g.clearRect(0, 0, w, h);
        if (values.size() < 2) {
            return;
        }
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        sparkMax.setText("max " + ms(max) + " ms");
        g.setStroke(ThemeColors.of("-color-accent-emphasis", Color.STEELBLUE));
        g.setLineWidth(1.5);
        g.beginPath();
        for (int i = 0; i < values.size(); i++) {
            double x = i * (w - 2) / (SearchViewModel.HISTORY - 1) + 1;
            double y = h - 2 - (values.get(i) / max) * (h - 4);
            if (i == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
    }
}
