package dev.skilldesk.ui.map;

import dev.skilldesk.map.MapImage;
import dev.skilldesk.map.Overlaps;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.ui.common.ThemeColors;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The semantic map: every skill a dot on one Canvas (not a node per point), coloured as chosen, the confusable
 * pairs as red lines, the request typed placed among its nearest skills with lines to them. Drag to pan, scroll to
 * zoom, Shift+drag to lasso (then tag, install or export the selection), hover for name and description, click to
 * open.
 */
public final class MapView extends BorderPane {
    /** What the view does with skills: open one, tag, install or export a selection. */
    public record Actions(Consumer<Skill> open, Consumer<List<Skill>> tag, Consumer<List<Skill>> install,
                          Consumer<List<Skill>> export) {
    }

    /** Groups whose meaning has a colour of the theme (passes is success, needs fixes is danger …). */
    private static final Map<String, String> MEANING = Map.of("passes", "-color-success-emphasis", "no findings",
            "-color-success-emphasis", "warnings", "-color-warning-emphasis", "warning", "-color-warning-emphasis",
            "needs fixes", "-color-danger-emphasis", "high", "-color-danger-emphasis", "never", "-color-fg-subtle",
            "not checked yet", "-color-fg-subtle", "no source", "-color-fg-subtle");

    private static Color theme(String name) {
        return ThemeColors.of(name, Color.GRAY);
    }

    private final MapViewModel vm;
    private final Canvas canvas = new Canvas();
    private final Label hover = new Label();
    private final Map<String, Color> colours = new HashMap<>();
    private double scale = 1;
    private double centreX;
    private double centreY;
    private boolean fitted;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private boolean dragged;
    private final List<double[]> lasso = new ArrayList<>();

    public MapView(MapViewModel vm, Actions actions) {
        this.vm = vm;
        setId("mapView");
        TextField request = new TextField();
        request.setId("mapQuery");
        request.setPromptText("Type a request: where does it land, and which skills compete for it?");
        HBox.setHgrow(request, Priority.ALWAYS);
        PauseTransition settle = new PauseTransition(Duration.millis(150));
        settle.setOnFinished(e -> vm.place(request.getText()));
        // the view model's request text: the Search tab's query arrives here too
        request.textProperty().bindBidirectional(vm.queryTextProperty());
        request.textProperty().addListener((o, a, b) -> settle.playFromStart());
        ComboBox<MapViewModel.ColourBy> colourBy = new ComboBox<>(FXCollections.observableArrayList(
                MapViewModel.ColourBy.values()));
        colourBy.setId("mapColourBy");
        colourBy.valueProperty().bindBidirectional(vm.colourByProperty());
        colourBy.setMinWidth(Region.USE_PREF_SIZE);
        colourBy.setPrefWidth(150); // the same width whatever is chosen
        Label colourLabel = new Label("Colour by");
        colourLabel.setMinWidth(Region.USE_PREF_SIZE);
        CheckBox pairs = new CheckBox("Confusable pairs");
        pairs.setId("mapShowPairs");
        pairs.setMinWidth(Region.USE_PREF_SIZE);
        pairs.selectedProperty().bindBidirectional(vm.showPairsProperty());
        Button fit = new Button("Fit", new FontIcon(Feather.MAXIMIZE));
        fit.setMinWidth(Region.USE_PREF_SIZE);
        fit.setOnAction(e -> {
            fit();
            draw();
        });
        HBox top = new HBox(8, request, colourLabel, colourBy, pairs, fit);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(8));

