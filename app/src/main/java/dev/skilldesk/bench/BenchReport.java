package dev.skilldesk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What a benchmark run found: the machine, the command, the rows per size, the crossover; as markdown or JSON. */
public final class BenchReport {
    /** One point of the exact-versus-graph sweep. */
    /** The graph searched with another beam width (ef) at the same size. */
    public record BeamPoint(int ef, double p50Ms, double p95Ms, double recallAt10) {
    }

    public record CrossoverPoint(int vectors, double exactP95Ms, double graphP95Ms, double exactP50Ms,
                                 double graphP50Ms, double recallAt10, long graphBuildMs, List<BeamPoint> beams) {
        public boolean graphFaster() {
            return graphP95Ms < exactP95Ms;
        }
    }

    private final String command;
    private final Map<String, String> machine;
    private final Instant started = Instant.now();
    private final long startNanos = System.nanoTime();
    private final List<String> notes = new ArrayList<>();
    private final Map<Integer, List<String>> sizeNotes = new TreeMap<>();
    private final List<BenchRow> rows = new ArrayList<>();
    private final List<CrossoverPoint> crossover = new ArrayList<>();
    private final int crossoverDefault;
    private long tookNanos;

    public BenchReport(String command, Map<String, String> machine, int crossoverDefault) {
        this.command = command;
        this.machine = machine;
        this.crossoverDefault = crossoverDefault;
    }

    public synchronized void add(BenchRow row) {
        rows.add(Targets.judge(row));
    }

    public synchronized void note(String text) {
        notes.add(text);
    }

    public synchronized void note(int size, String text) {
        sizeNotes.computeIfAbsent(size, k -> new ArrayList<>()).add(text);
    }

    public synchronized void crossoverPoint(CrossoverPoint p) {
        crossover.add(p);
        crossover.sort((a, b) -> Integer.compare(a.vectors(), b.vectors()));
    }

    public void finish() {
        tookNanos = System.nanoTime() - startNanos;
    }

    public synchronized List<BenchRow> rows() {
        return List.copyOf(rows);
    }

    public synchronized List<CrossoverPoint> crossoverPoints() {
        return List.copyOf(crossover);
    }

    /**
     * The smallest measured size from which on the graph's P95 beats the exact scan's at every measured
     * size, or null when it never does (or nothing was measured).
     */
    public synchronized Integer measuredCrossover() {
        Integer found = null;
        for (int i = crossover.size() - 1; i >= 0; i--) {
            if (!crossover.get(i).graphFaster()) {
                break;
            }
            found = crossover.get(i).vectors();
        }
        return found;
    }

    public Duration took() {
        return Duration.ofNanos(tookNanos);
    }

    // ---- markdown ------------------------------------------------------------------------------

    public synchronized String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# SkillDesk benchmark\n\n");
        md.append("- Command: `").append(command).append("`\n");
        md.append("- Started: ").append(started).append(", took ")
                .append(String.format(Locale.ROOT, "%.1f s", tookNanos / 1e9)).append('\n');
        md.append("- Machine: ").append(machine.get("cores")).append(" cores (").append(machine.get("cpu"))
                .append("), ").append(machine.get("memory")).append(" RAM; Java ").append(machine.get("java"))
                .append(", max heap ").append(machine.get("maxHeap")).append("; ").append(machine.get("os"))
                .append("; dot product: ").append(machine.get("dotProduct")).append('\n');
        md.append("- Load average when it started: ").append(machine.get("loadAverage")).append('\n');
        md.append('\n');
        if (!notes.isEmpty()) {
            md.append("How it was measured:\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
            md.append('\n');
        }
        Map<Integer, List<BenchRow>> bySize = new TreeMap<>();
        rows.forEach(r -> bySize.computeIfAbsent(r.size(), k -> new ArrayList<>()).add(r));
        for (Map.Entry<Integer, List<BenchRow>> e : bySize.entrySet()) {
            int size = e.getKey();
            md.append(size == 0 ? "## Independent of the library size\n\n" : "## " + count(size) + " skills\n\n");
            List<String> sn = sizeNotes.getOrDefault(size, List.of());
            sn.forEach(n -> md.append("- ").append(n).append('\n'));
            if (!sn.isEmpty()) {
                md.append('\n');
            }
            md.append("| measurement | P50 ms | P95 ms | P99 ms | n | throughput | result | target | met? |\n");
            md.append("|---|---:|---:|---:|---:|---:|---|---|:-:|\n");
            for (BenchRow r : e.getValue()) {
                md.append("| ").append(r.label())
                        .append(" | ").append(r.p50Ms() == null ? "" : ms(r.p50Ms()))
                        .append(" | ").append(r.p95Ms() == null ? "" : ms(r.p95Ms()))
                        .append(" | ").append(r.p99Ms() == null ? "" : ms(r.p99Ms()))
                        .append(" | ").append(r.samples() == 0 ? "" : count(r.samples()))
                        .append(" | ").append(r.throughput() == null || r.throughput().isNaN() ? ""
                                : count(Math.round(r.throughput())) + " " + (r.throughputUnit() == null ? "/s" : r.throughputUnit()))
                        .append(" | ").append(result(r))
                        .append(" | ").append(r.target() == null ? "" : r.target())
                        .append(" | ").append(r.met() == null ? "" : r.met() ? "✓" : "✗")
                        .append(" |\n");
            }
            md.append('\n');
        }
        md.append("## Exact scan versus graph (the crossover)\n\n");
        if (crossover.isEmpty()) {
            md.append("Not measured in this run (full mode measures 10,000, 25,000, 50,000 and 100,000 vectors).\n\n");
        } else {
            md.append("Top-10 with a namespace filter over generated 384-d vectors; the graph is jvector with the default"
                    + " parameters, built with `buildNow`.\n\n");
            md.append("| vectors | exact P50 ms | exact P95 ms | graph P50 ms | graph P95 ms | graph recall@10 | graph build | faster at P95 |\n");
            md.append("|---:|---:|---:|---:|---:|---:|---:|---|\n");
            for (CrossoverPoint p : crossover) {
                md.append("| ").append(count(p.vectors())).append(" | ").append(ms(p.exactP50Ms())).append(" | ")
                        .append(ms(p.exactP95Ms())).append(" | ").append(ms(p.graphP50Ms())).append(" | ")
                        .append(ms(p.graphP95Ms())).append(" | ")
                        .append(String.format(Locale.ROOT, "%.3f", p.recallAt10())).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f s", p.graphBuildMs() / 1e3)).append(" | ")
                        .append(p.graphFaster() ? "graph" : "exact").append(" |\n");
            }
            if (crossover.stream().anyMatch(p -> !p.beams().isEmpty())) {
                md.append("\nThe graph with narrower and wider search beams (ef; the default is in the table above):\n\n");
                md.append("| vectors | ef | graph P50 ms | graph P95 ms | recall@10 |\n|---:|---:|---:|---:|---:|\n");
                for (CrossoverPoint p : crossover) {
                    for (BeamPoint b : p.beams()) {
                        md.append("| ").append(count(p.vectors())).append(" | ").append(b.ef()).append(" | ")
                                .append(ms(b.p50Ms())).append(" | ").append(ms(b.p95Ms())).append(" | ")
                                .append(String.format(Locale.ROOT, "%.3f", b.recallAt10())).append(" |\n");
                    }
                }
            }
            Integer c = measuredCrossover();
            md.append("\nMeasured crossover: ").append(c == null ? "none (the exact scan was as fast or faster at every measured size)"
                    : count(c) + " vectors (the graph's P95 is lower from there on)")
                    .append("; `GraphVectorIndex.Params.defaults().crossover` is ").append(count(crossoverDefault))
                    .append(".\n");
        }
        return md.toString();
    }

