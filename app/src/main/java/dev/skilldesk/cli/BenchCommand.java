package dev.skilldesk.cli;

import dev.skilldesk.bench.BenchOptions;
import dev.skilldesk.bench.BenchReport;
import dev.skilldesk.bench.Benchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "bench", description = {
        "Benchmark whole flows on fresh synthetic libraries in temporary folders (your library is not touched):"
                + " gets, layers, vector search (exact, graph, Chroma), end-to-end search, activation logging,"
                + " creation until searchable, bulk import, concurrent searches, memory.",
        "Prints a markdown table with P50/P95/P99, throughput and the goals; exit 3 if activation rows were lost."})
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Option(names = "--sizes", split = ",", paramLabel = "N[,N…]",
            description = "Library sizes (default 1000,10000,100000; 1000 with --quick). 0 for none (only the"
                    + " crossover sweep).")
    List<Integer> sizes;

    @Option(names = "--quick", description = "Size 1,000 only, fewer iterations, no crossover sweep (for CI).")
    boolean quick;

    @Option(names = "--out", paramLabel = "FILE.md", description = "Also write the markdown report here.")
    Path out;

    @Option(names = "--json", paramLabel = "FILE.json", description = "Also write the results as JSON here.")
    Path json;

    @Option(names = "--no-chroma", description = "Do not start a Chroma server to compare against.")
    boolean noChroma;

    @Option(names = "--crossover-sizes", split = ",", paramLabel = "N[,N…]",
            description = "Vector counts for the exact-versus-graph sweep (default 10000,25000,50000,100000;"
                    + " none with --quick). 0 for none.")
    List<Integer> crossoverSizes;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic corpus (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--desktop", description = "Measure the desktop app instead: the built app image's launcher and its"
            + " CLI as separate processes (launch to window mapped under a private Xvfb, memory, the .deb's size, a cold"
            + " CLI search, the MCP server's start, the indexer's throughput); medians and ranges.")
    boolean desktop;

    @Option(names = "--app", paramLabel = "LAUNCHER", description = "With --desktop: the app image's launcher (default:"
            + " target/installer/skilldesk/bin/skilldesk, else /opt/skilldesk/bin/skilldesk).")
    Path app;

    @Option(names = "--deb", paramLabel = "FILE.deb", description = "With --desktop: the installer to size (default: the"
            + " one in target/installer/).")
    Path deb;

    @Option(names = "--corpus", paramLabel = "DIR", description = "With --desktop: the skills the memory-after-use row"
            + " imports in the window (default: ../shared/corpus when there, else 155 generated).")
    Path corpus;

    @Option(names = "--runs", defaultValue = "5", description = "With --desktop: runs of each row (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--threads", defaultValue = "16",
            description = "Thread pool for the concurrent searches (default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (desktop) {
            return desktop();
        }
        BenchOptions d = BenchOptions.defaults(quick, !noChroma, "");
        List<Integer> cross = crossoverSizes == null ? d.crossoverSizes()
                : crossoverSizes.stream().filter(s -> s > 0).toList();
        BenchOptions options = new BenchOptions(sizes == null ? d.sizes() : sizes.stream().filter(s -> s > 0).toList(),
                quick, !noChroma, cross, seed,
                threads, commandLine());
        BenchReport report = Benchmark.run(options, root.err);
        String md = report.toMarkdown();
        root.out.print(md);
        root.out.flush();
        if (out != null) {
            write(out, md);
        }
        if (json != null) {
            write(json, report.toJsonText());
        }
        boolean lost = report.rows().stream().anyMatch(r -> r.key().equals("activation.lost")
                && (r.value() == null || r.value() != 0));
        return lost ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    private int desktop() throws Exception {
        Path launcher = app != null ? app : Files.isExecutable(Path.of("target/installer/skilldesk/bin/skilldesk"))
                ? Path.of("target/installer/skilldesk/bin/skilldesk") : Path.of("/opt/skilldesk/bin/skilldesk");
        if (!Files.isExecutable(launcher)) {
            root.err.println("skilldesk bench --desktop: no app image at " + launcher + " (build it: bash packaging/build-installer.sh)");
            return ExitCodes.USAGE;
        }
        Path installer = deb;
        if (installer == null && Files.isDirectory(Path.of("target/installer"))) {
            try (var files = Files.list(Path.of("target/installer"))) {
                installer = files.filter(f -> f.toString().endsWith(".deb")).findFirst().orElse(null);
            }
        }
        var rows = dev.skilldesk.bench.DesktopBench.run(launcher.toAbsolutePath(), installer, Math.max(1, runs), root.err,
                corpus);
        String md = dev.skilldesk.bench.DesktopBench.markdown(rows, dev.skilldesk.bench.MachineInfo.describe()
                .get("cores") + " cores, " + dev.skilldesk.bench.MachineInfo.describe().get("cpu"))
                + "\nCommand: `skilldesk bench --desktop --app " + launcher + " --runs " + runs + "`\n";
        root.out.print(md);
        root.out.flush();
        if (out != null) {
            write(out, md);
        }
        return ExitCodes.OK;
    }

    private static void write(Path file, String text) throws java.io.IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private String commandLine() {
        List<String> parts = new ArrayList<>(List.of("skilldesk", "bench"));
        if (quick) {
            parts.add("--quick");
        }
        if (sizes != null) {
            parts.add("--sizes");
            parts.add(String.join(",", sizes.stream().map(String::valueOf).toList()));
        }
        if (crossoverSizes != null) {
            parts.add("--crossover-sizes");
            parts.add(String.join(",", crossoverSizes.stream().map(String::valueOf).toList()));
        }
        if (noChroma) {
            parts.add("--no-chroma");
        }
        if (seed != 42) {
            parts.add("--seed");
            parts.add(Long.toString(seed));
        }
        if (threads != 16) {
            parts.add("--threads");
            parts.add(Integer.toString(threads));
        }
        if (out != null) {
            parts.add("--out");
            parts.add(out.toString());
        }
        if (json != null) {
            parts.add("--json");
            parts.add(json.toString());
        }
        return String.join(" ", parts);
    }
}
