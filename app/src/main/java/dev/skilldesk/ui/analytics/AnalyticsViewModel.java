package dev.skilldesk.ui.analytics;

import dev.skilldesk.analytics.ActivationStats;
import dev.skilldesk.library.Activations;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.ui.common.DialogService;
import dev.skilldesk.ui.common.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Activation analytics over a chosen range of days, and its export as CSV. */
public final class AnalyticsViewModel {
    private final ActivationStats stats;
    private final Activations activations;
    private final Principal me;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>(LocalDate.now(ZoneOffset.UTC).minusDays(29));
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>(LocalDate.now(ZoneOffset.UTC));
    private final ObjectProperty<ActivationStats.Summary> summary = new SimpleObjectProperty<>();

    public AnalyticsViewModel(ActivationStats stats, Activations activations, Principal me, TaskExecutor executor, DialogService dialogs) {
        this.stats = stats;
        this.activations = activations;
        this.me = me;
        this.executor = executor;
        this.dialogs = dialogs;
    }

    public void reload() {
        Instant start = from.get().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.get().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (!end.isAfter(start)) {
            dialogs.showError("Check the dates", "The first day must not be after the last.");
            return;
        }
        executor.run("Loading analytics", () -> {
            activations.flush(); // what was logged a moment ago belongs in the chart
            return stats.summary(me, start, end, 10);
        }, summary::set, e -> dialogs.showError("Could not load analytics", e.getMessage()));
    }

    /** Writes the range's numbers as CSV: one section per breakdown. */
    public void exportCsv(Path file) {
        ActivationStats.Summary s = summary.get();
        if (s == null) {
            return;
        }
        executor.run("Exporting CSV", () -> {
            Files.write(file, csv(s), StandardCharsets.UTF_8);
            return file;
        }, f -> dialogs.notify("Analytics written to " + f), e -> dialogs.showError("Export failed", e.getMessage()));
    }

    static List<String> csv(ActivationStats.Summary s) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("section,key,activations,successes,failures,unknown,tokens");
        s.perDay().forEach(c -> lines.add("day," + c.key() + "," + c.count() + ",,,,"));
        s.topSkills().forEach(c -> lines.add("skill," + q(SkillRef.of(c.namespace(), c.name()).toString()) + "," + c.activations() + ","
                + c.successes() + "," + c.failures() + "," + c.unknown() + "," + c.tokens()));
        s.perAgent().forEach(c -> lines.add("agent," + q(c.key()) + "," + c.count() + ",,,,"));
        s.perPersona().forEach(c -> lines.add("persona," + q(c.key()) + "," + c.count() + ",,,,"));
        s.perLayer().forEach((l, n) -> lines.add("layer," + l + "," + n + ",,,,"));
        lines.add(String.format(Locale.ROOT, "total,all,%d,%d,%d,%d,%d", s.activations(), s.successes(), s.failures(),
                s.unknown(), s.tokensLoaded()));
        return lines;
    }

    private static String q(String v) {
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public ObjectProperty<ActivationStats.Summary> summaryProperty() {
        return summary;
    }
}
