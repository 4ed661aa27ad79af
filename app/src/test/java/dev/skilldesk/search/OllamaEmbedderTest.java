package dev.skilldesk.search;

import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Ollama client against a loopback server that speaks Ollama's embed API, faults included. */
class OllamaEmbedderTest {
    static final Principal ALICE = new Principal("alice", "team-a");

    @TempDir
    Path dir;
    FakeOllama ollama;
    CircuitBreaker breaker;
    OllamaEmbedder embedder;

    @BeforeEach
    void start() throws Exception {
        ollama = new FakeOllama();
        breaker = new CircuitBreaker("ollama", 3, Duration.ofMillis(700), Duration.ofMillis(1_500), Clock.systemUTC());
        embedder = new OllamaEmbedder(ollama.url(), OllamaEmbedder.DEFAULT_MODEL, Duration.ofSeconds(2), breaker);
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void embedsWithTheE5PrefixesAndUnitLength() {
        float[] q = embedder.embedQuery("find pdf tools");
        List<float[]> p = embedder.embedPassages(List.of("pdf tools", "csv cleaning"));
        assertThat(q).hasSize(1024);
        assertThat(p).hasSize(2);
        assertThat(ollama.inputsSeen).contains("query: find pdf tools", "passage: pdf tools", "passage: csv cleaning");
        double norm = 0;
        for (float x : q) {
            norm += x * x;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(embedder.modelId()).isEqualTo("ollama:zylonai/multilingual-e5-large");
        assertThat(embedder.test()).contains("1024-dimensional");
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresAndThenFailsFast() {
        ollama.mode = FakeOllama.Mode.ERROR_500;
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> embedder.embedQuery("x")).isNotInstanceOf(CircuitBreaker.OpenException.class);
        }
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        int before = ollama.requests.get();
        assertThatThrownBy(() -> embedder.embedQuery("x")).isInstanceOf(CircuitBreaker.OpenException.class)
                .hasMessageContaining("ollama is unavailable").hasMessageContaining("out of memory");
        assertThat(ollama.requests.get()).as("fail fast: no request while open").isEqualTo(before);
    }

    @Test
    void aMissingModelIsReportedInOllamasWords() {
        ollama.mode = FakeOllama.Mode.MODEL_NOT_FOUND;
        assertThatThrownBy(() -> embedder.embedQuery("x")).hasMessageContaining("model 'zylonai/multilingual-e5-large' not found");
    }

    @Test
    void slowAnswersCountAsFailures() {
        ollama.mode = FakeOllama.Mode.SLOW;
        ollama.slowMillis = 5_000; // beyond the 2 s client timeout
        assertThatThrownBy(() -> embedder.embedQuery("x"));
        assertThat(breaker.lastError()).isNotNull();
    }

    @Test
    void whenOllamaIsDownTheQueueWaitsAndResumesWhenItIsBack() throws Exception {
        try (SearchFixture f = new SearchFixture(dir, embedder,
                new ExactVectorIndex(embedder.modelId(), 1024), breaker)) {
            f.add(ALICE, "team-a", "first", "first skill about alpha", AccessLevel.PRIVATE, null);
            f.awaitIdle();

            ollama.stop();
            for (int i = 0; i < 5; i++) {
                f.add(ALICE, "team-a", "later-" + i, "later skill " + i + " about beta", AccessLevel.PRIVATE, null);
            }
            long deadline = System.currentTimeMillis() + 15_000;
            while (breaker.state() != CircuitBreaker.State.OPEN && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            IndexStatus down = f.indexer.status();
            assertThat(down.breaker()).contains("ollama");
            assertThat(down.pending()).isEqualTo(5);
            // search still answers, by keyword, and says why
            SearchResponse r = f.search(ALICE, "later skill beta", SearchMode.HYBRID);
            assertThat(r.notice()).contains("semantic search");
            assertThat(r.hits()).isNotEmpty();

            ollama.restart();
            IndexStatus back = f.awaitIdle();
            assertThat(back.indexed()).isEqualTo(6);
            assertThat(back.failed()).as("an open breaker spends no retry attempts").isZero();
            assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(f.names(ALICE, "later skill 3 about beta", SearchMode.SEMANTIC)).first().isEqualTo("later-3");
        }
    }
}
