package dev.skilldesk.bench;

import dev.skilldesk.search.ChromaVectorIndex;
import dev.skilldesk.search.CircuitBreaker;
import dev.skilldesk.search.EntryMeta;
import dev.skilldesk.search.ExactVectorIndex;
import dev.skilldesk.search.GraphVectorIndex;
import dev.skilldesk.search.VectorEntry;
import dev.skilldesk.search.VectorFilter;
import dev.skilldesk.search.VectorHit;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Vector search alone: the exact SIMD scan, the jvector graph over the same vectors, and a Chroma server,
 * each asked for the top 10 with a namespace filter (one namespace in five), over generated vectors.
 * Recall@10 of the graph and of Chroma is measured against the exact scan.
 */
final class VectorBench {
    static final String MODEL = "bench:generated-384";

    /** What the exact scan and the graph did at one size; {@code truth} holds the exact top 10 per timed query. */
    record Result(int vectors, Samples exact, Samples graph, double graphRecall, long graphBuildMs, boolean graphBuilt,
                  List<Set<Long>> truth, List<BenchReport.BeamPoint> beams) {
    }

    /** What Chroma did at one size. */
    record ChromaResult(Samples search, double recall, long loadMs, long serverRssBytes) {
    }

    private final SyntheticVectors vectors;
    private final Principal who;
    private final int warmup;
    private final int queries;

    /** Beam widths the crossover sweep also tries besides the default. */
    private static final int[] BEAMS = {16, 64, 100};

    VectorBench(SyntheticVectors vectors, Principal who, int warmup, int queries) {
        this.vectors = vectors;
        this.who = who;
        this.warmup = warmup;
        this.queries = queries;
    }

    List<VectorEntry> entries(int n) {
        List<VectorEntry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new VectorEntry(i + 1, 1, vectors.forIndex(i), new EntryMeta(
                    SyntheticCorpus.NAMESPACES[i % SyntheticCorpus.NAMESPACES.length],
                    SyntheticCorpus.PERSONAS[i % SyntheticCorpus.PERSONAS.length], AccessLevel.PRIVATE,
                    who.agentId(), false, Set.of())));
        }
        return out;
    }

    private VectorFilter filter(int q) {
        return new VectorFilter(who, SyntheticCorpus.NAMESPACES[q % SyntheticCorpus.NAMESPACES.length], null);
    }

    Result measure(int n) {
        ExactVectorIndex exact = new ExactVectorIndex(MODEL, SyntheticVectors.DIM);
        List<VectorEntry> all = entries(n);
        for (int i = 0; i < n; i += 10_000) {
            exact.upsert(all.subList(i, Math.min(n, i + 10_000)));
        }
        all = null; // the index holds its own copy
        float[][] qs = new float[warmup + queries][];
        for (int q = 0; q < qs.length; q++) {
            qs[q] = vectors.query(q);
        }
        long sink = 0;
        for (int q = 0; q < warmup; q++) {
            sink += exact.search(qs[q], 10, filter(q)).size();
        }
        Samples exactSamples = new Samples(queries);
        List<Set<Long>> truth = new ArrayList<>(queries);
        long w0 = System.nanoTime();
        for (int q = warmup; q < qs.length; q++) {
            long t0 = System.nanoTime();
            List<VectorHit> hits = exact.search(qs[q], 10, filter(q));
            exactSamples.add(System.nanoTime() - t0);
            truth.add(ids(hits));
        }
        exactSamples.wall(System.nanoTime() - w0);

        GraphVectorIndex.Params d = GraphVectorIndex.Params.defaults();
        // crossover 1: buildNow always builds, whatever the size
        GraphVectorIndex graph = new GraphVectorIndex(exact, new GraphVectorIndex.Params(1, d.m(), d.efConstruction(),
                d.ef(), d.rebuildFraction()));
        try {
            long b0 = System.nanoTime();
            graph.buildNow();
            long buildMs = (System.nanoTime() - b0) / 1_000_000;
            for (int q = 0; q < warmup; q++) {
                sink += graph.search(qs[q], 10, filter(q)).size();
            }
            Samples graphSamples = new Samples(queries);
            double recall = 0;
            long g0 = System.nanoTime();
            for (int q = warmup; q < qs.length; q++) {
                long t0 = System.nanoTime();
                List<VectorHit> hits = graph.search(qs[q], 10, filter(q));
                graphSamples.add(System.nanoTime() - t0);
                recall += recall(truth.get(q - warmup), hits);
            }
            graphSamples.wall(System.nanoTime() - g0);
            List<BenchReport.BeamPoint> beams = new ArrayList<>();
            for (int ef : BEAMS) {
                if (ef == d.ef()) {
                    continue;
                }
                graph.searchEf(ef);
                for (int q = 0; q < warmup; q++) {
                    sink += graph.search(qs[q], 10, filter(q)).size();
                }
                Samples s = new Samples(queries);
                double r = 0;
                for (int q = warmup; q < qs.length; q++) {
                    long t0 = System.nanoTime();
                    List<VectorHit> hits = graph.search(qs[q], 10, filter(q));
                    s.add(System.nanoTime() - t0);
                    r += recall(truth.get(q - warmup), hits);
                }
                beams.add(new BenchReport.BeamPoint(ef, s.percentileMs(50), s.percentileMs(95), r / queries));
            }
            if (sink < 0) {
                throw new IllegalStateException(); // keeps the warm-up results alive
            }
            return new Result(n, exactSamples, graphSamples, recall / queries, buildMs, graph.hasGraph(), truth, beams);
        } finally {
            graph.close();
        }
    }

    /** Loads the same {@code n} vectors into a Chroma collection and asks the same queries. */
    ChromaResult chroma(ChromaProcess server, int n, List<Set<Long>> truth) {
        ChromaVectorIndex idx = new ChromaVectorIndex(server.url(), "bench-" + n, MODEL, SyntheticVectors.DIM,
                CircuitBreaker.standard("chroma"), Duration.ofSeconds(120));
        idx.clear();
        List<VectorEntry> all = entries(n);
        long l0 = System.nanoTime();
        for (int i = 0; i < n; i += 1_000) {
            idx.upsert(all.subList(i, Math.min(n, i + 1_000)));
        }
        long loadMs = (System.nanoTime() - l0) / 1_000_000;
        all = null;
        long sink = 0;
        for (int q = 0; q < warmup; q++) {
            sink += idx.search(vectors.query(q), 10, filter(q)).size();
        }
        Samples s = new Samples(queries);
        double recall = 0;
        long w0 = System.nanoTime();
        for (int q = warmup; q < warmup + queries; q++) {
            float[] qv = vectors.query(q);
            long t0 = System.nanoTime();
            List<VectorHit> hits = idx.search(qv, 10, filter(q));
            s.add(System.nanoTime() - t0);
            recall += recall(truth.get(q - warmup), hits);
        }
        s.wall(System.nanoTime() - w0);
        long rss = server.rssBytes();
        try {
            idx.clear();
        } catch (RuntimeException ignored) {
            // the server goes away at the end anyway
        }
        if (sink < 0) {
            throw new IllegalStateException();
        }
        return new ChromaResult(s, recall / queries, loadMs, rss);
    }

    private static Set<Long> ids(List<VectorHit> hits) {
        Set<Long> out = new HashSet<>();
        hits.forEach(h -> out.add(h.skillId()));
        return out;
    }

    private static double recall(Set<Long> truth, List<VectorHit> got) {
        if (truth.isEmpty()) {
            return 1;
        }
        long found = got.stream().filter(h -> truth.contains(h.skillId())).count();
        return (double) found / truth.size();
    }
}
