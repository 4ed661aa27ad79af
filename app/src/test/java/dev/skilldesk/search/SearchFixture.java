package dev.skilldesk.search;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.skilldesk.TestSkills.skillMd;
import static org.assertj.core.api.Assertions.assertThat;

/** A small library with its own indexer over any embedder and vector index. */
final class SearchFixture implements AutoCloseable {
    final SkillDeskCore core;
    final Embedder embedder;
    final Indexer indexer;
    final SearchService search;
    final KeywordIndex keyword;
    final Path dir;

    SearchFixture(Path dir, Embedder embedder, VectorIndex index, CircuitBreaker breaker) {
        this.dir = dir;
        this.core = SkillDeskCore.open(dir, new Principal("alice", "team-a"), java.util.Map.of());
        this.embedder = embedder;
        this.indexer = new Indexer(core.database(), dir.resolve("index"), embedder, EmbeddingText.DEFAULT,
                new EmbeddingCache(core.database(), 100), index, breaker);
        core.library().onChange(id -> indexer.wake());
        // as the app runs it: keyword ranking in memory, built (empty) now and caught up before each search
        this.keyword = new KeywordIndex(core.database(), true);
        keyword.build();
        this.search = new SearchService(core.store(), keyword, indexer);
        indexer.start();
    }

    SearchFixture(Path dir, Embedder embedder) {
        this(dir, embedder, new ExactVectorIndex(embedder.modelId(), embedder.dimension()), null);
    }

    SaveOutcome add(Principal owner, String namespace, String name, String description, AccessLevel access,
                    String persona) {
        SaveOutcome o = core.library().save(owner, new SkillDraft("t", name, skillMd(name, description,
                "## Core Instructions\n" + description), List.of()),
                new SaveOptions(namespace, access, persona));
        assertThat(o.stored()).as(o.reason()).isTrue();
        return o;
    }

    IndexStatus awaitIdle() {
        try {
            IndexStatus s = indexer.awaitIdle(60, TimeUnit.SECONDS);
            assertThat(s.pending()).as("pending after waiting: " + s).isZero();
            return s;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    SearchResponse search(Principal who, String q, SearchMode mode) {
        return search.search(who, new SearchRequest(q, mode, null, null, 10));
    }

    List<String> names(Principal who, String q, SearchMode mode) {
        return search(who, q, mode).hits().stream().map(h -> h.skill().name()).toList();
    }

    @Override
    public void close() {
        indexer.close();
        keyword.close();
        core.close();
    }
}
