package dev.skilldesk.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What a user of the desktop app feels, measured on the built app image and its CLI as separate processes
 * ({@code bench --desktop}): launch to the window mapped (the X window with the app's title appears, seen by
 * xwininfo under a private Xvfb), resident memory (VmRSS of the process) at fixed points, the installer's size,
 * a cold CLI search (wall and peak RSS), the MCP server from spawn to its initialize answer and its first search
 * answer, and the indexer's throughput from the CLI. Several runs each; medians and ranges.
 */
public final class DesktopBench {
    /** A row: what, the median and range of its runs, the unit, and the goal. */
    public record Row(String what, double median, double min, double max, int runs, String unit, String goal,
                      Boolean met, String note) {
    }

    private final Path launcher;
    private final Path corpus;
    private final Path deb;
    private final int runs;
    private final PrintWriter progress;
    private final Path work;
    private final List<Row> rows = new ArrayList<>();
    private final String display;
    private Process xvfb;

    private DesktopBench(Path launcher, Path deb, int runs, PrintWriter progress, Path corpus) throws IOException {
        this.corpus = corpus;
        this.launcher = launcher;
        this.deb = deb;
        this.runs = runs;
        this.progress = progress;
        this.work = Files.createTempDirectory("skilldesk-desktop-bench-");
        this.display = ":" + (90 + (int) (ProcessHandle.current().pid() % 9));
    }

    public static List<Row> run(Path launcher, Path deb, int runs, PrintWriter progress)
            throws IOException, InterruptedException {
        return run(launcher, deb, runs, progress, null);
    }

    /** @param corpus the folder of skills the "hour's use" row imports (null: the project's corpus, or generated) */
    public static List<Row> run(Path launcher, Path deb, int runs, PrintWriter progress, Path corpus)
            throws IOException, InterruptedException {
        DesktopBench b = new DesktopBench(launcher, deb, runs, progress, corpus);
        try {
            b.startXvfb();
            b.all();
        } finally {
            b.stopXvfb();
            dev.skilldesk.library.Importer.deleteTree(b.work);
        }
        return b.rows;
    }

    private void all() throws IOException, InterruptedException {
        installer();
        Path small = work.resolve("small");
        cli(small, "list"); // a new library: the starter skills (5)
        cli(small, "reindex"); // embedded, as a library is after its first start
        launch(small);
        firstSearch(small);
        panning(small);
        coldSearch(small);
        mcp(small);
        Path corpus = work.resolve("corpus-1000");
        cli(work.resolve("scratch"), "generate-corpus", "--size", "1000", "--out", corpus.toString());
        indexer(corpus);
        indexerInWindow(corpus);
        memoryAfterUse();
        idleAtTenThousand();
    }

    /** The folder of real skills the "hour's use" row imports: --corpus, else the project's, else 155 generated. */
    private Path useCorpus() throws IOException, InterruptedException {
        if (corpus != null && Files.isDirectory(corpus)) {
            return corpus;
        }
        Path shared = Path.of("../shared/corpus").toAbsolutePath().normalize();
        if (Files.isDirectory(shared)) {
            return shared;
        }
        Path generated = work.resolve("corpus-155");
        cli(work.resolve("scratch"), "generate-corpus", "--size", "155", "--out", generated.toString());
        return generated;
    }

    // ---- the rows ----------------------------------------------------------------------------

    private void installer() throws IOException, InterruptedException {
        if (deb == null || !Files.isRegularFile(deb)) {
            rows.add(new Row(".deb size", Double.NaN, Double.NaN, Double.NaN, 0, "MB", "≤ 60 MB", null, "no .deb given"));
            return;
        }
        double mb = Files.size(deb) / 1e6;
        String installed = output(List.of("dpkg-deb", "-f", deb.toString(), "Installed-Size")).strip();
        double installedMb = installed.isEmpty() ? Double.NaN : Long.parseLong(installed) / 1024.0;
        rows.add(new Row(".deb size (installed size " + String.format(Locale.ROOT, "%.0f MB", installedMb) + ")",
                mb, mb, mb, 1, "MB", "≤ 60 MB", mb <= 60, null));
    }

