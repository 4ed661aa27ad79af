package dev.skilldesk.cli;

import dev.skilldesk.skill.SkillRef;
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

    @Option(names = "--top", defaultValue = "10", description = "How many of the most used skills to list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print JSON instead of text.")
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
            root.out.printf("Activations %s .. %s: %d, %s, tokens loaded %d%n", first, last,
                    s.activations(), outcomes(s.successes(), s.failures(), s.unknown()), s.tokensLoaded());
            root.out.println("\nTop skills:");
            s.topSkills().forEach(c -> root.out.printf("  %-40s %6d  %s%n",
                    SkillRef.of(c.namespace(), c.name()), c.activations(), outcomes(c.successes(), c.failures(), c.unknown())));
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

    /** "75.0% ok of 4 reported, 2 unknown": the rate is over reported outcomes only. */
    static String outcomes(long successes, long failures, long unknown) {
        long reported = successes + failures;
        String rate = reported == 0 ? "no outcome reported"
                : String.format(java.util.Locale.ROOT, "%.1f%% ok of %d reported", 100.0 * successes / reported, reported);
        return rate + (unknown > 0 ? ", " + unknown + " unknown" : "");
    }
}
