package dev.skilldesk.search;

import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The window's first search: answered by keywords while the model loads, with meaning once it has (#18). */
class AnswerWhileModelLoadsTest {
    static final Principal ALICE = new Principal("alice", "team-a");

    /** The bag-of-words embedder, with a model that is "loaded" only once preloaded. */
    static final class Loading implements Embedder {
        final FakeEmbedder inner = new FakeEmbedder();
        final AtomicBoolean loaded = new AtomicBoolean();
        final AtomicInteger preloads = new AtomicInteger();

        @Override public String modelId() { return inner.modelId(); }
        @Override public int dimension() { return inner.dimension(); }
        @Override public float[] embedQuery(String q) { loaded.set(true); return inner.embedQuery(q); }
        @Override public List<float[]> embedPassages(List<String> p) { return inner.embedPassages(p); }
        @Override public boolean loaded() { return loaded.get(); }
        @Override public void preload() { preloads.incrementAndGet(); }
    }

    @Test
    void aHybridSearchBeforeTheModelLoadsIsAnsweredByKeywordsAndSaysSo(@TempDir Path dir) {
        Loading embedder = new Loading();
        try (SearchFixture f = new SearchFixture(dir, embedder)) {
            f.add(ALICE, "team-a", "csv-cleaner", "Clean messy CSV spreadsheets: trim blanks, fix dates", AccessLevel.PUBLIC, "analyst");
            f.add(ALICE, "team-a", "poster-maker", "Design conference posters in LaTeX", AccessLevel.PUBLIC, "writer");
            f.awaitIdle(); // passages embedded: the "model" for queries is still not loaded
            embedder.loaded.set(false);

            // a request that does not ask for it (the CLI, MCP): the search waits for the model and ranks by meaning too
            SearchResponse waited = f.search(ALICE, "clean my CSV spreadsheets", SearchMode.HYBRID);
            assertThat(waited.notice()).isNull();
            assertThat(waited.hits().get(0).foundBy()).contains(SearchMode.SEMANTIC);

            assertThat(waited.provisional()).isFalse();
            embedder.loaded.set(false);
            // the window's request: answered at once by keywords, provisional
            SearchResponse first = f.search.search(ALICE, new SearchRequest("tidy up spreadsheets", SearchMode.HYBRID,
                    null, null, 10).answeredWhileModelLoads());
            assertThat(first.provisional()).isTrue();
            assertThat(first.notice()).isEqualTo(SearchService.MODEL_LOADING);
            assertThat(first.hits()).isNotEmpty().allSatisfy(h -> assertThat(h.foundBy()).containsOnly(SearchMode.KEYWORD));
            assertThat(embedder.preloads).hasValue(1);
            assertThat(embedder.loaded()).isFalse(); // the keyword answer did not wait for it

            embedder.loaded.set(true); // loaded: the same request is ranked by meaning as well
            SearchResponse again = f.search.search(ALICE, new SearchRequest("tidy up spreadsheets", SearchMode.HYBRID,
                    null, null, 10).answeredWhileModelLoads());
            assertThat(again.notice()).isNull();
            assertThat(again.provisional()).isFalse();
            // semantic mode is asked for meaning: it waits rather than answer by keywords
            embedder.loaded.set(false);
            assertThat(f.search.search(ALICE, new SearchRequest("clean my CSV spreadsheets", SearchMode.SEMANTIC,
                    null, null, 10).answeredWhileModelLoads()).notice()).isNull();
        }
    }
}