        Label selected = new Label();
        selected.setId("mapSelection");
        selected.textProperty().bind(Bindings.createStringBinding(() -> vm.selection().isEmpty()
                ? "Shift+drag round skills to select them" : vm.selection().size() + " selected", vm.selection()));
        Button tag = new Button("Tag…", new FontIcon(Feather.TAG));
        tag.setId("mapTag");
        tag.setOnAction(e -> actions.tag().accept(vm.selectedSkills()));
        Button install = new Button("Install…", new FontIcon(Feather.HARD_DRIVE));
        install.setOnAction(e -> actions.install().accept(vm.selectedSkills()));
        Button export = new Button("Export…", new FontIcon(Feather.UPLOAD));
        export.setOnAction(e -> actions.export().accept(vm.selectedSkills()));
        Button clear = new Button("Clear");
        clear.setOnAction(e -> vm.selection().clear());
        for (Button b : List.of(tag, install, export, clear)) {
            b.disableProperty().bind(Bindings.isEmpty(vm.selection()));
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Label hint = new Label("Drag to pan · scroll to zoom · click a skill to open it");
        hint.getStyleClass().add("text-muted");
        hint.setMinWidth(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        selected.setMinWidth(Region.USE_PREF_SIZE);
        HBox selectionBar = new HBox(8, selected, tag, install, export, clear, gap, hint);
        selectionBar.setAlignment(Pos.CENTER_LEFT);
        // the hint is shown whole or not at all: a narrow window drops it, never the selection's own words
        hint.managedProperty().bind(hint.visibleProperty());
        selectionBar.widthProperty().addListener((o, a, w) -> hint.setVisible(w.doubleValue()
                >= selected.prefWidth(-1) + List.of(tag, install, export, clear).stream().mapToDouble(b -> b.prefWidth(-1)).sum()
                + hint.prefWidth(-1) + 8 * 7 + 16));
        selectionBar.setPadding(new Insets(0, 8, 6, 8));
        setTop(new VBox(top, selectionBar));

        // the canvas fills what the side panel leaves; the hover label floats over it
        Pane stage = new Pane(canvas, hover);
        stage.setId("mapStage");
        stage.setMinSize(200, 200);
        canvas.widthProperty().bind(stage.widthProperty());
        canvas.heightProperty().bind(stage.heightProperty());
        canvas.widthProperty().addListener((o, a, b) -> draw());
        canvas.heightProperty().addListener((o, a, b) -> draw());
        hover.setId("mapHover");
        hover.getStyleClass().add("map-hover");
        hover.setWrapText(true);
        hover.setMaxWidth(380);
        hover.setMouseTransparent(true);
        hover.setVisible(false);
        Label empty = new Label();
        empty.getStyleClass().add("empty-state");
        empty.textProperty().bind(vm.statusProperty());
        empty.visibleProperty().bind(Bindings.isEmpty(vm.dots()));
        empty.layoutXProperty().bind(stage.widthProperty().subtract(empty.widthProperty()).divide(2));
        empty.layoutYProperty().bind(stage.heightProperty().divide(2));
        stage.getChildren().add(empty);
        installMouse(stage, actions);

        VBox legend = new VBox(4);
        legend.setId("mapLegend");
        Runnable showLegend = () -> {
            legend.getChildren().clear();
            Label head = new Label(vm.colourByProperty().get().toString());
            head.getStyleClass().add("title-4");
            legend.getChildren().add(head);
            vm.counts().forEach((g, n) -> {
                Label l = new Label(g + " (" + n + ")", new Circle(5, colour(g)));
                l.setMinWidth(Region.USE_PREF_SIZE);
                legend.getChildren().add(l);
            });
        };
        ListView<Overlaps.Pair> pairList = new ListView<>(vm.pairs());
        pairList.setId("mapPairs");
        pairList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Overlaps.Pair p, boolean emptyCell) {
                super.updateItem(p, emptyCell);
                setWrapText(true);
                setPrefWidth(0); // wrap to the list's width
                if (emptyCell || p == null) {
                    setText(null);
                    setTooltip(null);
                } else {
                    setText(String.format(Locale.ROOT, "%.2f  %s ~ %s", p.similarity(), short_(p.a()), short_(p.b())));
                    setTooltip(new Tooltip(p.a() + " ~ " + p.b() + "\nonly in the first: "
                            + String.join(", ", p.onlyA()) + "\nonly in the second: " + String.join(", ", p.onlyB())
                            + (p.requests().isEmpty() ? "" : "\nconfused by: " + String.join("; ", p.requests()))));
                }
            }
        });
        Label noPairs = new Label("No confusable pairs: every description stands apart.");
        noPairs.setWrapText(true);
        pairList.setPlaceholder(noPairs);
        pairList.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> {
            if (p != null) {
                vm.selection().setAll(vm.dots().stream().filter(d -> d.ref().equals(p.a()) || d.ref().equals(p.b())).toList());
            }
        });
        VBox.setVgrow(pairList, Priority.ALWAYS);
        Label pairsHead = new Label("Confusable skills");
        pairsHead.getStyleClass().add("title-4");
        VBox side = new VBox(10, legend, pairsHead, pairList);
        side.setPadding(new Insets(8));
        side.setPrefWidth(270);
        side.setMinWidth(230);
        setCenter(stage);
        setRight(side);

        Label landing = new Label();
        landing.setId("mapLanding");
        landing.setWrapText(true);
        landing.textProperty().bind(Bindings.createStringBinding(() -> MapViewModel.landing(vm.queryProperty().get()),
                vm.queryProperty()));
        Label status = new Label();
        status.setId("mapStatus");
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(vm.statusProperty());
        VBox bottom = new VBox(2, landing, status);
        bottom.setPadding(new Insets(4, 8, 6, 8));
        setBottom(bottom);

        vm.dots().addListener((ListChangeListener<MapViewModel.Dot>) c -> {
            dotsChanged = true;
            assignColours();
            if (!fitted) {
                fit();
            }
            showLegend.run();
            draw();
        });
        vm.colourByProperty().addListener((o, a, b) -> showLegend.run());
        vm.pairs().addListener((ListChangeListener<Overlaps.Pair>) c -> draw());
        vm.selection().addListener((ListChangeListener<MapViewModel.Dot>) c -> draw());
        vm.queryProperty().addListener((o, a, b) -> draw());
        vm.showPairsProperty().addListener((o, a, b) -> draw());
        showLegend.run();
    }

    private static String short_(String ref) {
        return ref.startsWith("default/") ? ref.substring("default/".length()) : ref;
    }

    private void assignColours() {
        colours.clear();
        int i = 0;
        for (String g : vm.groups()) {
            // a group that means something gets the theme's colour for it; the others the categorical palette
            colours.put(g, MEANING.containsKey(g) ? theme(MEANING.get(g)) : Color.rgb((MapImage.PALETTE[i % MapImage.PALETTE.length] >> 16) & 0xFF,
                    (MapImage.PALETTE[i % MapImage.PALETTE.length] >> 8) & 0xFF, MapImage.PALETTE[i % MapImage.PALETTE.length] & 0xFF));
            i += MEANING.containsKey(g) ? 0 : 1;
        }
    }

    private Color colour(String group) {
        if (colours.isEmpty()) {
            assignColours();
        }
        return colours.getOrDefault(group, theme("-color-fg-subtle"));
    }

    /** Zoom and centre so that every dot shows, with a margin. */
    public void fit() {
        List<MapViewModel.Dot> ds = vm.dots();
        if (ds.isEmpty() || canvas.getWidth() < 10) {
            return;
        }
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (MapViewModel.Dot d : ds) {
            minX = Math.min(minX, d.x());
            maxX = Math.max(maxX, d.x());
            minY = Math.min(minY, d.y());
            maxY = Math.max(maxY, d.y());
        }
        centreX = (minX + maxX) / 2;
        centreY = (minY + maxY) / 2;
        scale = 0.88 * Math.min(canvas.getWidth() / Math.max(1e-6, maxX - minX), canvas.getHeight() / Math.max(1e-6, maxY - minY));
        fitted = true;
    }

    double screenX(double x) {
        return (x - centreX) * scale + canvas.getWidth() / 2;
    }

    double screenY(double y) {
        return (y - centreY) * scale + canvas.getHeight() / 2;
    }

    /** Pans by a screen distance (a drag, or the test's). */
    public void panBy(double dx, double dy) {
        centreX -= dx / scale;
        centreY -= dy / scale;
        draw();
    }

    /** Where a skill's dot is on screen (scene coordinates), or null when it is not on the map. */
    public Point2D dotInScene(String ref) {
        for (MapViewModel.Dot d : vm.dots()) {
            if (d.ref().equals(ref)) {
                return canvas.localToScene(screenX(d.x()), screenY(d.y()));
            }
        }
        return null;
    }

    private void installMouse(Pane stage, Actions actions) {
        stage.setOnMousePressed(e -> {
            pressX = lastX = e.getX();
            pressY = lastY = e.getY();
            dragged = false;
            lasso.clear();
            if (e.isShiftDown()) {
                lasso.add(new double[] {e.getX(), e.getY()});
            }
        });
        stage.setOnMouseDragged(e -> {
            dragged |= Math.hypot(e.getX() - pressX, e.getY() - pressY) > 3;
            if (!lasso.isEmpty()) {
                lasso.add(new double[] {e.getX(), e.getY()});
                draw();
            } else if (e.getButton() == MouseButton.PRIMARY) {
                panBy(e.getX() - lastX, e.getY() - lastY);
            }
            lastX = e.getX();
            lastY = e.getY();
            hover.setVisible(false);
        });
        stage.setOnMouseReleased(e -> {
            if (!lasso.isEmpty()) {
                if (lasso.size() > 2) {
                    vm.selection().setAll(vm.dots().stream().filter(d -> inside(screenX(d.x()), screenY(d.y()))).toList());
                }
                lasso.clear();
                draw();
            } else if (!dragged && e.getButton() == MouseButton.PRIMARY) {
                MapViewModel.Dot d = nearest(e.getX(), e.getY());
                if (d != null) {
                    vm.selectedSkillsOf(List.of(d)).forEach(actions.open());
                }
            }
        });
        stage.setOnMouseMoved(this::showHover);
        stage.setOnMouseExited(e -> hover.setVisible(false));
        stage.setOnScroll(e -> {
            double f = Math.exp(e.getDeltaY() * 0.002);
            double wx = (e.getX() - canvas.getWidth() / 2) / scale + centreX;
            double wy = (e.getY() - canvas.getHeight() / 2) / scale + centreY;
            scale *= f;
            centreX = wx - (e.getX() - canvas.getWidth() / 2) / scale;
            centreY = wy - (e.getY() - canvas.getHeight() / 2) / scale;
            draw();
        });
    }

    private void showHover(MouseEvent e) {
        MapViewModel.Dot d = nearest(e.getX(), e.getY());
        if (d == null) {
            hover.setVisible(false);
            return;
        }
        hover.setText(d.name() + (d.description().isEmpty() ? "" : "\n" + d.description()));
        hover.setVisible(true);
        hover.applyCss();
        double w = Math.min(380, hover.prefWidth(-1));
        double h = hover.prefHeight(w);
        double x = e.getX() + 14 + w > canvas.getWidth() ? e.getX() - 14 - w : e.getX() + 14;
        double y = e.getY() + 14 + h > canvas.getHeight() ? e.getY() - 14 - h : e.getY() + 14;
        hover.resizeRelocate(Math.max(0, x), Math.max(0, y), w, h);
    }

    private MapViewModel.Dot nearest(double x, double y) {
        MapViewModel.Dot best = null;
        double bestD = 8 * 8;
        for (MapViewModel.Dot d : vm.dots()) {
            double dx = screenX(d.x()) - x;
            double dy = screenY(d.y()) - y;
            double dd = dx * dx + dy * dy;
            if (dd <= bestD) {
                bestD = dd;
                best = d;
            }
        }
        return best;
    }

    private boolean inside(double x, double y) {
        boolean in = false;
        for (int i = 0, j = lasso.size() - 1; i < lasso.size(); j = i++) {
            double[] a = lasso.get(i);
            double[] b = lasso.get(j);
            if ((a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0]) {
                in = !in;
            }
        }
        return in;
    }

    private Map<String, List<MapViewModel.Dot>> grouped = Map.of();
    private boolean dotsChanged = true;

    /** The dots by group, made again only when the dots change. */
    private Map<String, List<MapViewModel.Dot>> byGroup() {
        if (dotsChanged) {
            Map<String, List<MapViewModel.Dot>> m = new LinkedHashMap<>();
            for (MapViewModel.Dot d : vm.dots()) {
                m.computeIfAbsent(d.group(), k -> new ArrayList<>()).add(d);
            }
            grouped = m;
            dotsChanged = false;
        }
        return grouped;
    }

    /** Draws everything: pairs, dots, the selection, the request and its lines, the lasso. */
    public void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(theme("-color-bg-default"));
        g.fillRect(0, 0, w, h);
        List<MapViewModel.Dot> ds = vm.dots();
        if (ds.isEmpty()) {
            return;
        }
        Map<String, MapViewModel.Dot> byRef = new HashMap<>();
        if (vm.showPairsProperty().get() && !vm.pairs().isEmpty()) {
            ds.forEach(d -> byRef.put(d.ref(), d));
            g.setStroke(ThemeColors.of("-color-danger-emphasis", Color.RED, 0.55));
            g.setLineWidth(1.2);
            for (Overlaps.Pair p : vm.pairs()) {
                MapViewModel.Dot a = byRef.get(p.a());
                MapViewModel.Dot b = byRef.get(p.b());
                if (a != null && b != null) {
                    g.strokeLine(screenX(a.x()), screenY(a.y()), screenX(b.x()), screenY(b.y()));
                }
            }
        }
        boolean many = ds.size() > 2_000;
        double r = many ? 1.5 : ds.size() > 300 ? 3 : 4.5;
        // a colour at a time: one fill change per group, not per dot (the cost of a frame at 10,000 dots)
        for (Map.Entry<String, List<MapViewModel.Dot>> group : byGroup().entrySet()) {
            g.setFill(colour(group.getKey()));
            for (MapViewModel.Dot d : group.getValue()) {
                double x = screenX(d.x());
                double y = screenY(d.y());
                if (x < -r || y < -r || x > w + r || y > h + r) {
                    continue;
                }
                if (many) {
                    g.fillRect(x - r, y - r, 2 * r, 2 * r);
                } else {
                    g.fillOval(x - r, y - r, 2 * r, 2 * r);
                }
            }
        }
        if (ds.size() <= 400) { // a small library: dots say their names where there is room (never on top of another)
            g.setFill(theme("-color-fg-muted"));
            g.setFont(Font.font(11));
            for (Labels.Placed p : Labels.place(ds, this::screenX, this::screenY, r, w, h)) {
                g.fillText(p.text(), p.x(), p.y());
            }
        }
        if (!vm.selection().isEmpty()) {
            g.setStroke(theme("-color-accent-emphasis"));
            g.setLineWidth(2);
            for (MapViewModel.Dot d : vm.selection()) {
                g.strokeOval(screenX(d.x()) - r - 3, screenY(d.y()) - r - 3, 2 * r + 6, 2 * r + 6);
            }
        }
        MapViewModel.Query q = vm.queryProperty().get();
        if (q != null) {
            double qx = screenX(q.x());
            double qy = screenY(q.y());
            g.setStroke(theme("-color-chart-5"));
            g.setLineWidth(1.5);
            g.setLineDashes(5, 4);
            for (MapViewModel.Dot d : q.hits()) {
                g.strokeLine(qx, qy, screenX(d.x()), screenY(d.y()));
            }
            g.setLineDashes();
            g.setFill(theme("-color-chart-5"));
            g.fillPolygon(new double[] {qx, qx + 7, qx, qx - 7}, new double[] {qy - 7, qy, qy + 7, qy}, 4);
            g.setFill(theme("-color-chart-5"));
            g.setFont(Font.font(null, FontWeight.BOLD, 12));
            String label = q.text().length() > 40 ? q.text().substring(0, 39) + "…" : q.text();
            Text measure = new Text(label);
            measure.setFont(g.getFont());
            double tw = measure.getLayoutBounds().getWidth();
            g.fillText(label, qx + 10 + tw > w - 4 ? Math.max(4, qx - 10 - tw) : qx + 10, Math.max(14, qy - 8));
        }
        if (lasso.size() > 1) {
            g.setStroke(theme("-color-accent-emphasis"));
            g.setLineWidth(1);
            g.setLineDashes(4, 3);
            g.beginPath();
            g.moveTo(lasso.get(0)[0], lasso.get(0)[1]);
            for (double[] p : lasso) {
                g.lineTo(p[0], p[1]);
            }
            g.stroke();
            g.setLineDashes();
        }
    }
}
