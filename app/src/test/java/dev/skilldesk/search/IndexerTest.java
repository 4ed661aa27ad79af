package dev.skilldesk.search;

import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class IndexerTest {
    static final Principal ALICE = new Principal("alice", "team-a");

    @TempDir
    Path dir;

    private static void addMany(SearchFixture f, int n) {
        for (int i = 0; i < n; i++) {
            f.add(ALICE, "team-a", "skill-" + i, "Skill number " + i + " about topic" + (i % 7), AccessLevel.PRIVATE, null);
        }
    }

    private Path indexFile() throws Exception {
        try (var s = Files.list(dir.resolve("index"))) {
            return s.filter(p -> p.toString().endsWith(".bin")).findFirst().orElseThrow();
        }
    }

    @Test
    void savingReturnsBeforeEmbeddingAndEverythingGetsIndexed() {
        try (SearchFixture f = new SearchFixture(dir, new FakeEmbedder())) {
            addMany(f, 50);
            IndexStatus s = f.awaitIdle();
            assertThat(s.indexed()).isEqualTo(50);
            assertThat(f.indexer.index().size()).isEqualTo(50);
        }
    }

    @Test
    void pendingWorkSurvivesARestartBecauseItLivesInSqlite() throws Exception {
        try (SearchFixture f = new SearchFixture(dir, new FakeEmbedder())) {
            f.indexer.pause();
            addMany(f, 40);
            assertThat(f.indexer.status().pending()).isEqualTo(40);
        }
        try (SearchFixture again = new SearchFixture(dir, new FakeEmbedder())) {
            assertThat(again.awaitIdle().indexed()).isEqualTo(40);
        }
    }

    @Test
    void unchangedTextIsNeverEmbeddedTwice() {
        FakeEmbedder e = new FakeEmbedder();
        try (SearchFixture f = new SearchFixture(dir, e)) {
            addMany(f, 10);
            f.awaitIdle();
            f.indexer.reindexAll();
            f.awaitIdle();
            assertThat(e.passagesEmbedded.get()).isEqualTo(10); // the second pass came from the cache
        }
    }

    @Test
    void theIndexFileIsReloadedWhenGoodAndRebuiltWhenDeletedTruncatedOrGarbled() throws Exception {
        try (SearchFixture f = new SearchFixture(dir, new FakeEmbedder())) {
            addMany(f, 30);
            f.awaitIdle();
        }
        assertThat(Files.size(indexFile())).isPositive();
        assertReopensWith(null);

        Files.delete(indexFile());
        assertReopensWith("no index file");

        try (RandomAccessFile raf = new RandomAccessFile(indexFile().toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
        assertReopensWith("corrupt");

        try (RandomAccessFile raf = new RandomAccessFile(indexFile().toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            raf.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        }
        assertReopensWith("corrupt");
    }

    private void assertReopensWith(String rebuildReason) throws Exception {
        FakeEmbedder e = new FakeEmbedder();
        try (SearchFixture f = new SearchFixture(dir, e)) {
            // keyword search answers whatever state the vector index is in
            assertThat(f.names(ALICE, "topic3", SearchMode.KEYWORD)).isNotEmpty();
            IndexStatus s = f.awaitIdle();
            assertThat(f.indexer.index().size()).isEqualTo(30);
            assertThat(e.passagesEmbedded.get()).as("rebuilt from SQLite, not re-embedded").isZero();
            if (rebuildReason == null) {
                assertThat(s.message()).startsWith("loaded");
            }
            assertThat(f.names(ALICE, "Skill number 12 about topic5", SearchMode.SEMANTIC)).first().isEqualTo("skill-12");
        }
        Thread.sleep(5);
    }

    @Test
    void failuresAreRetriedWithBackoffAndTheRestGoesOn() throws Exception {
        FakeEmbedder e = new FakeEmbedder();
        e.failWhen = t -> t.contains("number 3 ");
        try (SearchFixture f = new SearchFixture(dir, e)) {
            addMany(f, 8);
            IndexStatus s = f.indexer.awaitIdle(20, TimeUnit.SECONDS);
            // however the eight were batched, only the one that fails on its own is held back
            assertThat(s.failed()).isEqualTo(1);
            assertThat(s.indexed()).isEqualTo(7);
            e.failWhen = t -> false;
            // the failed batch is retried after its backoff (1-2 s for a first failure)
            long deadline = System.currentTimeMillis() + 20_000;
            while (f.indexer.status().indexed() < 8 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(f.indexer.status().indexed()).isEqualTo(8);
            assertThat(f.indexer.status().failed()).isZero();
        }
    }

    @Test
    void pauseStopsEmbeddingAndResumeFinishes() throws Exception {
        try (SearchFixture f = new SearchFixture(dir, new FakeEmbedder())) {
            f.indexer.pause();
            addMany(f, 5);
            Thread.sleep(300);
            assertThat(f.indexer.status().indexed()).isZero();
            assertThat(f.indexer.status().paused()).isTrue();
            f.indexer.resume();
            assertThat(f.awaitIdle().indexed()).isEqualTo(5);
        }
    }

    @Test
    void aNewVersionIsReembeddedAndTheOldVectorServesMeanwhile() {
        try (SearchFixture f = new SearchFixture(dir, new FakeEmbedder())) {
            f.add(ALICE, "team-a", "mover", "alpha beta gamma", AccessLevel.PRIVATE, null);
            f.awaitIdle();
            f.add(ALICE, "team-a", "mover", "delta epsilon zeta", AccessLevel.PRIVATE, null);
            f.awaitIdle();
            assertThat(f.names(ALICE, "delta epsilon zeta", SearchMode.SEMANTIC)).first().isEqualTo("mover");
        }
    }
}
