package dev.skilldesk.search;

import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GraphVectorIndexTest {
    static final int DIM = 32;
    static final Principal ALICE = new Principal("alice", "ns");
    static final Principal BOB = new Principal("bob", "ns");

    private static float[] random(Random r) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Embedder.normalize(v);
    }

    private static List<VectorEntry> entries(int n, Random r) {
        List<VectorEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // every third skill is private to alice; the rest are public
            AccessLevel a = i % 3 == 0 ? AccessLevel.PRIVATE : AccessLevel.PUBLIC;
            out.add(new VectorEntry(i, 1, random(r), new EntryMeta("ns", null, a, "alice", false, Set.of())));
        }
        return out;
    }

    @Test
    void pastTheCrossoverTheGraphAnswersWithHighRecallAndTheFilterInside() {
        Random r = new Random(42);
        ExactVectorIndex reference = new ExactVectorIndex("m", DIM);
        GraphVectorIndex graph = new GraphVectorIndex(new ExactVectorIndex("m", DIM),
                new GraphVectorIndex.Params(1_000, 16, 100, 100, 0.5));
        List<VectorEntry> es = entries(3_000, r);
        reference.upsert(es);
        graph.upsert(es);
        graph.buildNow();
        assertThat(graph.hasGraph()).isTrue();

        double recall = 0;
        int queries = 50;
        VectorFilter bob = new VectorFilter(BOB, null, null);
        for (int q = 0; q < queries; q++) {
            float[] query = random(r);
            Set<Long> truth = new HashSet<>(reference.search(query, 10, bob).stream().map(VectorHit::skillId).toList());
            List<VectorHit> got = graph.search(query, 10, bob);
            assertThat(got).hasSize(10);
            assertThat(got).allSatisfy(h -> assertThat(h.skillId() % 3).as("bob never sees alice's private").isNotZero());
            recall += got.stream().filter(h -> truth.contains(h.skillId())).count() / 10.0;
        }
        assertThat(recall / queries).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void changesAfterTheSnapshotAreServedFromTheDelta() {
        Random r = new Random(7);
        GraphVectorIndex graph = new GraphVectorIndex(new ExactVectorIndex("m", DIM),
                new GraphVectorIndex.Params(500, 16, 100, 100, 10.0));
        graph.upsert(entries(1_000, r));
        graph.buildNow();
        float[] target = random(r);
        graph.upsert(List.of(new VectorEntry(5_000, 1, target, new EntryMeta("ns", null, AccessLevel.PUBLIC, "x", false, Set.of()))));
        assertThat(graph.search(target, 1, null).get(0).skillId()).isEqualTo(5_000);
        graph.remove(5_000);
        assertThat(graph.search(target, 5, null)).extracting(VectorHit::skillId).doesNotContain(5_000L);
        long someId = 4;
        graph.remove(someId);
        for (int i = 0; i < 20; i++) {
            assertThat(graph.search(random(r), 20, null)).extracting(VectorHit::skillId).doesNotContain(someId);
        }
        graph.updateMeta(7, new EntryMeta("ns", null, AccessLevel.PRIVATE, "carol", false, Set.of()));
        VectorFilter alice = new VectorFilter(ALICE, null, null);
        for (int i = 0; i < 20; i++) {
            assertThat(graph.search(random(r), 50, alice)).extracting(VectorHit::skillId).doesNotContain(7L);
        }
    }

    @Test
    void aBulkLoadThatOutrunsTheBuildIsFoldedIntoALaterGraph() throws InterruptedException {
        // as Indexer.rebuildFromSqlite loads: many upserts in quick succession, the first past the crossover
        // starting a build that copies only what is there by then
        Random r = new Random(11);
        GraphVectorIndex graph = new GraphVectorIndex(new ExactVectorIndex("m", DIM),
                new GraphVectorIndex.Params(500, 16, 100, 100, 0.10));
        List<VectorEntry> es = entries(4_000, r);
        for (int i = 0; i < es.size(); i += 100) {
            graph.upsert(es.subList(i, i + 100));
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while ((!graph.hasGraph() || graph.building()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(graph.hasGraph()).isTrue();
        assertThat(graph.deltaSize()).as("skills left beside the graph after the load settled")
                .isLessThanOrEqualTo(400);
        graph.close();
    }

    @Test
    void belowTheCrossoverItIsExact() {
        GraphVectorIndex graph = new GraphVectorIndex(new ExactVectorIndex("m", DIM), GraphVectorIndex.Params.defaults());
        graph.upsert(entries(100, new Random(1)));
        graph.buildNow();
        assertThat(graph.hasGraph()).isFalse();
        assertThat(graph.search(random(new Random(2)), 5, null)).hasSize(5);
    }
}
