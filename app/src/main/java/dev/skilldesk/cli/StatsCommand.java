package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.analytics.ActivationStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;

@Command(name = "stats", description = "Activation analytics over a date range (UTC days).")
final class StatsCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Option(names = "--from", description = "First day, YYYY-MM-DD (default: 30 days ago).")
    LocalDate from;

    @Option(names = "--to", description = "Last day, YYYY-MM-DD (default: today).")
    LocalDate to;

    @Option(names = "--top", defaultValue = "10")
    int top;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() {
        LocalDate last = to != null ? to : LocalDate.now(ZoneOffset.UTC);
        LocalDate first = from != null ? from : last.minusDays(29);
        Instant start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        try (SkillDeskCore core = root.open()) {
            ActivationStats.Summary s = core.stats().summary(root.principal(), start, end, top);
            if (json) {
                root.out.println(Json.write(s));
                return ExitCodes.OK;
            }
            root.out.printf("Activations %s .. %s: %d, success %.1f%%, tokens loaded %d%n", first, last,
                    s.activations(), 100 * s.successRate(), s.tokensLoaded());
            root.out.println("\nTop skills:");
            s.topSkills().forEach(c -> root.out.printf("  %-40s %6d  %5.1f%% ok%n",
                    c.namespace() + "/" + c.name(), c.activations(), 100 * c.successRate()));
            root.out.println("\nPer agent:");
            s.perAgent().forEach(c -> root.out.printf("  %-40s %6d%n", c.key(), c.count()));
            root.out.println("\nPer persona:");
            s.perPersona().forEach(c -> root.out.printf("  %-40s %6d%n", c.key(), c.count()));
            root.out.println("\nLayers loaded:");
            s.perLayer().forEach((l, n) -> root.out.printf("  layer %d %6d%n", l, n));
            root.out.println("\nPer day:");
            s.perDay().stream().filter(c -> c.count() > 0)
                    .forEach(c -> root.out.printf("  %s %6d%n", c.key(), c.count()));
        }
        return ExitCodes.OK;
    }
}