    private void launch(Path data) throws IOException, InterruptedException {
        say("launch to window mapped, and memory 8 s after start (" + runs + " runs)");
        double[] mapped = new double[runs];
        double[] rss = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            Process p = start(command(data, "--home", work.resolve("home").toString()), true);
            mapped[r] = waitForWindow(p, t0, 60_000);
            long elapsed = (System.nanoTime() - t0) / 1_000_000;
            Thread.sleep(Math.max(0, 8_000 - elapsed));
            rss[r] = rssMb(p.pid(), "VmRSS");
            stop(p);
        }
        rows.add(row("installed app: launch to window mapped (5 skills, Xvfb)", mapped, "s", "≤ 0.5 s", 0.5));
        rows.add(row("installed app: resident memory 8 s after start, 5 skills", rss, "MB", "≤ 200 MB", 200));
    }

    /** The Map view's longest frame while it pans 10,000 points, in the app itself (not the test toolkit). */
    private void panning(Path data) throws IOException, InterruptedException {
        say("the Map view: frame time while panning 10,000 points (" + Math.max(1, runs / 2) + " runs)");
        double[] pulse = new double[Math.max(1, runs / 2)];
        for (int r = 0; r < pulse.length; r++) {
            String out = appLine(data, "--bench-pan", 60);
            // the frame time: the longest gap from one frame to the next while it pans (the draw and the render)
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("longest gap ([0-9.]+) ms").matcher(out);
            pulse[r] = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        }
        rows.add(row("Map view: longest frame while panning 10,000 points in the app (Xvfb, after the start has settled)",
                pulse, "ms", "≤ 33 ms", 33));
    }

    private void coldSearch(Path data) throws IOException, InterruptedException {
        say("cold CLI search (" + runs + " runs)");
        double[] wall = new double[runs];
        double[] peak = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            Process p = start(command(data, "search", "validate a skill"), false);
            double hwm = 0;
            while (p.isAlive()) {
                hwm = Math.max(hwm, rssMb(p.pid(), "VmHWM"));
                Thread.sleep(5);
            }
            wall[r] = (System.nanoTime() - t0) / 1e9;
            peak[r] = hwm;
        }
        rows.add(row("skilldesk search from a cold process, small library (wall)", wall, "s", "≤ 0.5 s", 0.5));
        rows.add(row("the same: peak resident memory", peak, "MB", null, Double.NaN));
    }

    private void mcp(Path data) throws IOException, InterruptedException {
        say("MCP: spawn to initialize, to the first search answer (" + runs + " runs)");
        double[] init = new double[runs];
        double[] first = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command(data, "mcp")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            OutputStream in = p.getOutputStream();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}");
            waitForId(out, 1);
            init[r] = (System.nanoTime() - t0) / 1e9;
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"search_skills\","
                    + "\"arguments\":{\"query\":\"validate a skill\"}}}");
            waitForId(out, 2);
            first[r] = (System.nanoTime() - t0) / 1e9;
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        rows.add(row("skilldesk mcp: spawn to initialize answer", init, "s", "≤ 0.3 s", 0.3));
        rows.add(row("skilldesk mcp: spawn to first search answer", first, "s", "≤ 0.8 s", 0.8));
    }

    /**
     * The indexer from the CLI: each run a new library with the 1,000 skills imported unembedded, then {@code reindex}
     * (nothing cached: every text goes through the model). The whole process, and the embedding as reindex reports it.
     */
    private void indexer(Path corpus) throws IOException, InterruptedException {
        say("indexer throughput, 1,000 generated skills, from the CLI (" + Math.max(1, runs / 2) + " runs)");
        double[] whole = new double[Math.max(1, runs / 2)];
        double[] phase = new double[whole.length];
        for (int r = 0; r < whole.length; r++) {
            Path data = work.resolve("index-cli-" + r);
            cli(data, "import", "--no-index", corpus.toString());
            long t0 = System.nanoTime();
            String out = cliOutput(data, "reindex");
            double seconds = (System.nanoTime() - t0) / 1e9;
            whole[r] = 1005 / seconds; // the 1,000 and the 5 starter skills
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(([0-9.]+) skills/s").matcher(out);
            phase[r] = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
            dev.skilldesk.library.Importer.deleteTree(data);
        }
        rows.add(rowAtLeast("indexer throughput, 1,000 skills of ~645-char texts, from the CLI (reindex, nothing cached)",
                phase, "skills/s", "≥ 400 skills/s", 400, "the embedding, as reindex reports it"));
        rows.add(rowAtLeast("the same, the whole process", whole, "skills/s", null, Double.NaN,
                "with the start and the model's load"));
    }

    /**
     * The indexer while the window is open: each run a new library with the 1,000 skills imported unembedded, then
     * the app ({@code --bench-index}) embeds them in the background and reports the rate and the longest gap
     * between frames while it did (an animation asks for every frame).
     */
    private void indexerInWindow(Path corpus) throws IOException, InterruptedException {
        int n = Math.max(1, runs / 2);
        say("indexer throughput with the window open (" + n + " runs)");
        double[] rate = new double[n];
        double[] gap = new double[n];
        for (int r = 0; r < n; r++) {
            Path data = work.resolve("index-app-" + r);
            cli(data, "import", "--no-index", corpus.toString());
            String line = appLine(data, "--bench-index", 600);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9.]+) skills/s; longest gap between frames"
                    + " ([0-9.]+) ms").matcher(line);
            say("  " + line);
            rate[r] = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
            gap[r] = m.find(0) ? Double.parseDouble(m.group(2)) : Double.NaN;
            dev.skilldesk.library.Importer.deleteTree(data);
        }
        rows.add(rowAtLeast("the same while the window is open (background indexer, 1 of 2 cores)", rate, "skills/s",
                "≥ 250 skills/s", 250, null));
        rows.add(row("the window meanwhile: longest gap between frames (from 2 s after the embedding began)", gap, "ms",
                "as responsive as the import test (≤ 100 ms)", 100));
    }

    /** Launch (spawn) to the first search answer in the window, on the small library. */
    private void firstSearch(Path data) throws IOException, InterruptedException {
        say("launch to the first search answer in the window (" + runs + " runs)");
        double[] wall = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            String line = appLine(data, "--bench-search", 60);
            wall[r] = line.startsWith("bench-search:") ? (System.nanoTime() - t0) / 1e9 : Double.NaN;
        }
        rows.add(row("installed app: launch to the first search answer", wall, "s", "≤ 1.0 s", 1.0));
    }

    /**
     * Memory after importing a folder of real skills (155, the project's corpus) in the window and using it a while:
     * every tab, 30 searches, 10 skills opened, three rounds (about a minute and a half); then 30 s idle.
     */
    private void memoryAfterUse() throws IOException, InterruptedException {
        Path skills = useCorpus();
        int n = Math.max(1, runs / 2);
        say("memory after importing " + skills + " and using the app (" + n + " runs)");
        double[] rss = new double[n];
        double[] second = new double[n];
        double[] settled = new double[n];
        for (int r = 0; r < n; r++) {
            Path data = work.resolve("use-" + r);
            cli(data, "list");
            Process p = startApp(data, "--bench-use=" + skills);
            String line = readLine(p, 600);
            Thread.sleep(28_000); // the app idles 30 s after the first pass, then runs the same script again
            rss[r] = line.contains("first pass done") ? rssMb(p.pid(), "VmRSS") : Double.NaN;
            String again = readLine(p, 600);
            Thread.sleep(28_000);
            second[r] = again.contains("second pass done") ? rssMb(p.pid(), "VmRSS") - rss[r] : Double.NaN;
            Thread.sleep(62_000); // 90 s after the second pass: past the model's idle close (a minute)
            settled[r] = again.contains("second pass done") ? rssMb(p.pid(), "VmRSS") : Double.NaN;
            say("  after the first pass " + fmt(rss[r], "MB") + ", the second added " + fmt(second[r], "MB")
                    + "; 90 s after it " + fmt(settled[r], "MB"));
            stop(p);
            dev.skilldesk.library.Importer.deleteTree(data);
        }
        rows.add(row("installed app: resident memory after importing 155 skills and using it (3 rounds of every tab,"
                + " 30 searches, 10 skills opened; then 30 s idle)", rss, "MB", "≤ 250 MB", 250));
        rows.add(row("the same script again (the \"second hour\"): memory it added, after 30 s idle", second, "MB",
                "≤ 10 MB", 10));
        rows.add(row("the same, 90 s after the second pass (an idle model's session is closed after a minute)", settled,
                "MB", null, Double.NaN));
    }

    /** Memory of the app on a library of 10,000 embedded skills, once it has settled and 30 s idle. */
    private void idleAtTenThousand() throws IOException, InterruptedException {
        say("memory at 10,000 skills, idle");
        Path corpus = work.resolve("corpus-10000");
        Path data = work.resolve("ten-thousand");
        cli(data, "generate-corpus", "--size", "10000", "--out", corpus.toString());
        cli(data, "import", corpus.toString()); // and embedded, on both cores
        int n = Math.max(1, runs / 2);
        double[] rss = new double[n];
        for (int r = 0; r < n; r++) {
            Process p = startApp(data, "--bench-settle");
            String line = readLine(p, 300);
            Thread.sleep(30_000);
            rss[r] = line.contains("settled") ? rssMb(p.pid(), "VmRSS") : Double.NaN;
            stop(p);
        }
        rows.add(row("installed app at 10,000 skills, idle (settled, then 30 s)", rss, "MB", "≤ 350 MB", 350));
    }

    // ---- processes ---------------------------------------------------------------------------

    private Process start(List<String> cmd, boolean gui) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        if (gui) {
            pb.environment().put("DISPLAY", display);
        }
        return pb.start();
    }

    /** The app on {@code data} with a bench script's argument; stdout is read by {@link #readLine}. */
    private Process startApp(Path data, String script) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(data, "--home", work.resolve("home").toString(), script))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DISPLAY", display);
        return pb.start();
    }

    /**
     * The next line the app prints (its script's figure), or "" when it prints none within the timeout. Read a byte at
     * a time, so a later call finds the next line (nothing is left in a reader's buffer).
     */
    private static String readLine(Process p, int timeoutSeconds) throws InterruptedException {
        java.util.concurrent.CompletableFuture<String> line = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                for (int b = p.getInputStream().read(); b >= 0 && b != '\n'; b = p.getInputStream().read()) {
                    bytes.write(b);
                }
                return bytes.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        try {
            return line.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return "";
        }
    }

    /** Runs the app with a script that quits by itself; its line. */
    private String appLine(Path data, String script, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = startApp(data, script);
        String line = readLine(p, timeoutSeconds);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            stop(p);
        }
        return line;
    }

    /** The launcher with {@code --data-dir data} and {@code args}: a CLI command. */
    private List<String> command(Path data, String... args) {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString(), "--data-dir", data.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private String cliOutput(Path data, String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(data, args)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.MINUTES);
        return out;
    }

    private void cli(Path data, String... args) throws IOException, InterruptedException {
        List<String> cmd = command(data, args);
        Process p = start(cmd, false);
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish");
        }
    }

    /** Seconds from {@code t0} until an X window titled "SkillDesk …" is mapped. */
    private double waitForWindow(Process p, long t0, long timeoutMs) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline && p.isAlive()) {
            String tree = output(List.of("xwininfo", "-display", display, "-root", "-tree"));
            if (tree.contains("\"SkillDesk")) {
                return (System.nanoTime() - t0) / 1e9;
            }
            Thread.sleep(10);
        }
        throw new IOException("no SkillDesk window appeared on " + display);
    }

    private void startXvfb() throws IOException, InterruptedException {
        xvfb = new ProcessBuilder("Xvfb", display, "-screen", "0", "1400x900x24", "-nolisten", "tcp")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(800);
        if (!xvfb.isAlive()) {
            throw new IOException("Xvfb " + display + " did not start (is it installed, is the display free?)");
        }
    }

    private void stopXvfb() {
        if (xvfb != null) {
            xvfb.destroy();
        }
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    private static String output(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return s;
    }

    /** A field of /proc/PID/status in MB (VmRSS now, VmHWM the peak), 0 once the process is gone. */
    static double rssMb(long pid, String field) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (l.startsWith(field + ":")) {
                    return Long.parseLong(l.replaceAll("\\D+", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static void send(OutputStream in, String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private static void waitForId(BufferedReader out, int id) throws IOException {
        String l;
        while ((l = out.readLine()) != null) {
            if (l.contains("\"id\":" + id)) {
                return;
            }
        }
        throw new IOException("the MCP server closed before answering " + id);
    }

    // ---- figures -----------------------------------------------------------------------------

    private Row row(String what, double[] v, String unit, String goal, double limit) {
        double m = median(v);
        return new Row(what, m, Arrays.stream(v).min().orElse(0), Arrays.stream(v).max().orElse(0), v.length, unit, goal,
                goal == null ? null : m <= limit, null);
    }

    /** A row whose goal is a floor (a throughput). */
    private Row rowAtLeast(String what, double[] v, String unit, String goal, double floor, String note) {
        double m = median(v);
        return new Row(what, m, Arrays.stream(v).min().orElse(0), Arrays.stream(v).max().orElse(0), v.length, unit, goal,
                goal == null ? null : m >= floor, note);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The rows as the markdown table BENCHMARKS.md keeps. */
    public static String markdown(List<Row> rows, String machine) {
        StringBuilder b = new StringBuilder("| measured (" + machine + ") | median | range | runs | goal | met |\n|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append("| ").append(r.what()).append(r.note() == null ? "" : " (" + r.note() + ")").append(" | ")
                    .append(fmt(r.median(), r.unit())).append(" | ").append(fmt(r.min(), "")).append("–").append(fmt(r.max(), ""))
                    .append(" | ").append(r.runs()).append(" | ").append(r.goal() == null ? "—" : r.goal()).append(" | ")
                    .append(r.met() == null ? "—" : r.met() ? "yes" : "no").append(" |\n");
        }
        return b.toString();
    }

    private static String fmt(double v, String unit) {
        if (Double.isNaN(v)) {
            return "—";
        }
        String n = v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
        return unit.isEmpty() ? n : n + " " + unit;
    }

    private void say(String what) {
        progress.println("bench --desktop: " + what);
        progress.flush();
    }

}
