package dev.skilldesk.search;

import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SearchServiceTest {
    static final Principal ALICE = new Principal("alice", "team-a");
    static final Principal BOB = new Principal("bob", "team-a");
    static final Principal CAROL = new Principal("carol", "team-a");
    static final Principal MALLORY = new Principal("mallory", "team-b");

    @TempDir
    Path dir;
    SearchFixture f;

    @BeforeEach
    void setUp() {
        f = new SearchFixture(dir, new FakeEmbedder());
        f.add(ALICE, "team-a", "csv-cleaner", "Clean messy CSV spreadsheets: trim blanks, fix dates", AccessLevel.PUBLIC, "analyst");
        f.add(ALICE, "team-a", "poster-maker", "Design conference posters in LaTeX", AccessLevel.TEAM, "writer");
        f.add(ALICE, "team-a", "secret-recipes", "Private cooking recipes for dinner", AccessLevel.PRIVATE, "cook");
        f.add(ALICE, "team-a", "shared-notes", "Shared meeting notes summariser", AccessLevel.SHARED, "writer");
        f.core.library().share(ALICE, "team-a", "shared-notes", "carol");
        f.awaitIdle();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void everyModeFindsTheObviousMatch(SearchMode mode) {
        SearchResponse r = f.search(ALICE, "clean my CSV spreadsheets", mode);
        assertThat(r.hits()).isNotEmpty();
        assertThat(r.hits().get(0).skill().name()).isEqualTo("csv-cleaner");
        assertThat(r.hits().get(0).foundBy()).contains(mode == SearchMode.HYBRID ? SearchMode.KEYWORD : mode);
        assertThat(r.timings().totalNanos()).isPositive();
        assertThat(r.notice()).isNull();
        // one relevance a person can read, in every mode: 0..1, never rising down the ranking
        double previous = 1;
        for (SearchHit h : r.hits()) {
            assertThat(h.relevance()).isBetween(0.0, 1.0).isLessThanOrEqualTo(previous);
            previous = h.relevance();
        }
        assertThat(r.hits().get(0).relevance()).isGreaterThan(0.2);
    }

    @Test
    void snippetsMarkTheRequestsWordsNotItsStopWordsAndShowNoFrontmatter() {
        SearchHit top = f.search(ALICE, "clean the CSV spreadsheets with a script", SearchMode.HYBRID).hits().get(0);
        assertThat(top.snippet()).contains("«CSV»").doesNotContain("«the»").doesNotContain("«a»").doesNotContain("«with»");
        assertThat(KeywordIndex.bodyOf("---\nname: x\nlicense: MIT\n---\n# Body\ntext\n")).isEqualTo("# Body\ntext\n");
        assertThat(KeywordIndex.bodyOf("# No frontmatter\n")).isEqualTo("# No frontmatter\n");
    }

    @Test
    void relevanceCombinesBothSidesAndKeywordModeSaysNothingOfAnEmbedding() {
        assertThat(SearchService.relevance(null, null)).isZero();
        assertThat(SearchService.relevance(0.6f, null)).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(SearchService.relevance(0.6f, 3.0)).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(SearchService.relevance(-0.2f, null)).isZero();
        SearchResponse k = f.search(ALICE, "csv", SearchMode.KEYWORD);
        assertThat(k.timings().describe(false)).doesNotContain("cache").doesNotContain("embed");
    }

    @Test
    void hybridSaysWhichModesFoundEachHitAndHighlights() {
        SearchHit top = f.search(ALICE, "clean CSV spreadsheets", SearchMode.HYBRID).hits().get(0);
        assertThat(top.foundBy()).containsExactlyInAnyOrder(SearchMode.SEMANTIC, SearchMode.KEYWORD);
        assertThat(top.semanticRank()).isEqualTo(1);
        assertThat(top.keywordRank()).isEqualTo(1);
        assertThat(top.snippet()).contains("«CSV»");
    }

    @Test
    void theSecondIdenticalQueryHitsTheEmbeddingCache() {
        assertThat(f.search(ALICE, "conference posters", SearchMode.SEMANTIC).queryCacheHit()).isFalse();
        SearchResponse again = f.search(ALICE, "conference posters", SearchMode.SEMANTIC);
        assertThat(again.queryCacheHit()).isTrue();
        assertThat(again.timings().describe(true)).contains("cache hit");
    }

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void accessRulesHoldInEveryMode(SearchMode mode) {
        String q = "csv posters recipes notes meeting cooking dinner conference spreadsheets";
        assertThat(f.names(ALICE, q, mode)).contains("csv-cleaner", "poster-maker", "secret-recipes", "shared-notes");
        assertThat(f.names(BOB, q, mode)).contains("csv-cleaner", "poster-maker")
                .doesNotContain("secret-recipes", "shared-notes");
        assertThat(f.names(CAROL, q, mode)).contains("shared-notes").doesNotContain("secret-recipes");
        assertThat(f.names(MALLORY, q, mode)).contains("csv-cleaner")
                .doesNotContain("poster-maker", "secret-recipes", "shared-notes");
    }

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void accessChangesReachTheIndex(SearchMode mode) throws Exception {
        f.core.library().setAccess(ALICE, "team-a", "secret-recipes", AccessLevel.PUBLIC);
        f.core.library().delete(ALICE, "team-a", "csv-cleaner");
        long deadline = System.currentTimeMillis() + 10_000;
        List<String> seen = List.of();
        while (System.currentTimeMillis() < deadline) {
            seen = f.names(MALLORY, "recipes cooking dinner csv", mode);
            if (seen.contains("secret-recipes") && !seen.contains("csv-cleaner")) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(seen).contains("secret-recipes").doesNotContain("csv-cleaner");
    }

    @Test
    void namespaceAndPersonaFilters() {
        SearchResponse r = f.search.search(ALICE, new SearchRequest("posters notes csv", SearchMode.HYBRID, null, "writer", 10));
        assertThat(r.hits()).extracting(h -> h.skill().persona()).containsOnly("writer");
        assertThat(f.search.search(ALICE, new SearchRequest("csv", SearchMode.HYBRID, "team-b", null, 10)).hits()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"csv", "csv* OR NEAR(a b)", "'; DROP TABLE skills; --", "name:csv", "^csv AND -x",
            "((((", "csv\u0000", "", "   ", "🙂 emoji", "%_%"})
    void queryTextIsInertWhateverItContains(String q) {
        for (SearchMode mode : SearchMode.values()) {
            SearchResponse r = f.search(ALICE, q, mode);
            assertThat(r).isNotNull();
        }
        assertThat(f.core.store().find("team-a", "csv-cleaner")).isPresent();
    }
}