    private static String result(BenchRow r) {
        StringBuilder sb = new StringBuilder();
        if (r.value() != null) {
            sb.append(value(r.value(), r.valueUnit()));
        }
        if (r.note() != null && !r.note().isBlank()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(r.note());
        }
        return sb.toString().replace("|", "\\|");
    }

    static String value(double v, String unit) {
        if (unit == null) {
            return num(v);
        }
        return switch (unit) {
            case "recall@10" -> String.format(Locale.ROOT, "recall@10 %.3f", v);
            case "ms" -> ms(v) + " ms";
            case "ms wall" -> ms(v) + " ms wall";
            case "s" -> String.format(Locale.ROOT, "%.1f s", v);
            case "MB" -> String.format(Locale.ROOT, "%.1f MB", v);
            case "rows/s", "embeddings/s", "skills/s" -> count(Math.round(v)) + " " + unit;
            default -> num(v) + " " + unit;
        };
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? count((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Milliseconds with about three significant digits. */
    public static String ms(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v >= 100) {
            return count(Math.round(v));
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (v >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    // ---- JSON ----------------------------------------------------------------------------------

    public synchronized Map<String, Object> toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", command);
        doc.put("started", started.toString());
        doc.put("tookSeconds", tookNanos / 1e9);
        doc.put("machine", machine);
        doc.put("notes", notes);
        Map<String, Object> perSize = new LinkedHashMap<>();
        sizeNotes.forEach((k, v) -> perSize.put(Integer.toString(k), v));
        doc.put("sizeNotes", perSize);
        List<Map<String, Object>> rs = new ArrayList<>();
        for (BenchRow r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("size", r.size());
            m.put("key", r.key());
            m.put("label", r.label());
            m.put("p50Ms", finite(r.p50Ms()));
            m.put("p95Ms", finite(r.p95Ms()));
            m.put("p99Ms", finite(r.p99Ms()));
            m.put("samples", r.samples());
            m.put("throughput", finite(r.throughput()));
            m.put("throughputUnit", r.throughputUnit());
            m.put("value", finite(r.value()));
            m.put("valueUnit", r.valueUnit());
            m.put("note", r.note());
            m.put("target", r.target());
            m.put("met", r.met());
            rs.add(m);
        }
        doc.put("rows", rs);
        Map<String, Object> cross = new LinkedHashMap<>();
        List<Map<String, Object>> points = new ArrayList<>();
        for (CrossoverPoint p : crossover) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("vectors", p.vectors());
            m.put("exactP50Ms", p.exactP50Ms());
            m.put("exactP95Ms", p.exactP95Ms());
            m.put("graphP50Ms", p.graphP50Ms());
            m.put("graphP95Ms", p.graphP95Ms());
            m.put("recallAt10", p.recallAt10());
            m.put("graphBuildMs", p.graphBuildMs());
            List<Map<String, Object>> beams = new ArrayList<>();
            for (BeamPoint b : p.beams()) {
                Map<String, Object> bm = new LinkedHashMap<>();
                bm.put("ef", b.ef());
                bm.put("p50Ms", b.p50Ms());
                bm.put("p95Ms", b.p95Ms());
                bm.put("recallAt10", b.recallAt10());
                beams.add(bm);
            }
            m.put("beams", beams);
            points.add(m);
        }
        cross.put("points", points);
        cross.put("measured", measuredCrossover());
        cross.put("default", crossoverDefault);
        doc.put("crossover", cross);
        return doc;
    }

    private static Double finite(Double d) {
        return d == null || d.isNaN() || d.isInfinite() ? null : d;
    }

    public String toJsonText() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson()) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
