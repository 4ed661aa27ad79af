package dev.skilldesk.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.search.SearchStack;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static dev.skilldesk.TestSkills.skillMd;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tool call under the client's control, over stdio: progress while it waits for the index (when the client
 * gave a progressToken), log messages at the client's level, and {@code notifications/cancelled}, after which the
 * call stops and no result is sent.
 */
class McpCallControlTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Principal ALICE = new Principal("alice", "team-a");

    @TempDir
    Path dir;
    SkillDeskCore core;
    OutputStream toServer;
    final LinkedBlockingQueue<JsonNode> fromServer = new LinkedBlockingQueue<>();
    Thread serving;

    @BeforeEach
    void open() {
        core = SkillDeskCore.open(dir.resolve("lib"), ALICE, Map.of());
        for (String n : List.of("release-notes", "meeting-notes", "pdf-forms")) {
            core.library().save(ALICE, new SkillDraft("test", n, skillMd(n, "Writes " + n + " for the team.",
                    "## Core Instructions\nDo it."), List.of()), new SaveOptions("team-a", AccessLevel.TEAM, null));
        }
    }

    @AfterEach
    void close() throws Exception {
        if (toServer != null) {
            toServer.close();
        }
        if (serving != null) {
            serving.join(5_000);
        }
        core.close();
    }

    private void serve(Supplier<SearchStack> search, Duration indexWait) throws Exception {
        SkillTools tools = new SkillTools(core.library(), search, core.activations(), ALICE, Clock.systemUTC(), indexWait);
        PipedInputStream serverIn = new PipedInputStream(1 << 16);
        toServer = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);
        serving = new Thread(() -> {
            try {
                new McpSkillServer(tools, "test").serve(serverIn, serverOut);
                serverOut.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        serving.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(clientIn, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    fromServer.add(JSON.readTree(line));
                }
            } catch (Exception ignored) {
                // the server closed its output
            }
        });
        reader.setDaemon(true);
        reader.start();
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
        assertThat(next(10).path("id").asInt()).isEqualTo(1);
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    @Test
    void aCancelledCallStopsAndGetsNoAnswer() throws Exception {
        serve(() -> {
            sleep(1500); // the search stack is still loading its model
            return core.search();
        }, Duration.ofSeconds(1));
        send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"search_skills\","
                + "\"arguments\":{\"query\":\"notes\"}}}");
        Thread.sleep(200);
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7,\"reason\":\"user\"}}");
        send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"}");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        boolean pinged = false;
        while (System.nanoTime() < until) {
            JsonNode m = fromServer.poll(100, TimeUnit.MILLISECONDS);
            if (m == null) {
                continue;
            }
            assertThat(m.path("id").asInt(-1)).as("no answer to the cancelled request: " + m).isNotEqualTo(7);
            pinged |= m.path("id").asInt(-1) == 8;
        }
        assertThat(pinged).as("the server answered the next request").isTrue();
    }

    @Test
    void progressAndLogsWhileTheCallWaitsForTheIndex() throws Exception {
        SearchStack stack = core.search();
        core.embedding().pause(); // what is saved now stays unembedded: the search waits its full second
        core.library().save(ALICE, new SkillDraft("test", "late-skill", skillMd("late-skill", "Arrived late.",
                "## Core Instructions\nLate."), List.of()), new SaveOptions("team-a", AccessLevel.TEAM, null));
        serve(() -> stack, Duration.ofSeconds(1));
        send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"info\"}}");
        send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"search_skills\","
                + "\"arguments\":{\"query\":\"notes\"},\"_meta\":{\"progressToken\":\"tok-1\"}}}");
        int progress = 0;
        int logs = 0;
        JsonNode answer = null;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (answer == null && System.nanoTime() < until) {
            JsonNode m = fromServer.poll(100, TimeUnit.MILLISECONDS);
            if (m == null) {
                continue;
            }
            String method = m.path("method").asText();
            if (method.equals("notifications/progress")) {
                assertThat(m.at("/params/progressToken").asText()).isEqualTo("tok-1");
                assertThat(m.at("/params/message").asText()).contains("skills embedded");
                progress++;
            } else if (method.equals("notifications/message")) {
                logs++;
            } else if (m.path("id").asInt(-1) == 9) {
                answer = m;
            }
        }
        assertThat(answer).as("the search answered").isNotNull();
        assertThat(answer.at("/result/isError").asBoolean()).isFalse();
        assertThat(progress).as("progress notifications").isGreaterThanOrEqualTo(2);
        assertThat(logs).as("log messages at info").isGreaterThanOrEqualTo(1);
    }

    private JsonNode next(int seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < until) {
            JsonNode m = fromServer.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && m.has("id")) {
                return m;
            }
        }
        throw new AssertionError("no answer in " + seconds + " s");
    }

    private void send(String line) throws Exception {
        toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        toServer.flush();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
