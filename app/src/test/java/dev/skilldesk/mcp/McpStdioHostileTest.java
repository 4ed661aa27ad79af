package dev.skilldesk.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.store.ActivationStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.skilldesk.TestSkills.skillMd;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code skilldesk mcp} over a raw pipe, fed what careless and hostile clients send: lines that are not JSON,
 * batches, lines longer than the transport reads, messages that are not JSON-RPC. Each gets its JSON-RPC
 * error, the next request is answered, and the server exits within a second of the end of its input. Under
 * a flood of pipelined requests every one is answered; terminated as clients do, no answered activation is
 * lost.
 */
class McpStdioHostileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Principal ALICE = new Principal("alice", "team-a");
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    @TempDir
    Path dir;
    Path data;

    @BeforeEach
    void library() {
        data = dir.resolve("lib");
        try (SkillDeskCore core = SkillDeskCore.open(data, ALICE, Map.of())) {
            SaveOutcome o = core.library().save(ALICE, new SkillDraft("test", "meeting-notes",
                            skillMd("meeting-notes", "Take meeting notes.", "## Core Instructions\nWrite notes."), List.of()),
                    new SaveOptions("team-a", AccessLevel.PRIVATE, null));
            assertThat(o.stored()).isTrue();
        }
    }

    /** A bad line, the JSON-RPC error code it must get, and whether the error's id is null. */
    private record Bad(String label, String line, int code, Object id) {
    }

    private static final List<Bad> BAD_LINES = List.of(
            new Bad("not JSON", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":", -32700, null),
            new Bad("plain words", "hello server", -32700, null),
            new Bad("trailing garbage", "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"} and more", -32700, null),
            new Bad("unclosed string", "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":\"x", -32700, null),
            new Bad("batch", "[{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"ping\"}]",
                    -32600, null),
            new Bad("empty batch", "[]", -32600, null),
            new Bad("a number", "42", -32600, null),
            new Bad("a string", "\"ping\"", -32600, null),
            new Bad("null", "null", -32600, null),
            new Bad("no jsonrpc", "{\"id\":11,\"method\":\"ping\"}", -32600, 11),
            new Bad("jsonrpc 1.0", "{\"jsonrpc\":\"1.0\",\"id\":12,\"method\":\"ping\"}", -32600, 12),
            new Bad("no method", "{\"jsonrpc\":\"2.0\",\"id\":13}", -32600, 13),
            new Bad("method not a string", "{\"jsonrpc\":\"2.0\",\"id\":14,\"method\":14}", -32600, 14),
            new Bad("id an object", "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}", -32600, null),
            new Bad("params an array", "{\"jsonrpc\":\"2.0\",\"id\":15,\"method\":\"tools/list\",\"params\":[1]}", -32600, 15),
            new Bad("a NUL", "\u0000", -32700, null),
            new Bad("deeply nested", "[".repeat(5_000) + "]".repeat(5_000), -32700, null),
            new Bad("deeply nested object", "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000), -32700, null));

    @Test
    void everyBadLineGetsItsErrorAndTheServerReadsOn() throws Exception {
        Server s = start();
        s.initialize();
        int ping = 100;
        for (Bad bad : BAD_LINES) {
            s.send(bad.line());
            JsonNode err = s.next();
            assertThat(err.at("/error/code").asInt()).as(bad.label() + ": " + err).isEqualTo(bad.code());
            if (bad.id() == null) {
                assertThat(err.has("id") && err.get("id").isNull()).as(bad.label() + " has id null: " + err).isTrue();
            } else {
                assertThat(err.get("id").asLong()).as(bad.label()).isEqualTo(((Number) bad.id()).longValue());
            }
            s.send("{\"jsonrpc\":\"2.0\",\"id\":" + ping + ",\"method\":\"ping\"}");
            JsonNode pong = s.next();
            assertThat(pong.get("id").asInt()).as("answered after " + bad.label()).isEqualTo(ping);
            assertThat(pong.has("result")).isTrue();
            ping++;
        }
        // bytes that are not UTF-8
        s.sendBytes(concat("{\"jsonrpc\":\"2.0\",\"id\":16,\"method\":\"ping\",\"params\":{\"x\":\"".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3}, "\"}}\n".getBytes(StandardCharsets.UTF_8)));
        JsonNode notUtf8 = s.next();
        assertThat(notUtf8.at("/error/code").asInt()).isEqualTo(-32700);
        assertThat(notUtf8.get("id").isNull()).isTrue();
        // blank lines and CRLF endings are no errors
        s.send("");
        s.send("   ");
        s.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":\"crlf\",\"method\":\"ping\"}\r\n");
        assertThat(s.next().get("id").asText()).isEqualTo("crlf");
        s.endInputAndAssertExitWithinASecond();
    }

    @Test
    void aMalformedLineThenARequestThenEndOfInput() throws Exception {
        eachOfTheThreeThenARequestThenEnd("{\"jsonrpc\":\"2.0\",\"id\":1,\"meth", -32700);
    }

    @Test
    void aBatchThenARequestThenEndOfInput() throws Exception {
        eachOfTheThreeThenARequestThenEnd("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", -32600);
    }

    @Test
    void aLineLongerThanTheTransportReadsThenARequestThenEndOfInput() throws Exception {
        char[] pad = new char[StdioLineTransport.MAX_LINE_BYTES + 1024 * 1024];
        Arrays.fill(pad, 'a');
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + new String(pad) + "\"}}";
        eachOfTheThreeThenARequestThenEnd(huge, -32600);
    }

    private void eachOfTheThreeThenARequestThenEnd(String bad, int code) throws Exception {
        Server s = start();
        s.initialize();
        s.send(bad);
        s.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"list_skills\",\"arguments\":{}}}");
        JsonNode err = s.next();
        assertThat(err.at("/error/code").asInt()).as(err.toString()).isEqualTo(code);
        assertThat(err.get("id").isNull()).isTrue();
        JsonNode listed = s.next();
        assertThat(listed.get("id").asInt()).isEqualTo(2);
        assertThat(listed.at("/result/structuredContent/skills").toString()).contains("team-a/meeting-notes");
        s.endInputAndAssertExitWithinASecond();
    }

    @Test
    void tenThousandPipelinedRequestsAreEveryOneAnswered() throws Exception {
        Server s = start();
        s.initialize();
        int n = 10_000;
        Thread writer = new Thread(() -> {
            try {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    if (i % 20 == 0) {
                        b.append("{\"jsonrpc\":\"2.0\",\"id\":").append(i).append(",\"method\":\"tools/call\",\"params\":"
                                + "{\"name\":\"list_skills\",\"arguments\":{\"limit\":1}}}\n");
                    } else if (i % 7 == 0) {
                        b.append("{\"jsonrpc\":\"2.0\",\"id\":").append(i).append(",\"method\":\"tools/list\"}\n");
                    } else {
                        b.append("{\"jsonrpc\":\"2.0\",\"id\":").append(i).append(",\"method\":\"ping\"}\n");
                    }
                    if (b.length() > 64 * 1024) {
                        s.sendRaw(b.toString());
                        b.setLength(0);
                    }
                }
                s.sendRaw(b.toString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "pipelining-writer");
        writer.start();
        BitSet answered = new BitSet(n + 1);
        int duplicates = 0;
        for (int i = 0; i < n; i++) {
            JsonNode r = s.next();
            assertThat(r.has("error")).as(r.toString()).isFalse();
            int id = r.get("id").asInt();
            if (answered.get(id)) {
                duplicates++;
            }
            answered.set(id);
        }
        writer.join();
        assertThat(duplicates).isZero();
        assertThat(answered.cardinality()).isEqualTo(n);
        s.endInputAndAssertExitWithinASecond();
    }

    @Test
    void terminatedAsClientsDoTheAnsweredActivationReachesTheDisk() throws Exception {
        List<String> keys = new ArrayList<>();
        String[] endings = {"close+term", "term+close", "close+term", "term", "close", "close+term"};
        for (String ending : endings) {
            Server s = start();
            s.initialize();
            s.send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"get_skill\","
                    + "\"arguments\":{\"name\":\"meeting-notes\",\"layer\":2}}}");
            JsonNode got = s.next();
            String id = got.at("/result/structuredContent/activation_id").asText();
            assertThat(id).as(got.toString()).isNotEmpty();
            keys.add(SkillTools.KEY_PREFIX + id);
            switch (ending) {
                case "close+term" -> {
                    s.stdin.close();
                    s.process.destroy();
                }
                case "term+close" -> {
                    s.process.destroy();
                    s.stdin.close();
                }
                case "term" -> s.process.destroy();
                default -> s.stdin.close();
            }
            assertThat(s.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (SkillDeskCore core = SkillDeskCore.open(data, ALICE, Map.of())) {
            ActivationStore store = core.activationStore();
            for (int i = 0; i < keys.size(); i++) {
                assertThat(store.find(keys.get(i))).as("activation of run " + i + " (" + endings[i] + ")").isPresent();
                assertThat(store.find(keys.get(i)).orElseThrow().activation().success()).as("unreported").isNull();
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    // ---- a raw client ----------------------------------------------------------------------------

    private Server start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(McpServerProcessTest.command("mcp", "--data-dir", data.toString(),
                "--agent", "alice", "--namespace", "team-a"));
        pb.redirectError(dir.resolve("stderr-" + System.nanoTime() + ".txt").toFile());
        return new Server(pb.start());
    }

    private static final class Server {
        final Process process;
        final OutputStream stdin;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Server(Process process) {
            this.process = process;
            this.stdin = process.getOutputStream();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String l;
                    while ((l = out.readLine()) != null) {
                        lines.add(l);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
                lines.add("<eof>");
            }, "mcp-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        void initialize() throws Exception {
            send(INIT);
            JsonNode init = next();
            assertThat(init.get("id").asText()).isEqualTo("init");
            send(INITIALIZED);
        }

        void send(String line) throws IOException {
            sendRaw(line + "\n");
        }

        synchronized void sendBytes(byte[] bytes) throws IOException {
            stdin.write(bytes);
            stdin.flush();
        }

        synchronized void sendRaw(String text) throws IOException {
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }

        JsonNode next() throws Exception {
            String line = lines.poll(120, TimeUnit.SECONDS);
            assertThat(line).as("an answer").isNotNull().isNotEqualTo("<eof>");
            return JSON.readTree(line);
        }

        void endInputAndAssertExitWithinASecond() throws Exception {
            long t0 = System.nanoTime();
            stdin.close();
            boolean exited = process.waitFor(10, TimeUnit.SECONDS);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            if (!exited) {
                process.destroyForcibly();
            }
            assertThat(exited).as("the server exits when its input ends").isTrue();
            assertThat(ms).as("exit after end of input, ms").isLessThanOrEqualTo(1_000);
            assertThat(process.exitValue()).isZero();
        }
    }
}
