package dev.skilldesk.search;

import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory keyword ranking against its source of truth, the FTS5 table. */
class LuceneKeywordIndexTest {
    static final Principal ALICE = new Principal("alice", "team-a");
    static final Principal BOB = new Principal("bob", "team-a");

    @TempDir
    Path dir;
    SearchFixture f;
    KeywordIndex fts;

    @BeforeEach
    void setUp() {
        f = new SearchFixture(dir, new FakeEmbedder());
        fts = new KeywordIndex(f.core.database());
        f.add(ALICE, "team-a", "csv-cleaner", "Clean messy CSV spreadsheets: trim blanks, fix dates", AccessLevel.PUBLIC, "analyst");
        f.add(ALICE, "team-a", "poster-maker", "Design conference posters in LaTeX", AccessLevel.TEAM, "writer");
        f.add(ALICE, "team-a", "pdf-extractor", "Extracting tables and text from PDF files", AccessLevel.PRIVATE, "analyst");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private List<Long> ids(KeywordIndex index, Principal who, String q, String ns, String persona) {
        return index.search(who, q, ns, persona, 10).stream().map(KeywordIndex.Hit::skillId).toList();
    }

    @Test
    void findsWhatFts5FindsWithTheSameStemmingAndFilters() {
        for (String q : List.of("extract pdf tables", "cleaning spreadsheets", "posters", "design csv", "nothing-matches-zzz")) {
            for (Principal who : List.of(ALICE, BOB)) {
                assertThat(ids(f.keyword, who, q, null, null)).as(q + " as " + who.agentId())
                        .containsExactlyInAnyOrderElementsOf(ids(fts, who, q, null, null));
                assertThat(ids(f.keyword, who, q, null, "analyst")).as(q + " persona")
                        .containsExactlyInAnyOrderElementsOf(ids(fts, who, q, null, "analyst"));
            }
        }
        assertThat(f.keyword.rankedInMemory()).isTrue();
        assertThat(f.names(BOB, "extracting pdf", SearchMode.KEYWORD)).as("private to alice").isEmpty();
    }

    @Test
    void aChangeIsSeenByTheNextSearch() {
        assertThat(f.names(BOB, "posters", SearchMode.KEYWORD)).containsExactly("poster-maker");
        f.core.library().setAccess(ALICE, "team-a", "poster-maker", AccessLevel.PRIVATE);
        assertThat(f.names(BOB, "posters", SearchMode.KEYWORD)).isEmpty();
        f.core.library().delete(ALICE, "team-a", "csv-cleaner");
        assertThat(f.names(ALICE, "spreadsheets", SearchMode.KEYWORD)).isEmpty();
        f.add(ALICE, "team-a", "chart-maker", "Plot charts from spreadsheets", AccessLevel.PUBLIC, null);
        assertThat(f.names(BOB, "spreadsheets", SearchMode.KEYWORD)).containsExactly("chart-maker");
    }

    @Test
    void aBulkChangeIsAnsweredByFts5UntilTheIndexHasCaughtUp() throws Exception {
        for (int i = 0; i < 300; i++) {
            f.add(ALICE, "team-a", "bulk-" + i, "Bulk skill number " + i + " about invoices", AccessLevel.PUBLIC, null);
        }
        // the first search after the bulk change is answered from SQLite, and completely
        assertThat(f.keyword.search(BOB, "invoices", null, null, 500)).hasSize(300);
        long deadline = System.currentTimeMillis() + 30_000;
        while (!f.keyword.rankedInMemory() || f.keyword.search(BOB, "invoices", null, null, 500).size() != 300) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void savedChangesAreReadInTheBackgroundBeforeAnyQuery() throws Exception {
        f.search(ALICE, "posters", SearchMode.KEYWORD); // current now
        for (int i = 0; i < 40; i++) {
            f.add(ALICE, "team-a", "later-" + i, "Skill number " + i + " saved after the build", AccessLevel.PUBLIC, null);
            f.keyword.refreshSoon(); // as SkillDeskCore does on every change
        }
        assertThat(f.keyword.rankingCurrent()).as("not read yet: the refresh waits for the changes to stop").isFalse();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!f.keyword.rankingCurrent()) {
            assertThat(System.currentTimeMillis()).as("read within ten seconds, with no query").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(f.names(BOB, "saved after the build", SearchMode.KEYWORD)).hasSize(10);
    }

    @Test
    void snippetsMarkTheMatchInTheDescriptionOrTheText() {
        f.search(ALICE, "tables", SearchMode.KEYWORD); // catches up
        long pdf = f.core.store().find("team-a", "pdf-extractor").orElseThrow().id();
        assertThat(f.keyword.snippets("extract tables", List.of(pdf)).get(pdf))
                .isEqualTo("«Extracting» «tables» and text from PDF files");
        SearchHit hit = f.search(ALICE, "core instructions", SearchMode.KEYWORD).hits().get(0);
        assertThat(hit.snippet()).contains("«Core»").contains("«Instructions»");
    }
}
