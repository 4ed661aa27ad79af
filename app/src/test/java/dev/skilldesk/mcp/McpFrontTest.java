package dev.skilldesk.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.skill.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stdio front ({@link StdioFront}) answers exactly as the full server would: each conversation is run through
 * the server alone and through the front then the server, and the answers (by id, as JSON) must be the same, with
 * none missing and none twice. What the front answers, it answers before the server exists.
 */
class McpFrontTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "9.8.7-test";

    @TempDir
    Path dir;
    SkillDeskCore core;

    @BeforeEach
    void open() {
        core = SkillDeskCore.open(dir.resolve("lib"), new Principal("alice", "team-a"), Map.of());
    }

    @AfterEach
    void close() {
        core.close();
    }

    private static String initialize(Object id, String version) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + version + "\",\"capabilities\":{\"roots\":{\"listChanged\":true}},\"clientInfo\":{\"name\":\"t\","
                + "\"version\":\"1\"}}}";
    }

    private static String discover(Object id, String meta) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"server/discover\",\"params\":{\"_meta\":{" + meta + "}}}";
    }

    private static final String ENVELOPE = "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{},\"io.modelcontextprotocol/clientInfo\":{\"name\":\"t\","
            + "\"version\":\"1\"}";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    private static final String TOOLS = "{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"tools/list\",\"params\":{}}";

    @Test
    void everyLegacyVersionAndAnUnknownOneAreAnsweredAsTheSdkDoes() throws Exception {
        for (String v : List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28", "1999-01-01")) {
            Run r = same(new Principal("alice", "team-a"), initialize(1, v), INITIALIZED, TOOLS);
            assertTrue(r.frontAnswered.contains("1"), v + ": answered by the front");
        }
    }

    @Test
    void idsOfEitherKindAndInstructionsThatNeedEscaping() throws Exception {
        Principal odd = new Principal("agent \"quoted\" \\ é ☃", "ns with \u00e9");
        Run r = same(odd, initialize("\"id-\\u00e9\\\"x\"", "2025-06-18"), INITIALIZED, TOOLS);
        assertEquals(List.of("id-é\"x"), r.frontAnswered);
        same(odd, initialize(9007199254740993L, "2025-11-25"), INITIALIZED);
    }

    @Test
    void discoverWithAValidEnvelopeIsAnsweredAndTheRestGoesToTheServer() throws Exception {
        Principal p = new Principal("alice", "team-a");
        Run r = same(p, discover(5, ENVELOPE), discover(6, ENVELOPE + ",\"io.modelcontextprotocol/logLevel\":\"info\""),
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":{\"_meta\":{" + ENVELOPE + "}}}");
        assertEquals(List.of("5", "6"), r.frontAnswered);
        // envelopes the front does not vouch for: the server's errors, in order
        for (String bad : List.of(discover(8, "\"io.modelcontextprotocol/protocolVersion\":\"2030-01-01\","
                        + "\"io.modelcontextprotocol/clientCapabilities\":{}"),
                discover(8, "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\""),
                discover(8, ENVELOPE + ",\"io.modelcontextprotocol/logLevel\":\"loud\""),
                "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"server/discover\"}")) {
            Run b = same(p, bad, initialize(2, "2025-11-25"));
            assertEquals(List.of(), b.frontAnswered, bad);
        }
    }

    @Test
    void hostileOrUnusualFirstLinesGoToTheServerWhole() throws Exception {
        Principal p = new Principal("alice", "team-a");
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\",\"params\":{\"pad\":\""
                + "x".repeat(StdioFront.MAX_FRONT_LINE + 10) + "\"}}";
        for (String[] lines : List.of(
                new String[] {"not json", initialize(1, "2025-11-25")},
                new String[] {"[" + initialize(1, "2025-11-25") + "]", initialize(2, "2025-11-25")},
                new String[] {"{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"initialize\",\"params\":{}}"},
                new String[] {"{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}"},
                new String[] {"{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"initialize\",\"params\":{}}"},
                new String[] {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-11-25\"}}", TOOLS},
                new String[] {huge, initialize(1, "2025-11-25")},
                new String[] {initialize(1, "2025-11-25") + "  trailing"})) {
            Run r = same(p, lines);
            assertEquals(List.of(), r.frontAnswered, String.join("\n", lines));
        }
        // a session request before initialize is refused at once (the SDK's session dropped it: the client waited)
        ByteArrayOutputStream early = new ByteArrayOutputStream();
        new McpSkillServer(SkillTools.of(core, p), VERSION).serve(new ByteArrayInputStream((TOOLS + "\n"
                + initialize(1, "2025-11-25") + "\n").getBytes(StandardCharsets.UTF_8)), early);
        JsonNode refused = answers(early.toString(StandardCharsets.UTF_8)).get("99");
        assertEquals(-32600, refused.path("error").path("code").asInt(), early.toString(StandardCharsets.UTF_8));
        assertTrue(refused.path("error").path("message").asText().contains("before initialize"));
        same(p, TOOLS, initialize(1, "2025-11-25"));
        // a second initialize is the server's to answer (the front answers the first only)
        Run twice = same(p, initialize(1, "2025-11-25"), initialize(2, "2025-11-25"));
        assertEquals(List.of("1"), twice.frontAnswered);
    }

    @Test
    void argumentsThatAreNotAPlainStdioServerStartNoFront() {
        Map<String, String> env = Map.of("SKILLDESK_AGENT_ID", "bot");
        assertEquals(new Principal("bot", "default"), StdioFront.principal(new String[] {"mcp"}, env));
        assertEquals(new Principal("x", "ns"), StdioFront.principal(new String[] {"--data-dir", "/d", "mcp", "--agent=x",
                "-n", "ns"}, env));
        assertNull(StdioFront.principal(new String[] {"mcp", "--http", "127.0.0.1:0"}, env));
        assertNull(StdioFront.principal(new String[] {"mcp", "--conformance-fixtures"}, env));
        assertNull(StdioFront.principal(new String[] {"mcp", "--help"}, env));
        assertNull(StdioFront.principal(new String[] {"search", "mcp"}, env));
        assertNull(StdioFront.principal(new String[] {"mcp", "--agent"}, env));
        assertNull(StdioFront.principal(new String[] {"mcp", "--agent", "bad\u0007bell"}, env));
    }

    /**
     * The front's answers load nothing but java.base and a few small classes: in a fresh JVM that logs each class as
     * it loads, no JSON library, MCP SDK, Reactor, ORMLite, SQLite or Lucene class comes before the answer.
     */
    @Test
    void answeringLoadsNoneOfTheServersStack() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", "-Xlog:class+load=info:stdout", "-cp", System.getProperty("java.class.path"),
                FrontOnly.class.getName()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        int answered = log.indexOf(FrontOnly.MARK);
        assertTrue(answered > 0, log.length() > 2000 ? log.substring(log.length() - 2000) : log);
        List<String> heavy = log.substring(0, answered).lines()
                .filter(l -> l.matches(".* (com\\.fasterxml|tools\\.jackson|io\\.modelcontextprotocol|reactor|com\\.j256"
                        + "|org\\.sqlite|org\\.apache\\.lucene|com\\.networknt|picocli)\\..*")).toList();
        assertEquals(List.of(), heavy);
        assertTrue(log.substring(0, answered).contains("dev.skilldesk.mcp.StdioFront"), "the front did load");
        assertTrue(log.contains(FrontOnly.MARK + " 2 answers"), "both answered by the front");
    }

    /** A JVM that only runs the front on one initialize and one server/discover. */
    public static final class FrontOnly {
        static final String MARK = "FRONT-ANSWERED";

        public static void main(String[] args) throws Exception {
            // written out here: the test class's own statics (its JSON mapper) must not load in this JVM
            byte[] in = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n"
                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"server/discover\",\"params\":{\"_meta\":{"
                    + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                    + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}\n").getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new StdioFront(new ByteArrayInputStream(in), out, new Principal("a", "b"), "1").readLoop();
            System.out.println(MARK + " " + out.toString(StandardCharsets.UTF_8).lines().count() + " answers");
        }
    }

    // ---- the comparison ----------------------------------------------------------------------------------------

    record Run(List<String> frontAnswered) {
    }

    /** Runs {@code lines} both ways; asserts the same answers; returns the ids the front answered itself. */
    private Run same(Principal who, String... lines) throws Exception {
        byte[] input = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        Map<String, JsonNode> alone = answers(serve(who, new ByteArrayInputStream(input), null));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdioFront front = new StdioFront(new ByteArrayInputStream(input), out, who, VERSION);
        Thread reader = new Thread(front::readLoop);
        reader.start();
        reader.join(10_000);
        List<String> byFront = new ArrayList<>(answers(out.toString(StandardCharsets.UTF_8)).keySet());
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        serveFrom(who, front.takeOver(), rest);
        Map<String, JsonNode> both = answers(out.toString(StandardCharsets.UTF_8) + rest.toString(StandardCharsets.UTF_8));
        assertEquals(alone.keySet(), both.keySet(), "the same requests answered, each once:\n" + String.join("\n", lines));
        for (String id : alone.keySet()) {
            assertEquals(alone.get(id), both.get(id), "the answer to " + id);
        }
        return new Run(byFront);
    }

    private String serve(Principal who, java.io.InputStream in, Object unused) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new McpSkillServer(SkillTools.of(core, who), VERSION).serve(in, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private void serveFrom(Principal who, StdioFront.Handoff handoff, ByteArrayOutputStream out) throws Exception {
        new McpSkillServer(SkillTools.of(core, who), VERSION).serve(handoff, out, null, null);
    }

    /** Answers by id (as JSON text; "null" for an error without one, numbered so each counts); duplicates fail. */
    private static Map<String, JsonNode> answers(String out) throws Exception {
        Map<String, JsonNode> byId = new TreeMap<>();
        int nulls = 0;
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            if (!n.has("id")) {
                continue; // a notification
            }
            String id = n.get("id").isNull() ? "null#" + nulls++ : n.get("id").asText();
            assertNull(byId.put(id, n), "answered twice: " + id);
        }
        return byId;
    }
}
