package dev.skilldesk.ui.analytics;

import dev.skilldesk.analytics.ActivationStats;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.layout.Region;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import javafx.util.converter.LocalDateStringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Activations per day, the top skills with their successes and failures, layers, agents and personas over a
 * range. Counts are whole numbers on every axis; dates are ISO; with no activations in the range the view
 * says how they arrive instead of drawing empty axes.
 */
public final class AnalyticsView extends BorderPane {
    private final BarChart<String, Number> perDay = new BarChart<>(new CategoryAxis(), countAxis());
    private final StackedBarChart<Number, String> topSkills = new StackedBarChart<>(countAxis(), new CategoryAxis());
    private final BarChart<String, Number> layers = new BarChart<>(new CategoryAxis(), countAxis());
    private final BarChart<String, Number> agents = new BarChart<>(new CategoryAxis(), countAxis());
    private final BarChart<String, Number> personas = new BarChart<>(new CategoryAxis(), countAxis());
    private final Label headline = new Label();
    private final GridPane grid = new GridPane();
    private final VBox emptyState;

    public AnalyticsView(AnalyticsViewModel vm) {
        getStyleClass().add("analytics-view");
        DatePicker from = new DatePicker();
        DatePicker to = new DatePicker();
        for (DatePicker d : new DatePicker[] {from, to}) {
            d.setConverter(new LocalDateStringConverter(
                    DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ISO_LOCAL_DATE));
            d.setPrefWidth(150); // yyyy-mm-dd whole, beside the calendar button
            d.setMinWidth(Region.USE_PREF_SIZE);
        }
        from.valueProperty().bindBidirectional(vm.fromProperty());
        to.valueProperty().bindBidirectional(vm.toProperty());
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
        Label live = new Label("updates as activations arrive");
        live.getStyleClass().add("text-muted");
        HBox bar = new HBox(8, new Label("From"), from, new Label("to"), to, csv, live);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));

        perDay.setTitle("Activations per day");
        topSkills.setTitle("Top skills");
        layers.setTitle("Layers loaded");
        agents.setTitle("Per agent");
        personas.setTitle("Per persona");
        for (XYChart<?, ?> c : new XYChart<?, ?>[] {perDay, topSkills, layers, agents, personas}) {
            c.setAnimated(false);
            c.setLegendVisible(c == topSkills);
        }
        perDay.setCategoryGap(2);

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
        Label emptyTitle = new Label("No activations in this range");
        emptyTitle.getStyleClass().add("title-4");
        Label empty = new Label("An activation is an agent loading a skill. They arrive from skilldesk mcp (an agent"
                + " reading skills through MCP), skilldesk log-activation, or skilldesk import-history (Claude"
                + " Code's own history), and show here as they do: no refresh needed.");
        empty.setWrapText(true);
        empty.setMaxWidth(560);
        emptyState = new VBox(8, emptyTitle, empty);
        emptyState.setId("analyticsEmpty");
        emptyState.setAlignment(Pos.CENTER);
        emptyState.getStyleClass().add("empty-state");
        setTop(new VBox(bar, new HBox(headline)));
        ((HBox) ((VBox) getTop()).getChildren().get(1)).setPadding(new Insets(0, 8, 0, 8));
        setCenter(emptyState);
        vm.summaryProperty().addListener((o, a, b) -> show(b));
        if (vm.summaryProperty().get() != null) {
            show(vm.summaryProperty().get()); // built after a load (the tab's view is made when first shown)
        }
    }

    /** A count axis: from 0, whole numbers only, about five ticks. */
    private static NumberAxis countAxis() {
        NumberAxis a = new NumberAxis();
        a.setMinorTickVisible(false);
        a.setForceZeroInRange(true);
        a.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue();
                return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : "";
            }

            @Override
            public Number fromString(String s) {
                return Long.parseLong(s.replace(",", ""));
            }
        });
        return a;
    }

    /** Sets an axis to 0..a round number above {@code max} with whole-number ticks. */
    static void scale(NumberAxis a, long max) {
        long unit = tickUnit(max);
        a.setAutoRanging(false);
        a.setLowerBound(0);
        a.setUpperBound(unit * (max / unit + 1)); // a little room above the tallest bar
        a.setTickUnit(unit);
    }

    /** The smallest of 1, 2, 5, 10, 20, 25, 50, 100, … that gives at most about five ticks up to {@code max}. */
    static long tickUnit(long max) {
        for (long decade = 1; ; decade *= 10) {
            for (long step : new long[] {1, 2, 5}) {
                long unit = step * decade;
                if (max / unit < 6) {
                    return unit;
                }
            }
            if (decade > Long.MAX_VALUE / 100) {
                return decade;
            }
        }
    }

    /** "12 activations · 75.0% successful of 8 reported · 4 unknown · 1,234 tokens loaded". */
    static String headline(ActivationStats.Summary s) {
        String plural = s.activations() == 1 ? "" : "s";
        if (s.activations() == 0) {
            return "No activations in this range yet";
        }
        String outcome = s.reported() == 0 ? "no outcome reported"
                : String.format(Locale.ROOT, "%.1f%% successful of %d reported", 100 * s.successRate(), s.reported());
        // with nothing reported, "no outcome reported" already says every one is unknown
        String unknown = s.unknown() > 0 && s.reported() > 0 ? " · " + s.unknown() + " unknown" : "";
        return String.format(Locale.ROOT, "%d activation%s · %s%s · %,d tokens loaded", s.activations(), plural, outcome,
                unknown, s.tokensLoaded());
    }

    private void show(ActivationStats.Summary s) {
        if (s == null) {
            return;
        }
        headline.setText(headline(s));
        // with none, the empty state says so (and what an activation is): the headline does not say it twice
        headline.setVisible(s.activations() > 0);
        headline.setManaged(s.activations() > 0);
        setCenter(s.activations() == 0 ? emptyState : grid);
        // every day of the range, the quiet ones too, so the bars keep their place in time
        Map<String, Long> byDay = new LinkedHashMap<>();
        LocalDate first = LocalDate.ofInstant(s.from(), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(s.to().minusMillis(1), ZoneOffset.UTC);
        for (LocalDate d = first; !d.isAfter(last) && byDay.size() < 366; d = d.plusDays(1)) {
            byDay.put(d.toString(), 0L);
        }
        s.perDay().forEach(c -> byDay.merge(c.key(), c.count(), Long::sum));
        XYChart.Series<String, Number> days = new XYChart.Series<>();
        byDay.forEach((day, n) -> days.getData().add(new XYChart.Data<>(day, n)));
        perDay.getData().setAll(List.of(days));
        scale((NumberAxis) perDay.getYAxis(), byDay.values().stream().mapToLong(Long::longValue).max().orElse(0));

        var skills = new ArrayList<>(s.topSkills());
        Collections.reverse(skills); // the biggest bar on top
        XYChart.Series<Number, String> ok = new XYChart.Series<>();
        ok.setName("succeeded");
        XYChart.Series<Number, String> failed = new XYChart.Series<>();
        failed.setName("failed");
        XYChart.Series<Number, String> unknown = new XYChart.Series<>();
        unknown.setName("not reported");
        for (ActivationStats.SkillCount c : skills) {
            ok.getData().add(new XYChart.Data<>(c.successes(), c.name()));
            failed.getData().add(new XYChart.Data<>(c.failures(), c.name()));
            unknown.getData().add(new XYChart.Data<>(c.unknown(), c.name()));
        }
        ((CategoryAxis) topSkills.getYAxis()).getCategories().setAll(skills.stream().map(ActivationStats.SkillCount::name).distinct().toList());
        topSkills.getData().setAll(List.of(ok, failed, unknown));
        scale((NumberAxis) topSkills.getXAxis(), skills.stream().mapToLong(ActivationStats.SkillCount::activations).max().orElse(0));

        XYChart.Series<String, Number> ls = new XYChart.Series<>();
        String[] names = {"", "L1 listing", "L2 instructions", "L3 everything"};
        s.perLayer().forEach((l, n) -> ls.getData().add(new XYChart.Data<>(l >= 1 && l <= 3 ? names[l] : "layer " + l, n)));
        layers.getData().setAll(List.of(ls));
        scale((NumberAxis) layers.getYAxis(), s.perLayer().values().stream().mapToLong(Long::longValue).max().orElse(0));
        XYChart.Series<String, Number> ag = new XYChart.Series<>();
        s.perAgent().forEach(c -> ag.getData().add(new XYChart.Data<>(c.key(), c.count())));
        agents.getData().setAll(List.of(ag));
        scale((NumberAxis) agents.getYAxis(), s.perAgent().stream().mapToLong(ActivationStats.Count::count).max().orElse(0));
        XYChart.Series<String, Number> ps = new XYChart.Series<>();
        s.perPersona().forEach(c -> ps.getData().add(new XYChart.Data<>(c.key(), c.count())));
        personas.getData().setAll(List.of(ps));
        scale((NumberAxis) personas.getYAxis(), s.perPersona().stream().mapToLong(ActivationStats.Count::count).max().orElse(0));
    }
}
