package dev.skilldesk.search;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Exact search below a size where it is the faster choice; above it, an HNSW-style graph (jvector,
 * M=16, efConstruction=200, search beam ef=32 by default: recall@10 0.999 at 100,000 vectors, see
 * BENCHMARKS.md) built in the background from a snapshot. Until a graph
 * exists, and for skills added or changed since its snapshot, the exact index answers; results are
 * merged. Filters are applied inside the graph search (jvector's accept-bits), not by over-fetching.
 */
public final class GraphVectorIndex implements LocalVectorIndex {
    private static final Logger LOG = Logger.getLogger(GraphVectorIndex.class.getName());
    private static final VectorTypeSupport VTS = VectorizationProvider.getInstance().getVectorTypeSupport();

    /** The graph's parameters. */
    public record Params(int crossover, int m, int efConstruction, int ef, double rebuildFraction) {
        /** Crossover from the benchmark (BENCHMARKS.md): below it the SIMD exact scan is as fast or faster. */
        public static Params defaults() {
            return new Params(50_000, 16, 200, 32, 0.10);
        }
    }

    private record Snapshot(ImmutableGraphIndex graph, RandomAccessVectorValues vectors, long[] ids) {
    }

    private final ExactVectorIndex exact;
    private final Params params;
    /** The search beam; starts at {@link Params#ef}, changed by {@link #searchEf(int)}. */
    private volatile int ef;
    private final Set<Long> changedSinceSnapshot = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean building = new AtomicBoolean();
    private final ExecutorService builder = Executors.newSingleThreadExecutor(
            r -> dev.skilldesk.BackgroundPriority.newDaemon("skilldesk-graph-builder", r));
    private volatile Snapshot snapshot;
    private volatile long lastBuildMillis;

    public GraphVectorIndex(ExactVectorIndex exact, Params params) {
        this.exact = exact;
        this.params = params;
        this.ef = params.ef();
    }

    @Override
    public String modelId() {
        return exact.modelId();
    }

    @Override
    public int dimension() {
        return exact.dimension();
    }

    @Override
    public void upsert(List<VectorEntry> entries) {
        exact.upsert(entries);
        entries.forEach(e -> changed(e.skillId()));
        maybeBuild();
    }

    @Override
    public void updateMeta(long skillId, EntryMeta meta) {
        exact.updateMeta(skillId, meta); // the graph reads metadata from the exact index at search time
    }

    @Override
    public void remove(long skillId) {
        exact.remove(skillId);
        changed(skillId);
    }

    @Override
    public void clear() {
        exact.clear();
        snapshot = null; // a build in flight may still install a graph of old ids; they fail metaOf and drop out
        changedSinceSnapshot.clear();
    }

    /** Whether searches currently go through a graph. */
    public boolean hasGraph() {
        return snapshot != null;
    }

    public long lastBuildMillis() {
        return lastBuildMillis;
    }

    /** Builds the graph now if the index is past the crossover (the benchmark waits on it). */
    public void buildNow() {
        if (exact.size() >= params.crossover()) {
            build();
        }
    }

    private void maybeBuild() {
        if (rebuildDue() && building.compareAndSet(false, true)) {
            builder.submit(() -> {
                boolean built = false;
                try {
                    // what arrived while a graph was built stays in the exact delta; when that is more than the
                    // rebuild fraction (a bulk load outruns the build), build again rather than wait for a change
                    do {
                        build();
                    } while (rebuildDue());
                    built = true;
                } catch (RuntimeException e) {
                    LOG.warning("graph build failed; exact search continues: " + e);
                } finally {
                    building.set(false);
                }
                if (built) {
                    maybeBuild(); // a change between the last check and the release
                }
            });
        }
    }

    private boolean rebuildDue() {
        if (exact.size() < params.crossover()) {
            return false;
        }
        Snapshot s = snapshot;
        return s == null || changedSinceSnapshot.size() > params.rebuildFraction() * s.ids().length;
    }

    /** Whether a background build is running (the benchmark waits for it). */
    public boolean building() {
        return building.get();
    }

    /** How many skills changed since the graph's snapshot (searched exactly beside the graph). */
    public int deltaSize() {
        return changedSinceSnapshot.size();
    }

    private void changed(long skillId) {
        changedSinceSnapshot.add(skillId);
        if (copying) {
            pendingDuringBuild.add(skillId);
        }
    }

    private synchronized void build() {
        long t0 = System.nanoTime();
        pendingDuringBuild.clear();
        copying = true;
        List<VectorEntry> entries = exact.entries();
        List<VectorFloat<?>> vectors = new ArrayList<>(entries.size());
        long[] ids = new long[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            vectors.add(VTS.createFloatVector(entries.get(i).vector()));
            ids[i] = entries.get(i).skillId();
        }
        RandomAccessVectorValues ravv = new ListRandomAccessVectorValues(vectors, exact.dimension());
        BuildScoreProvider bsp = BuildScoreProvider.randomAccessScoreProvider(ravv, VectorSimilarityFunction.DOT_PRODUCT);
        try (GraphIndexBuilder b = new GraphIndexBuilder(bsp, exact.dimension(), params.m(), params.efConstruction(),
                1.2f, 1.2f, true)) {
            ImmutableGraphIndex graph = b.build(ravv);
            snapshot = new Snapshot(graph, ravv, ids);
            // what changed after the copy stays in the delta; everything else is in the graph now
            changedSinceSnapshot.clear();
            changedSinceSnapshot.addAll(pendingDuringBuild);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            copying = false;
        }
        lastBuildMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        LOG.fine(() -> "graph of " + ids.length + " vectors built in " + lastBuildMillis + " ms");
    }

    /** Changes that arrive while a build copies and links the vectors; they remain in the delta. */
    private final Set<Long> pendingDuringBuild = ConcurrentHashMap.newKeySet();
    private volatile boolean copying;

    /** Sets the search beam (candidates kept during the walk): lower is faster, higher finds more. */
    public void searchEf(int ef) {
        if (ef < 1) {
            throw new IllegalArgumentException("ef must be at least 1");
        }
        this.ef = ef;
    }

    @Override
    public List<VectorHit> search(float[] query, int k, VectorFilter filter) {
        Snapshot s = snapshot;
        if (s == null) {
            return exact.search(query, k, filter);
        }
        Set<Long> delta = changedSinceSnapshot;
        Bits accept = ord -> {
            long id = s.ids()[ord];
            if (delta.contains(id)) {
                return false; // the exact index has the current vector (or none)
            }
            EntryMeta m = exact.metaOf(id); // null once removed
            return m != null && (filter == null || filter.test(m));
        };
        SearchResult r = GraphSearcher.search(VTS.createFloatVector(query), k, Math.max(ef, k), s.vectors(),
                VectorSimilarityFunction.DOT_PRODUCT, s.graph(), accept);
        Map<Long, VectorHit> merged = new HashMap<>();
        for (SearchResult.NodeScore ns : r.getNodes()) {
            long id = s.ids()[ns.node];
            merged.put(id, new VectorHit(id, 2 * ns.score - 1)); // jvector's (1 + dot) / 2 back to the cosine
        }
        if (!delta.isEmpty()) {
            for (VectorHit h : exact.searchAmong(delta, query, k, filter)) {
                merged.put(h.skillId(), h);
            }
        }
        List<VectorHit> out = new ArrayList<>(merged.values());
        out.sort((a, b) -> Float.compare(b.score(), a.score()));
        if (out.size() < k && exact.size() > out.size()) {
            // a filter so narrow that the graph walk found too few: scan instead (still exact)
            return exact.search(query, k, filter);
        }
        return out.size() > k ? out.subList(0, k) : out;
    }

    @Override
    public int size() {
        return exact.size();
    }

    @Override
    public List<VectorEntry> entries() {
        return exact.entries();
    }

    @Override
    public void close() {
        builder.shutdownNow();
    }
}
