package dev.skilldesk.ui.analytics;

import dev.skilldesk.analytics.ActivationStats;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.PieChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.util.Locale;

/** Activations per day, top skills, success rate, layers, tokens, agents and personas over a range. */
public final class AnalyticsView extends BorderPane {
    private final LineChart<String, Number> perDay = new LineChart<>(new CategoryAxis(), new NumberAxis());
    private final BarChart<Number, String> topSkills = new BarChart<>(new NumberAxis(), new CategoryAxis());
    private final PieChart layers = new PieChart();
    private final BarChart<String, Number> agents = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final BarChart<String, Number> personas = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final Label headline = new Label();

    public AnalyticsView(AnalyticsViewModel vm) {
        DatePicker from = new DatePicker();
        DatePicker to = new DatePicker();
        from.valueProperty().bindBidirectional(vm.fromProperty());
        to.valueProperty().bindBidirectional(vm.toProperty());
        Button refresh = new Button("Refresh", new FontIcon(Feather.REFRESH_CW));
        refresh.setId("analyticsRefresh");
        refresh.setOnAction(e -> vm.reload());
        Button csv = new Button("Export CSV…", new FontIcon(Feather.FILE_TEXT));
        csv.disableProperty().bind(vm.summaryProperty().isNull());
        csv.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setInitialFileName("skilldesk-activations.csv");
            File f = fc.showSaveDialog(getScene().getWindow());
            if (f != null) {
                vm.exportCsv(f.toPath());
            }
        });
        from.valueProperty().addListener((o, a, b) -> vm.reload());
        to.valueProperty().addListener((o, a, b) -> vm.reload());
        headline.setId("analyticsHeadline");
        headline.getStyleClass().add("title-4");
        HBox bar = new HBox(8, new Label("From"), from, new Label("to"), to, refresh, csv);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));

        perDay.setTitle("Activations per day");
        perDay.setLegendVisible(false);
        perDay.setCreateSymbols(false);
        perDay.setAnimated(false);
        topSkills.setTitle("Top skills");
        topSkills.setLegendVisible(false);
        topSkills.setAnimated(false);
        layers.setTitle("Layers loaded");
        layers.setAnimated(false);
        layers.setLabelsVisible(true);
        agents.setTitle("Per agent");
        agents.setLegendVisible(false);
        agents.setAnimated(false);
        personas.setTitle("Per persona");
        personas.setLegendVisible(false);
        personas.setAnimated(false);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(8));
        grid.add(perDay, 0, 0, 2, 1);
        grid.add(topSkills, 2, 0);
        grid.add(layers, 0, 1);
        grid.add(agents, 1, 1);
        grid.add(personas, 2, 1);
        for (var c : grid.getChildren()) {
            GridPane.setHgrow(c, Priority.ALWAYS);
            GridPane.setVgrow(c, Priority.ALWAYS);
        }
        Label empty = new Label("No activations in this range yet. They arrive when agents load skills through "
                + "`skilldesk mcp`, `skilldesk log-activation`, or an imported Claude Code history.");
        empty.getStyleClass().add("empty-state");
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.summaryProperty().get() != null && vm.summaryProperty().get().activations() == 0, vm.summaryProperty()));
        empty.managedProperty().bind(empty.visibleProperty());
        setTop(new VBox(bar, new HBox(headline), empty));
        ((HBox) ((VBox) getTop()).getChildren().get(1)).setPadding(new Insets(0, 8, 0, 8));
        setCenter(grid);
        vm.summaryProperty().addListener((o, a, b) -> show(b));
    }

    /** "12 activations · 75.0% successful of 8 reported · 4 unknown · 1,234 tokens loaded". */
    static String headline(ActivationStats.Summary s) {
        String plural = s.activations() == 1 ? "" : "s";
        if (s.activations() == 0) {
            return "No activations in this range yet";
        }
        String outcome = s.reported() == 0 ? "no outcome reported"
                : String.format(Locale.ROOT, "%.1f%% successful of %d reported", 100 * s.successRate(), s.reported());
        return String.format(Locale.ROOT, "%d activation%s · %s%s · %,d tokens loaded", s.activations(), plural, outcome,
                s.unknown() > 0 ? " · " + s.unknown() + " unknown" : "", s.tokensLoaded());
    }

    private void show(ActivationStats.Summary s) {
        if (s == null) {
            return;
        }
        headline.setText(headline(s));
        XYChart.Series<String, Number> days = new XYChart.Series<>();
        s.perDay().forEach(c -> days.getData().add(new XYChart.Data<>(c.key().substring(5), c.count())));
        perDay.getData().setAll(days);
        XYChart.Series<Number, String> top = new XYChart.Series<>();
        var skills = new java.util.ArrayList<>(s.topSkills());
        java.util.Collections.reverse(skills); // the biggest bar on top
        skills.forEach(c -> top.getData().add(new XYChart.Data<>(c.activations(), c.name())));
        topSkills.getData().setAll(top);
        layers.getData().clear();
        s.perLayer().forEach((l, n) -> layers.getData().add(new PieChart.Data("layer " + l + " (" + n + ")", n)));
        XYChart.Series<String, Number> ag = new XYChart.Series<>();
        s.perAgent().forEach(c -> ag.getData().add(new XYChart.Data<>(c.key(), c.count())));
        agents.getData().setAll(ag);
        XYChart.Series<String, Number> ps = new XYChart.Series<>();
        s.perPersona().forEach(c -> ps.getData().add(new XYChart.Data<>(c.key(), c.count())));
        personas.getData().setAll(ps);
    }
}
