package dev.skilldesk.ui.search;

import dev.skilldesk.search.SearchTimings;
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

import java.util.List;
import java.util.Locale;

/** The live latency readout: last query's stages as a bar, rolling P50/P95, a sparkline of the last 100. */
final class LatencyReadout extends VBox {
    private static final String[] STAGES = {"embed", "vector", "keyword", "fusion", "fetch", "access"};
    private final HBox bar = new HBox();
    private final HBox legend = new HBox(10);
    private final Label summary = new Label("No query yet");
    private final Canvas spark = new Canvas(220, 36);
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
            legend.getChildren().add(l);
        }
        HBox top = new HBox(12, summary, new Region(), spark);
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
        long sum = Math.max(1, java.util.Arrays.stream(parts).sum());
        bar.getChildren().clear();
        for (int i = 0; i < parts.length; i++) {
            Region r = new Region();
            r.getStyleClass().addAll("stage", "stage-" + STAGES[i]);
            r.prefWidthProperty().bind(bar.widthProperty().multiply(parts[i] / (double) sum));
            r.setMinWidth(0);
            Tooltip.install(r, new Tooltip(String.format(Locale.ROOT, "%s %.2f ms", STAGES[i], parts[i] / 1e6)));
            bar.getChildren().add(r);
        }
        summary.setText(String.format(Locale.ROOT, "last %.1f ms (%s) · P50 %.1f ms · P95 %.1f ms over %d queries",
                t.totalMillis(), vm.lastCacheHitProperty().get() ? "embedding cache hit" : "cache miss",
                vm.p50Property().get(), vm.p95Property().get(), vm.history().size()));
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
        g.setStroke(Color.web("#0969da"));
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
