package dev.skilldesk.bench;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.ImportOptions;
import dev.skilldesk.library.ImportReport;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.parse.ParsedSkillMd;
import dev.skilldesk.parse.SkillMdParser;
import dev.skilldesk.parse.SkillMetadata;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.search.EmbeddingCache;
import dev.skilldesk.search.EmbeddingText;
import dev.skilldesk.search.GraphVectorIndex;
import dev.skilldesk.search.IndexStatus;
import dev.skilldesk.search.OnnxEmbedder;
import dev.skilldesk.search.SearchMode;
import dev.skilldesk.search.SearchRequest;
import dev.skilldesk.search.SearchResponse;
import dev.skilldesk.search.SearchService;
import dev.skilldesk.search.SearchSettings;
import dev.skilldesk.search.SearchStack;
import dev.skilldesk.search.VectorIndex;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Activation;
import dev.skilldesk.skill.Layer;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.store.ActivationWriter;
import dev.skilldesk.store.EmbeddingRows;
import dev.skilldesk.store.IndexStateStore;
import dev.skilldesk.store.SkillStore;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The benchmark harness: for each size it builds a fresh library in a temporary folder from
 * {@link SyntheticCorpus} and times the whole flows (exact get, layers, persona lists, vector search against
 * a graph and Chroma, end-to-end search per mode, activation logging, creation until searchable, bulk import,
 * concurrent searches, memory). Each measurement warms up, then times many iterations with
 * {@link System#nanoTime}; the report gives P50/P95/P99 and throughput against the goals in {@link Targets}.
 */
public final class Benchmark {
    /** Everything is created and read as this principal (the owner of every skill). */
    public static final Principal AUTHOR = new Principal("bench", "default");
    private static final int VERSIONS = 3;
    private static final int ONE_VERSION_FROM = 100_000;
    private static final int MODEL_VECTORS_UP_TO = 1_000;

    /** How many iterations each measurement gets. */
    record Iterations(int readWarmup, int reads, int vectorWarmup, int vectorQueries, int searchWarmup,
                      int searchMisses, int searchHits, int activationRows, int creations, int embedTexts) {
        static final Iterations QUICK = new Iterations(300, 2_000, 30, 200, 10, 30, 300, 20_000, 30, 100);
        static final Iterations FULL = new Iterations(2_000, 20_000, 100, 1_000, 300, 200, 2_000, 100_000, 100, 300);
    }

    private final BenchOptions options;
    private final Iterations it;
    private final PrintWriter progress;
    private final BenchReport report;
    private final SyntheticVectors vectors;
    private final VectorBench vectorBench;
    private final Map<Integer, VectorBench.Result> vectorResults = new HashMap<>();
    private final Set<String> usedQueries = new HashSet<>();
    private int queryCounter;
    private ChromaProcess chroma;
    private Path chromaDir;
    private String chromaSkipped;
    private long sink;

    private Benchmark(BenchOptions options, PrintWriter progress) {
        this.options = options;
        this.it = options.quick() ? Iterations.QUICK : Iterations.FULL;
        this.progress = progress;
        this.report = new BenchReport(options.command(), MachineInfo.describe(),
                GraphVectorIndex.Params.defaults().crossover());
        this.vectors = new SyntheticVectors(options.seed());
        this.vectorBench = new VectorBench(vectors, AUTHOR, it.vectorWarmup(), it.vectorQueries());
    }

    /** Runs everything {@code options} asks for; progress lines go to {@code progress}. */
    public static BenchReport run(BenchOptions options, PrintWriter progress) throws IOException, InterruptedException {
        return new Benchmark(options, progress).run();
    }

    private BenchReport run() throws IOException, InterruptedException {
        describeMethod();
        startChroma();
        try {
            modelSpeed();
            for (int n : options.sizes()) {
                runSize(n);
            }
            for (int n : options.crossoverSizes()) {
                if (!vectorResults.containsKey(n)) {
                    say(n, "crossover: exact scan and graph over " + BenchReport.count(n) + " vectors");
                    vectorResults.put(n, vectorBench.measure(n));
                }
                VectorBench.Result r = vectorResults.get(n);
                report.crossoverPoint(new BenchReport.CrossoverPoint(n, r.exact().percentileMs(95),
                        r.graph().percentileMs(95), r.exact().percentileMs(50), r.graph().percentileMs(50),
                        r.graphRecall(), r.graphBuildMs(), r.beams()));
            }
        } finally {
            if (chroma != null) {
                chroma.close();
            }
            if (chromaDir != null) {
                deleteTree(chromaDir);
            }
        }
        report.finish();
        return report;
    }

    private void describeMethod() {
        report.note("Each figure: a warm-up, then timed iterations with System.nanoTime; P50/P95/P99 are nearest-rank"
                + " percentiles of single operations; throughput is operations per second of wall time of the timed loop."
                + (options.quick() ? " Quick mode: fewer iterations." : ""));
        report.note("Each size is a fresh library in a temporary folder, built from SyntheticCorpus (seed "
                + options.seed() + ") by Importer.importPath of its folders (one import per namespace, five"
                + " namespaces), then " + (VERSIONS - 1) + " more versions of every skill through SkillLibrary.save;"
                + " at " + BenchReport.count(ONE_VERSION_FROM) + " skills and more, 1 version per skill (to keep the"
                + " run short). Every skill is private to the benchmark's author, who does all reads and searches.");
        report.note("Vector-only rows (exact, graph, Chroma) use generated 384-d unit vectors, not model embeddings:"
                + " each is the sum of fixed random directions for a verb, an object and a domain of the corpus"
                + " vocabulary plus noise, so that they cluster as text embeddings do. Top 10 with a namespace filter"
                + " (one namespace in five); recall@10 against the exact scan.");
        report.note("End-to-end searches go through SearchService with the real ONNX MiniLM model embedding the query"
                + " (cache miss: a query not seen before; hit: one of 20 repeated queries). Up to "
                + BenchReport.count(MODEL_VECTORS_UP_TO) + " skills the library's own vectors are made by the model"
                + " (the real Indexer); above that they are generated as above and written to SQLite, so rankings are"
                + " meaningless there but each query does the same work.");
        report.note("Chroma figures go through SkillDesk's ChromaVectorIndex (langchain4j client, HTTP on loopback),"
                + " so they include the round trip and JSON; the server shares the machine with the benchmark.");
    }

    // ---- one size ------------------------------------------------------------------------------

    private void runSize(int n) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("skilldesk-bench-" + n + "-");
        try {
            int versions = n >= ONE_VERSION_FROM ? 1 : VERSIONS;
            report.note(n, versions + (versions == 1 ? " version" : " versions") + " per skill; library vectors "
                    + (n <= MODEL_VECTORS_UP_TO ? "made by the ONNX model" : "generated (not model-made)") + ".");
            Path corpus = work.resolve("corpus");
            Path data = work.resolve("data");
            say(n, "writing the corpus");
            writeCorpus(corpus, n);
            try (SkillDeskCore core = SkillDeskCore.open(data, AUTHOR, Map.of())) {
                bulkImport(core, corpus, n);
                deleteTree(corpus);
                addVersions(core, n, versions);
                boolean modelVectors = n <= MODEL_VECTORS_UP_TO;
                if (!modelVectors) {
                    storeGeneratedVectors(core, n);
                }
                activations(core, n);
                SearchStack stack = openSearch(core, n, modelVectors);
                memory(n, data);
                reads(core, n);
                vectorRows(n);
                mapRows(n);
                auditRows(core, n);
                endToEnd(stack.service(), n);
                concurrent(stack.service(), n);
                creation(core, stack, n);
                idleCost(core, stack, n);
            }
        } finally {
            deleteTree(work);
        }
    }

    /**
     * What an open library costs while nothing happens: the change-feed subscription (as the window holds
     * one), the indexer's poll and the checkpointer, measured as this process's CPU time over a quiet stretch.
     */
    private void idleCost(SkillDeskCore core, SearchStack stack, int n) throws InterruptedException {
        say(n, "idle cost with a change subscription");
        int[] delivered = {0};
        try (var sub = core.subscribe((changes, rebuild) -> delivered[0] += changes.size())) {
            // the work the build left behind is done first: the FTS5 rows of the whole library (written from
            // the change feed, which the build never asked for) and the last embeddings
            stack.keywordIndex().catchUpRows();
            stack.indexer().awaitIdle(1, TimeUnit.MINUTES);
            // the creation's last work: the index file is rewritten once embedding has been quiet a while
            long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!stack.indexer().indexFileCurrent() && System.nanoTime() < settle) {
                Thread.sleep(50);
            }
            Thread.sleep(1_000);
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            Map<String, Long> threads0 = ThreadCpu.byName();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Thread.sleep(options.quick() ? 3_000 : 10_000);
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            double wall = (System.nanoTime() - t0) / 1e9;
            String busiest = ThreadCpu.busiest(threads0, ThreadCpu.byName(), wall, 3);
            report.add(BenchRow.value(n, "idle.cpu", "idle library with a change subscription: CPU of the process",
                    100 * cpu / wall, "% of one core", null, null, String.format(Locale.ROOT,
                            "%.1f s quiet; feed polled every %d ms; indexer and checkpointer included; target < 1%%"
                                    + "; busiest threads: %s",
                            wall, dev.skilldesk.library.LibraryChanges.POLL.toMillis(), busiest)));
        }
    }

    private void writeCorpus(Path corpus, int n) throws IOException {
        List<Path> dirs = SyntheticCorpus.write(corpus.resolve("all"), n, options.seed());
        for (int i = 0; i < n; i++) {
            Path nsDir = corpus.resolve(SyntheticCorpus.skill(options.seed(), i).namespace());
            Files.createDirectories(nsDir);
            Files.move(dirs.get(i), nsDir.resolve(dirs.get(i).getFileName()));
        }
        Files.delete(corpus.resolve("all"));
    }

    private void bulkImport(SkillDeskCore core, Path corpus, int n) {
        say(n, "importing " + BenchReport.count(n) + " skill folders");
        long created = 0;
        long refused = 0;
        long t0 = System.nanoTime();
        for (String ns : SyntheticCorpus.NAMESPACES) {
            Path dir = corpus.resolve(ns);
            if (Files.isDirectory(dir)) {
                ImportReport r = core.importer().importPath(AUTHOR, dir,
                        new ImportOptions(ns, AccessLevel.PRIVATE, null));
                created += r.count(SaveOutcome.Status.CREATED);
                refused += r.count(SaveOutcome.Status.REJECTED);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        report.add(BenchRow.value(n, "import.bulk", "bulk import of " + BenchReport.count(n)
                        + " skill folders (Importer.importPath)", seconds, "s", n / seconds, "skills/s",
                BenchReport.count(created) + " created" + (refused > 0 ? ", " + refused + " refused" : "")));
        if (created != n) {
            report.note(n, "the import created " + created + " of " + n + " skills (" + refused + " refused)");
        }
    }

    private void addVersions(SkillDeskCore core, int n, int versions) {
        if (versions < 2) {
            report.add(BenchRow.skipped(n, "library.versions", "save of a new version (library build)",
                    "1 version per skill at this size"));
            return;
        }
        say(n, "adding versions 2-" + versions);
        Samples s = new Samples(n * (versions - 1));
        int unexpected = 0;
        long w0 = System.nanoTime();
        for (int v = 2; v <= versions; v++) {
            for (int i = 0; i < n; i++) {
                SyntheticCorpus.GeneratedSkill g = SyntheticCorpus.skill(options.seed(), i);
                SkillDraft draft = new SkillDraft("bench", g.name(), SyntheticCorpus.revise(g.content(), v), List.of());
                SaveOptions so = new SaveOptions(g.namespace(), AccessLevel.PRIVATE, null);
                long t0 = System.nanoTime();
                SaveOutcome o = core.library().save(AUTHOR, draft, so);
                s.add(System.nanoTime() - t0);
                if (o.status() != SaveOutcome.Status.NEW_VERSION) {
                    unexpected++;
                }
            }
        }
        s.wall(System.nanoTime() - w0);
        report.add(BenchRow.latency(n, "library.versions", "save of a new version (library build, versions 2-"
                + versions + ")", s, "saves/s", unexpected == 0 ? null : unexpected + " saves did not add a version"));
    }

    /** Writes a generated vector for every skill's active version where the indexer would put a model's. */
    private void storeGeneratedVectors(SkillDeskCore core, int n) {
        say(n, "writing generated vectors to SQLite");
        SearchSettings settings = core.searchSettings();
        String modelId = "onnx:" + OnnxEmbedder.Model.parse(settings.embedder()).id();
        EmbeddingText text = settings.embeddingText();
        long now = System.currentTimeMillis();
        long t0 = System.nanoTime();
        IndexStateStore states = new IndexStateStore(core.database());
        EmbeddingRows embeddings = new EmbeddingRows(core.database());
        List<IndexStateStore.PendingSkill> rows = states.pending(modelId, now, -1, 0, Integer.MAX_VALUE);
        for (int from = 0; from < rows.size(); from += 1_000) {
            List<IndexStateStore.PendingSkill> chunk = rows.subList(from, Math.min(rows.size(), from + 1_000));
            Map<String, float[]> byHash = new java.util.HashMap<>();
            List<IndexStateStore.Done> done = new ArrayList<>(chunk.size());
            for (IndexStateStore.PendingSkill r : chunk) {
                List<String> tags = SkillStore.tagsFromJson(r.tagsJson());
                String hash = EmbeddingCache.sha256(text.of(r.name(), r.description(), tags, r.coreInstructions()));
                byHash.put(hash, vectors.forSkill(r.name(), tags, r.skillId()));
                done.add(new IndexStateStore.Done(r.skillId(), r.version(), hash));
            }
            states.inTransaction(() -> {
                embeddings.put(modelId, byHash, now);
                states.markIndexed(modelId, done, now);
            });
        }
        report.note(n, "generated vectors written to SQLite's embedding cache and index state in "
                + String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9) + ", as the indexer would"
                + " have stored the model's (keyed by the hash of the text it would embed).");
    }

    private SearchStack openSearch(SkillDeskCore core, int n, boolean modelVectors) throws InterruptedException {
        say(n, modelVectors ? "embedding the library with the model (the real indexer)" : "loading the vector index");
        long t0 = System.nanoTime();
        SearchStack stack = core.search();
        IndexStatus s = stack.indexer().awaitIdle(2, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        // the FTS5 rows of the library built above (written from the change feed): done here, so that the
        // catch-up does not run under the timed rows below
        stack.keywordIndex().catchUpRows();
        if (modelVectors) {
            report.add(BenchRow.value(n, "library.embed", "indexing the library with the model (Indexer, from start)",
                    seconds, "s", s.indexed() / seconds, "skills/s", BenchReport.count(s.indexed()) + " embedded, "
                            + s.pending() + " pending"));
        } else {
            report.note(n, "search stack started and " + BenchReport.count(s.indexed()) + " vectors loaded from SQLite in "
                    + String.format(Locale.ROOT, "%.1f s", seconds) + " (ONNX model load included).");
        }
        if (s.pending() > 0) {
            report.note(n, "after waiting, " + s.pending() + " skills were still not embedded: " + s.message());
        }
        say(n, "waiting for the in-memory keyword index");
        long k0 = System.nanoTime();
        boolean ranked = stack.awaitKeywordIndex(TimeUnit.HOURS.toMillis(1));
        report.note(n, ranked
                ? String.format(Locale.ROOT, "keyword ranking index (Lucene BM25, in memory) ready %.1f s after the"
                        + " vectors (built from SQLite in the background since the stack started); %.1f MB",
                (System.nanoTime() - k0) / 1e9, stack.keywordIndex().memoryBytes() / 1048576.0)
                : "the in-memory keyword index did not become ready: keyword search ran on SQLite FTS5");
        VectorIndex index = stack.indexer().index();
        if (index instanceof GraphVectorIndex graph && n >= GraphVectorIndex.Params.defaults().crossover()) {
            say(n, "waiting for the background graph build");
            long g0 = System.nanoTime();
            long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
            while ((!graph.hasGraph() || graph.building()) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            report.note(n, "past the crossover: the search stack's graph was built in the background ("
                    + String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - g0) / 1e9 + seconds)
                    + " after start); end-to-end searches go through it.");
        }
        return stack;
    }

    // ---- activations ---------------------------------------------------------------------------

    private void activations(SkillDeskCore core, int n) throws InterruptedException {
        int rows = Math.max(it.activationRows(), options.quick() ? 0 : n);
        int threads = 4;
        say(n, "logging " + BenchReport.count(rows) + " activations from " + threads + " threads");
        List<long[]> skills = core.store().activeVersions();
        long before = activationCount(core);
        ActivationWriter writer = new ActivationWriter(core.database());
        Samples[] perThread = new Samples[threads];
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        int per = rows / threads;
        long base = Instant.now().toEpochMilli() - TimeUnit.DAYS.toMillis(30);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            perThread[t] = new Samples(per);
            Thread th = new Thread(() -> {
                Random r = new Random(options.seed() + thread);
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < per; i++) {
                    long[] sk = skills.get(r.nextInt(skills.size()));
                    boolean ok = i % 20 != 0;
                    Activation a = new Activation(sk[0], (int) sk[1], "agent-" + (i % 7), SyntheticCorpus.NAMESPACES[
                            (int) (sk[0] % SyntheticCorpus.NAMESPACES.length)], "bench", 1 + i % 3, 100 + i % 900,
                            Instant.ofEpochMilli(base + (long) i * 13), i % 50, ok, ok ? null : "failed in the benchmark");
                    long t0 = System.nanoTime();
                    writer.log(a);
                    perThread[thread].add(System.nanoTime() - t0);
                }
            }, "bench-activations-" + t);
            workers.add(th);
            th.start();
        }
        long w0 = System.nanoTime();
        go.countDown();
        for (Thread th : workers) {
            th.join();
        }
        long enqueued = System.nanoTime() - w0;
        writer.flush();
        long flushed = System.nanoTime() - w0;
        writer.close();
        long logged = (long) per * threads;
        long stored = activationCount(core) - before;
        Samples all = new Samples(rows);
        for (Samples s : perThread) {
            all.addAll(s);
        }
        all.wall(enqueued);
        report.add(BenchRow.latency(n, "activation.enqueue", "activation logging: enqueue (ActivationWriter.log, "
                + threads + " threads)", all, "rows/s", null));
        double rate = logged / (flushed / 1e9);
        report.add(BenchRow.value(n, "activation.sustained", "activation logging: sustained until flushed", rate,
                "rows/s", null, null, BenchReport.count(logged) + " rows from " + threads + " threads in "
                        + String.format(Locale.ROOT, "%.2f s", flushed / 1e9)));
        report.add(BenchRow.value(n, "activation.lost", "activation rows lost after a clean close", logged - stored,
                "rows", null, null, BenchReport.count(stored) + " in SQLite of " + BenchReport.count(logged) + " logged"
                        + (writer.failed() > 0 ? ", " + writer.failed() + " failed" : "")));
    }

    private static long activationCount(SkillDeskCore core) {
        return core.activationStore().count();
    }

    // ---- memory --------------------------------------------------------------------------------

    private void memory(int n, Path data) {
        say(n, "memory");
        double heapMb = MachineInfo.heapUsedAfterGc() / 1048576.0;
        long rss = MachineInfo.rssBytes();
        long disk = MachineInfo.sizeOnDisk(data);
        report.add(BenchRow.value(n, "memory.heap", "heap used after loading (after System.gc())", heapMb, "MB", null,
                null, "library open, search stack and vector index loaded"));
        if (rss >= 0) {
            report.add(BenchRow.value(n, "memory.rss", "process RSS (VmRSS)", rss / 1048576.0, "MB", null, null,
                    "whole JVM, ONNX model included"));
        } else {
            report.add(BenchRow.skipped(n, "memory.rss", "process RSS (VmRSS)", "no /proc/self/status"));
        }
        report.add(BenchRow.value(n, "memory.disk", "data directory on disk", disk / 1048576.0, "MB", null, null,
                "SQLite file, WAL and the vector index file; activations included"));
    }

    // ---- reads ---------------------------------------------------------------------------------

    private void reads(SkillDeskCore core, int n) {
        say(n, "exact gets, layers, persona lists");
        List<String[]> keys = new ArrayList<>(core.store().liveRefs());
        Collections.shuffle(keys, new Random(options.seed()));
        SkillStore store = core.store();
        int[] misses = {0};
        Samples find = time(i -> {
            String[] k = keys.get(i % keys.size());
            var s = store.find(k[0], k[1]);
            if (s.isEmpty()) {
                misses[0]++;
            }
            return s;
        });
        report.add(BenchRow.latency(n, "get.exact", "exact get by (namespace, name) (SkillStore.find)", find, "gets/s",
                misses[0] == 0 ? null : misses[0] + " not found"));
        for (Layer layer : Layer.values()) {
            Samples s = time(i -> {
                String[] k = keys.get((i * 7 + layer.number()) % keys.size());
                return core.library().layer(AUTHOR, k[0], k[1], layer, 0);
            });
            report.add(BenchRow.latency(n, "get.layer" + layer.number(), "active version, layer " + layer.number()
                    + " (SkillLibrary.layer)", s, "reads/s", null));
        }
        Samples persona = time(i -> store.byPersona(SyntheticCorpus.PERSONAS[i % SyntheticCorpus.PERSONAS.length], 20));
        report.add(BenchRow.latency(n, "list.persona", "persona list of 20 (SkillStore.byPersona)", persona, "lists/s",
                null));
    }

    private Samples time(IntFunction<Object> op) {
        for (int i = 0; i < it.readWarmup(); i++) {
            sink += op.apply(i) == null ? 0 : 1;
        }
        Samples s = new Samples(it.reads());
        long w0 = System.nanoTime();
        for (int i = 0; i < it.reads(); i++) {
            long t0 = System.nanoTime();
            Object r = op.apply(it.readWarmup() + i);
            s.add(System.nanoTime() - t0);
            sink += r == null ? 0 : 1;
        }
        s.wall(System.nanoTime() - w0);
        return s;
    }

    // ---- vectors -------------------------------------------------------------------------------

    private void vectorRows(int n) {
        say(n, "vector search: exact scan and graph over " + BenchReport.count(n) + " generated vectors");
        VectorBench.Result r = vectorResults.computeIfAbsent(n, vectorBench::measure);
        report.add(BenchRow.latency(n, "vector.exact", "vector top-10, namespace filter: exact SIMD scan"
                + " (ExactVectorIndex)", r.exact(), "queries/s", "recall 1 by construction").withValue(1.0, "recall@10"));
        report.add(BenchRow.latency(n, "vector.graph", "vector top-10, namespace filter: graph (GraphVectorIndex,"
                        + " jvector)", r.graph(), "queries/s", r.graphBuilt() ? null : "no graph was built: exact answered")
                .withValue(r.graphRecall(), "recall@10"));
        report.add(BenchRow.value(n, "vector.graph.build", "graph build (buildNow)", r.graphBuildMs() / 1e3, "s",
                n / Math.max(0.001, r.graphBuildMs() / 1e3), "vectors/s", null));
        if (chroma == null) {
            report.add(BenchRow.skipped(n, "vector.chroma", "vector top-10, namespace filter: Chroma server", chromaSkipped));
            report.add(BenchRow.skipped(n, "vector.chroma.load", "Chroma: loading the vectors", chromaSkipped));
            return;
        }
        say(n, "vector search: the same vectors in Chroma");
        try {
            VectorBench.ChromaResult c = vectorBench.chroma(chroma, n, r.truth());
            report.add(BenchRow.latency(n, "vector.chroma", "vector top-10, namespace filter: Chroma server"
                    + " (ChromaVectorIndex)", c.search(), "queries/s", null).withValue(c.recall(), "recall@10"));
            report.add(BenchRow.value(n, "vector.chroma.load", "Chroma: loading the vectors (batches of 1,000)",
                    c.loadMs() / 1e3, "s", n / Math.max(0.001, c.loadMs() / 1e3), "vectors/s",
                    c.serverRssBytes() > 0 ? String.format(Locale.ROOT, "server RSS %.0f MB", c.serverRssBytes() / 1048576.0)
                            : null));
        } catch (RuntimeException e) {
            String why = "Chroma failed: " + e.getMessage();
            report.add(BenchRow.skipped(n, "vector.chroma", "vector top-10, namespace filter: Chroma server", why));
            report.add(BenchRow.skipped(n, "vector.chroma.load", "Chroma: loading the vectors", why));
        }
    }

    /**
     * The semantic map's projection (UMAP written here) over the generated vectors: its wall time, held to 15 s at
     * 10,000 skills on 2 cores, and (up to 2,000 skills, where it is quick to compute) its trustworthiness at k = 10
     * beside PCA's.
     */
    private void mapRows(int n) {
        say(n, "map: projecting " + BenchReport.count(n) + " vectors (UMAP)");
        float[][] v = new float[n][];
        for (int i = 0; i < n; i++) {
            v[i] = dev.skilldesk.map.Overlaps.normalized(vectors.forIndex(i));
        }
        long t0 = System.nanoTime();
        double[][] layout = dev.skilldesk.map.Umap.layout(v);
        double seconds = (System.nanoTime() - t0) / 1e9;
        String trust = null;
        if (n <= 2_000) {
            trust = String.format(Locale.ROOT, "trustworthiness@10 %.3f (PCA %.3f)",
                    dev.skilldesk.map.Trustworthiness.of(v, layout, 10),
                    dev.skilldesk.map.Trustworthiness.of(v, dev.skilldesk.map.Umap.pca(v), 10));
        }
        report.add(BenchRow.value(n, "map.layout", "map: UMAP layout of every skill from scratch (kNN, graph, descent)",
                seconds, "s", n / Math.max(1e-6, seconds), "skills/s", trust)
                .withTarget(n >= 10_000 ? "≤ 15 s at 10,000" : null, n >= 10_000 ? seconds <= 15 : null));
    }

    /** The trust check over the library's skills (SKILL.md and every file), per skill. */
    private void auditRows(SkillDeskCore core, int n) {
        say(n, "trust check of the skills");
        List<dev.skilldesk.skill.Skill> skills = core.library().list(AUTHOR, dev.skilldesk.skill.SkillQuery.all());
        int count = Math.min(skills.size(), 1_000);
        List<dev.skilldesk.library.SkillDraft> drafts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            dev.skilldesk.skill.Skill k = skills.get(i);
            var v = core.library().version(AUTHOR, k.namespace(), k.name(), 0).orElseThrow();
            drafts.add(new dev.skilldesk.library.SkillDraft("bench", k.name(), v.content(),
                    core.library().files(AUTHOR, k.namespace(), k.name(), 0)));
        }
        for (int i = 0; i < Math.min(50, count); i++) {
            dev.skilldesk.audit.Auditor.audit("w", "w", drafts.get(i).content(), drafts.get(i).files());
        }
        Samples s = new Samples(count);
        long w0 = System.nanoTime();
        for (dev.skilldesk.library.SkillDraft d : drafts) {
            long t0 = System.nanoTime();
            sink += dev.skilldesk.audit.Auditor.audit(d.folderName(), d.folderName(), d.content(), d.files()).findings().size();
            s.add(System.nanoTime() - t0);
        }
        s.wall(System.nanoTime() - w0);
        report.add(BenchRow.latency(n, "audit.skill", "trust check of one skill (every rule over SKILL.md and its files)",
                s, "skills/s", count + " skills of the corpus"));
    }

    private void startChroma() {
        if (!options.chroma()) {
            chromaSkipped = "--no-chroma";
            report.note("Chroma: skipped (--no-chroma).");
            return;
        }
        if (!ChromaProcess.installed() && !ChromaProcess.npmAvailable()) {
            chromaSkipped = "npm is not available to install the Chroma server";
            report.note("Chroma: skipped, npm is not available to install the server (" + ChromaProcess.PACKAGES + ").");
            return;
        }
        try {
            progress.println("[bench] starting a Chroma server (npm " + ChromaProcess.PACKAGES + ")");
            progress.flush();
            chromaDir = Files.createTempDirectory("skilldesk-bench-chroma-");
            chroma = new ChromaProcess(chromaDir.resolve("data"));
            report.note("Chroma: npm " + ChromaProcess.PACKAGES + ", started by the benchmark on loopback.");
        } catch (IOException e) {
            chromaSkipped = "the Chroma server did not start: " + e.getMessage();
            report.note("Chroma: skipped, " + chromaSkipped);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            chromaSkipped = "interrupted while starting Chroma";
        }
    }

    // ---- end-to-end search ---------------------------------------------------------------------

    private void endToEnd(SearchService service, int n) {
        say(n, "end-to-end search per mode");
        int anomalies = 0;
        // every mode's code is compiled by the JIT before the first one is measured (hybrid runs first)
        for (int i = 0; i < it.searchWarmup(); i++) {
            for (SearchMode mode : SearchMode.values()) {
                service.search(AUTHOR, new SearchRequest(nextQuery(), mode, null, null, 10));
            }
        }
        for (SearchMode mode : SearchMode.values()) {
            String m = mode.name().toLowerCase(Locale.ROOT);
            for (int i = 0; i < Math.min(30, it.searchWarmup()); i++) {
                service.search(AUTHOR, new SearchRequest(nextQuery(), mode, null, null, 10));
            }
            Samples miss = new Samples(it.searchMisses());
            StageMeans missStages = new StageMeans();
            int wrong = 0;
            long w0 = System.nanoTime();
            for (int i = 0; i < it.searchMisses(); i++) {
                SearchRequest req = new SearchRequest(nextQuery(), mode, null, null, 10);
                long t0 = System.nanoTime();
                SearchResponse r = service.search(AUTHOR, req);
                miss.add(System.nanoTime() - t0);
                missStages.add(r);
                wrong += r.notice() != null || (mode != SearchMode.KEYWORD && r.queryCacheHit()) ? 1 : 0;
            }
            miss.wall(System.nanoTime() - w0);
            List<String> repeated = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                repeated.add(nextQuery());
                service.search(AUTHOR, new SearchRequest(repeated.get(i), mode, null, null, 10));
            }
            // past 10,000 skills a keyword search costs tens of ms: fewer repetitions keep the run short
            int hits = n > Targets.GOAL_SIZE ? it.searchHits() / 4 : it.searchHits();
            Samples hit = new Samples(hits);
            StageMeans hitStages = new StageMeans();
            long h0 = System.nanoTime();
            for (int i = 0; i < hits; i++) {
                SearchRequest req = new SearchRequest(repeated.get(i % repeated.size()), mode, null, null, 10);
                long t0 = System.nanoTime();
                SearchResponse r = service.search(AUTHOR, req);
                hit.add(System.nanoTime() - t0);
                hitStages.add(r);
                wrong += r.notice() != null || (mode != SearchMode.KEYWORD && !r.queryCacheHit()) ? 1 : 0;
            }
            hit.wall(System.nanoTime() - h0);
            boolean keyword = mode == SearchMode.KEYWORD;
            report.add(BenchRow.latency(n, "search." + m + ".miss", "end-to-end " + m + " search, "
                    + (keyword ? "distinct queries (no embedding)" : "query embedding not cached (distinct queries)"),
                    miss, "searches/s", missStages.describe()));
            report.add(BenchRow.latency(n, "search." + m + ".hit", "end-to-end " + m + " search, "
                    + (keyword ? "repeated queries (no embedding)" : "query embedding cached (repeated queries)"),
                    hit, "searches/s", hitStages.describe()));
            anomalies += wrong;
        }
        if (anomalies > 0) {
            report.note(n, anomalies + " end-to-end searches had a notice or an unexpected query-cache state");
        }
    }

    /** Mean time per search stage, from the timings each response carries. */
    private static final class StageMeans {
        private final long[] sums = new long[6];
        private int count;

        void add(SearchResponse r) {
            var t = r.timings();
            sums[0] += t.embedNanos();
            sums[1] += t.vectorNanos();
            sums[2] += t.keywordNanos();
            sums[3] += t.fusionNanos();
            sums[4] += t.fetchNanos();
            sums[5] += t.accessNanos();
            count++;
        }

        String describe() {
            if (count == 0) {
                return null;
            }
            String[] names = {"embed", "vector", "keyword", "fusion", "fetch+snippets", "access"};
            StringBuilder sb = new StringBuilder("mean stages ms:");
            for (int i = 0; i < names.length; i++) {
                sb.append(i == 0 ? " " : ", ").append(names[i]).append(' ')
                        .append(BenchReport.ms(sums[i] / 1e6 / count));
            }
            return sb.toString();
        }
    }

    /** A query text not used before in this run (so its embedding is not cached). */
    private String nextQuery() {
        while (true) {
            Random r = new Random(options.seed() * 7_919 + queryCounter++);
            String verb = SyntheticCorpus.VERBS[r.nextInt(SyntheticCorpus.VERBS.length)];
            String object = SyntheticCorpus.OBJECTS[r.nextInt(SyntheticCorpus.OBJECTS.length)].replace('-', ' ');
            String domain = SyntheticCorpus.DOMAINS[r.nextInt(SyntheticCorpus.DOMAINS.length)];
            String other = SyntheticCorpus.OBJECTS[r.nextInt(SyntheticCorpus.OBJECTS.length)].replace('-', ' ');
            String q = switch (r.nextInt(4)) {
                case 0 -> verb + " a " + object + " for " + domain + " work";
                case 1 -> "how do I " + verb + " " + object + " files in " + domain;
                case 2 -> "I need to " + verb + " the " + object + " of a " + domain + " project with " + other;
                default -> domain + " " + object + " " + verb + " and " + other;
            };
            if (usedQueries.add(q)) {
                return q;
            }
        }
    }

    private void concurrent(SearchService service, int n) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "bench-search");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int count : new int[] {100, 1_000}) {
                say(n, count + " concurrent distinct hybrid searches on " + options.threads() + " threads");
                List<String> queries = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    queries.add(nextQuery());
                }
                long[] latencies = new long[count];
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    int q = i;
                    futures.add(pool.submit(() -> {
                        go.await();
                        long t0 = System.nanoTime();
                        service.search(AUTHOR, new SearchRequest(queries.get(q), SearchMode.HYBRID, null, null, 10));
                        latencies[q] = System.nanoTime() - t0;
                        return null;
                    }));
                }
                long w0 = System.nanoTime();
                go.countDown();
                int failed = 0;
                for (Future<?> f : futures) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        failed++;
                    }
                }
                long wall = System.nanoTime() - w0;
                Samples s = new Samples(count);
                for (long l : latencies) {
                    s.add(l);
                }
                s.wall(wall);
                report.add(BenchRow.latency(n, "concurrent." + count, count + " concurrent distinct hybrid searches ("
                        + options.threads() + " threads)", s, "searches/s", "latency per search, queueing excluded"
                        + (failed > 0 ? "; " + failed + " failed" : "")).withValue(wall / 1e6, "ms wall"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- creation ------------------------------------------------------------------------------

    private void creation(SkillDeskCore core, SearchStack stack, int n) throws InterruptedException {
        int count = it.creations();
        int warmup = 3;
        say(n, "creating " + count + " skills until searchable");
        String modelId = stack.embedder().modelId();
        Samples save = new Samples(count);
        Samples searchable = new Samples(count);
        int timeouts = 0;
        for (int i = 0; i < warmup + count && timeouts < 2; i++) {
            SyntheticCorpus.GeneratedSkill g = SyntheticCorpus.skill(options.seed(), n + i);
            String query = SkillMetadata.of(new SkillMdParser().parse(g.content())).description();
            SearchRequest req = new SearchRequest(query, SearchMode.SEMANTIC, g.namespace(), null, 10);
            stack.service().search(AUTHOR, req); // the query's embedding is cached: what follows times the indexer
            SkillDraft draft = new SkillDraft("bench", g.name(), g.content(), List.of());
            SaveOptions so = new SaveOptions(g.namespace(), AccessLevel.PRIVATE, null);
            long t0 = System.nanoTime();
            SaveOutcome o = core.library().save(AUTHOR, draft, so);
            long t1 = System.nanoTime();
            if (o.status() != SaveOutcome.Status.CREATED) {
                report.note(n, "creating " + g.name() + " did not create it: " + o.status() + " " + o.reason());
                continue;
            }
            long id = o.skill().id();
            long deadline = t1 + TimeUnit.SECONDS.toNanos(30);
            boolean found = false;
            while (System.nanoTime() < deadline) {
                if (indexed(core, id, modelId) && stack.service().search(AUTHOR, req).hits().stream()
                        .anyMatch(h -> h.skill().id() == id)) {
                    found = true;
                    break;
                }
                Thread.sleep(1);
            }
            long t2 = System.nanoTime();
            if (!found) {
                timeouts++;
            }
            if (i >= warmup) {
                save.add(t1 - t0);
                if (found) {
                    searchable.add(t2 - t1);
                }
            }
        }
        report.add(BenchRow.latency(n, "create.save", "skill creation: until SkillLibrary.save returns (new skills)",
                save, "saves/s", "indexer and model running"));
        report.add(BenchRow.latency(n, "create.searchable", "skill creation: from save's return until indexed and"
                        + " found by a semantic search", searchable, BenchRow.NO_THROUGHPUT,
                timeouts == 0 ? "real Indexer and ONNX model; polled every ~1 ms" : timeouts
                        + " not searchable within 30 s"));
    }

    private static boolean indexed(SkillDeskCore core, long skillId, String modelId) {
        return new IndexStateStore(core.database()).indexedAtActive(modelId, skillId);
    }

    // ---- the model alone -----------------------------------------------------------------------

    private void modelSpeed() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        say(0, "the ONNX model: embedding " + it.embedTexts() + " texts");
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-embedder");
            t.setDaemon(true);
            return t;
        });
        try {
            OnnxEmbedder embedder = new OnnxEmbedder(OnnxEmbedder.Model.MINILM_L6_V2_Q, pool);
            SkillMdParser parser = new SkillMdParser();
            List<String> texts = new ArrayList<>();
            long chars = 0;
            for (int i = 0; i < it.embedTexts() + 32; i++) {
                SyntheticCorpus.GeneratedSkill g = SyntheticCorpus.skill(options.seed(), 10_000_000 + i);
                ParsedSkillMd parsed = parser.parse(g.content());
                SkillMetadata meta = SkillMetadata.of(parsed);
                String t = EmbeddingText.DEFAULT.of(g.name(), meta.description(), meta.tags(), parsed.coreInstructions());
                texts.add(t);
                if (i >= 32) {
                    chars += t.length();
                }
            }
            embedder.embedPassages(texts.subList(0, 32)); // warm-up
            long t0 = System.nanoTime();
            int batch = 32; // as the indexer batches
            for (int i = 32; i < texts.size(); i += batch) {
                sink += embedder.embedPassages(texts.subList(i, Math.min(texts.size(), i + batch))).size();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            report.add(BenchRow.value(0, "model.embeddings", "embeddings/s of the ONNX MiniLM model"
                            + " (OnnxEmbedder.embedPassages)", it.embedTexts() / seconds, "embeddings/s", null, null,
                    it.embedTexts() + " texts of ~" + chars / it.embedTexts() + " chars (what the indexer embeds) in"
                            + " batches of 32 on " + threads + (threads == 1 ? " thread" : " threads")));
            for (int i = 0; i < 5; i++) {
                embedder.embedQuery(nextQuery());
            }
            Samples q = new Samples(50);
            long w0 = System.nanoTime();
            for (int i = 0; i < (options.quick() ? 20 : 100); i++) {
                String query = nextQuery();
                long s0 = System.nanoTime();
                sink += embedder.embedQuery(query).length;
                q.add(System.nanoTime() - s0);
            }
            q.wall(System.nanoTime() - w0);
            report.add(BenchRow.latency(0, "model.query", "query embedding (OnnxEmbedder.embedQuery, distinct queries)",
                    q, "queries/s", null));
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void say(int n, String what) {
        progress.println("[bench" + (n > 0 ? " " + BenchReport.count(n) : "") + "] " + what);
        progress.flush();
    }

    static void deleteTree(Path root) throws IOException {
        dev.skilldesk.library.FileTrees.delete(root);
    }
}
