package dev.skilldesk.search;

import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a real Chroma server started for the test (npm chromadb@3.0.3), on loopback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChromaIntegrationTest {
    static final Principal ALICE = new Principal("alice", "team-a");
    static final Principal BOB = new Principal("bob", "team-a");
    static final Principal CAROL = new Principal("carol", "team-a");
    static final Principal MALLORY = new Principal("mallory", "team-b");

    @TempDir
    static Path dir;
    ChromaServer chroma;

    @BeforeAll
    void startChroma() throws Exception {
        assertThat(ChromaServer.npmAvailable()).as("npm is needed to install the Chroma test server").isTrue();
        chroma = new ChromaServer(dir.resolve("chroma-data"));
    }

    @AfterAll
    void stopChroma() throws Exception {
        if (chroma != null) {
            chroma.close();
        }
    }

    private ChromaVectorIndex index(String prefix) {
        return new ChromaVectorIndex(chroma.url(), prefix, "fake:bow-64", FakeEmbedder.DIM,
                new CircuitBreaker("chroma", 2, Duration.ofMillis(500), Duration.ofSeconds(5), Clock.systemUTC()),
                Duration.ofSeconds(5));
    }

    private static VectorEntry entry(long id, String text, String owner, AccessLevel access, Set<String> shared) {
        return new VectorEntry(id, 1, FakeEmbedder.vector(text), new EntryMeta("team-a", "p", access, owner, false, shared));
    }

    @Test
    void roundTripWithAccessFiltersInsideTheQuery() {
        ChromaVectorIndex idx = index("roundtrip");
        idx.clear();
        idx.upsert(List.of(
                entry(1, "alpha beta", "alice", AccessLevel.PRIVATE, Set.of()),
                entry(2, "alpha gamma", "alice", AccessLevel.TEAM, Set.of()),
                entry(3, "alpha delta", "alice", AccessLevel.SHARED, Set.of("carol")),
                entry(4, "alpha epsilon", "alice", AccessLevel.PUBLIC, Set.of())));
        float[] q = FakeEmbedder.vector("alpha beta");
        assertThat(ids(idx.search(q, 10, new VectorFilter(ALICE, null, null)))).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        assertThat(idx.search(q, 1, new VectorFilter(ALICE, null, null)).get(0).skillId()).isEqualTo(1L);
        assertThat(idx.search(q, 1, new VectorFilter(ALICE, null, null)).get(0).score()).isGreaterThan(0.99f);
        assertThat(ids(idx.search(q, 10, new VectorFilter(BOB, null, null)))).containsExactlyInAnyOrder(2L, 4L);
        assertThat(ids(idx.search(q, 10, new VectorFilter(CAROL, null, null)))).containsExactlyInAnyOrder(2L, 3L, 4L);
        assertThat(ids(idx.search(q, 10, new VectorFilter(MALLORY, null, null)))).containsExactly(4L);

        idx.updateMeta(1, new EntryMeta("team-a", "p", AccessLevel.PUBLIC, "alice", false, Set.of()));
        assertThat(ids(idx.search(q, 10, new VectorFilter(MALLORY, null, null)))).containsExactlyInAnyOrder(1L, 4L);
        idx.remove(4);
        assertThat(ids(idx.search(q, 10, new VectorFilter(MALLORY, null, null)))).containsExactly(1L);
        assertThat(idx.search(q, 10, new VectorFilter(ALICE, "team-b", null))).isEmpty();
    }

    @Test
    void searchThroughTheIndexerAndSurviveARestartOfTheServer() throws Exception {
        ChromaVectorIndex idx = index("lifecycle");
        try (SearchFixture f = new SearchFixture(dir.resolve("lib"), new FakeEmbedder(), idx, null)) {
            f.add(ALICE, "team-a", "csv-cleaner", "clean csv spreadsheets", AccessLevel.TEAM, null);
            f.add(ALICE, "team-a", "secret", "private csv diary", AccessLevel.PRIVATE, null);
            f.awaitIdle();
            SearchResponse up = f.search(BOB, "clean csv spreadsheets", SearchMode.SEMANTIC);
            assertThat(up.notice()).isNull();
            assertThat(up.hits()).extracting(h -> h.skill().name()).containsExactly("csv-cleaner");
            assertThat(up.hits().get(0).foundBy()).containsExactly(SearchMode.SEMANTIC);

            chroma.stop();
            try {
                downAndBack(f);
            } finally {
                chroma.start(); // idempotent enough: start() only when stopped
            }
        }
    }

    private void downAndBack(SearchFixture f) throws Exception {
        SearchResponse down = f.search(BOB, "clean csv spreadsheets", SearchMode.HYBRID);
        assertThat(down.notice()).contains("semantic search failed");
        assertThat(down.hits()).extracting(h -> h.skill().name()).containsExactly("csv-cleaner"); // keyword
        f.add(ALICE, "team-a", "poster-maker", "design conference posters", AccessLevel.TEAM, null);
        Thread.sleep(1_500); // the indexer embeds it; Chroma misses the write

        chroma.start();
        long deadline = System.currentTimeMillis() + 30_000;
        List<String> names = List.of();
        while (System.currentTimeMillis() < deadline) {
            try {
                names = f.names(BOB, "design conference posters", SearchMode.SEMANTIC);
            } catch (RuntimeException ignored) {
                // breaker half-open
            }
            if (!names.isEmpty() && names.get(0).equals("poster-maker")) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(names).first().isEqualTo("poster-maker");
        assertThat(f.names(BOB, "private csv diary", SearchMode.SEMANTIC)).doesNotContain("secret");
    }

    private static List<Long> ids(List<VectorHit> hits) {
        return hits.stream().map(VectorHit::skillId).toList();
    }
}
