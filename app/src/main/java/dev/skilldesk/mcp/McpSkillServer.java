package dev.skilldesk.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.common.McpTransportContext;
import dev.skilldesk.skill.Principal;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SkillDesk's Model Context Protocol server (the official MCP Java SDK): five tools over {@link SkillTools},
 * each with its input and output schema and MCP's annotations, and the Skills Extension
 * ({@link SkillsExtension}), served over stdio ({@link #serve}) or Streamable HTTP ({@link McpHttpServer}).
 * What the SDK does not answer (the extension's methods, a call of a tool that does not exist,
 * {@code notifications/cancelled}) each transport hands to {@link BeforeSession} first. A tool call learns who
 * asks, on which connection and under which request id from the transport context
 * ({@link #PRINCIPAL}, {@link #CONNECTION}, {@link #REQUEST_ID}); without them it acts as the principal the
 * server was started for.
 */
public final class McpSkillServer {
    static final String SEARCH = "search_skills";
    static final String GET = "get_skill";
    static final String LIST = "list_skills";
    static final String READ_FILE = "read_skill_file";
    static final String OUTCOME = "record_outcome";
    static final List<String> TOOLS = List.of(SEARCH, GET, LIST, READ_FILE, OUTCOME);
    /** Transport-context keys: the request's principal, its connection (session) and JSON-RPC id. */
    static final String PRINCIPAL = "skilldesk.principal";
    static final String CONNECTION = "skilldesk.connection";
    static final String REQUEST_ID = "skilldesk.request-id";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SkillTools tools;
    private final String version;
    private final InFlight inFlight = new InFlight();
    private final Subscriptions subscriptions = new Subscriptions();
    private final ConformanceFixtures fixtures;

    public McpSkillServer(SkillTools tools, String version) {
        this(tools, version, false);
    }

    /** With {@code conformanceFixtures}, also the conformance suite's fixtures ({@link ConformanceFixtures}). */
    public McpSkillServer(SkillTools tools, String version, boolean conformanceFixtures) {
        this.tools = tools;
        this.version = version;
        this.fixtures = conformanceFixtures ? new ConformanceFixtures() : null;
    }

    /** The tools a client may call: SkillDesk's, and the fixtures' when they are on. */
    List<String> toolNames() {
        if (fixtures == null) {
            return TOOLS;
        }
        List<String> all = new java.util.ArrayList<>(TOOLS);
        all.addAll(ConformanceFixtures.TOOLS);
        return all;
    }

    Subscriptions subscriptions() {
        return subscriptions;
    }

    /** The Skills Extension as {@code who} reads it. */
    SkillsExtension extension(Principal who) {
        return tools.as(who).extension(fixtures);
    }

    /** The digest of {@code uri} as {@code who} reads it now, or null when it is gone (or hidden from them). */
    String digestOrNull(Principal who, String uri) {
        if (fixtures != null && fixtures.read(uri) != null) {
            return "fixture";
        }
        try {
            return extension(who).digest(uri);
        } catch (SkillsExtension.Failure gone) {
            return null;
        }
    }

    SkillTools tools() {
        return tools;
    }

    /** The conformance suite's fixtures, or null (the default). */
    ConformanceFixtures fixtures() {
        return fixtures;
    }

    String version() {
        return version;
    }

    /** What the server tells an agent about itself, acting as {@code actingAs}. */
    static String instructions(String actingAs) {
        return StdioFront.instructions(actingAs); // kept there: the front answers with it before this class loads
    }

    /** The instructions for the 2026-07-28 lane, where one answer serves whoever asks. */
    String instructions() {
        return instructions("the agent this server or your bearer token names");
    }

    InFlight inFlight() {
        return inFlight;
    }

    /** What the transports answer before the SDK's session sees a message. */
    BeforeSession beforeSession() {
        return new BeforeSession(this::extension, inFlight, subscriptions, fixtures, toolNames());
    }

    /**
     * Serves the protocol on {@code in}/{@code out} and returns when {@code in} ends (the client closed it or
     * went away), within {@link StdioLineTransport#END_GRACE_MS} plus the server's own close. Nothing but
     * protocol messages is written to {@code out}; a bad line is answered with its JSON-RPC error and the
     * server reads on. {@code changes}, when given, is told how to reach the client with list-changed
     * notifications while it is connected.
     */
    public void serve(InputStream in, OutputStream out) throws InterruptedException {
        serve(in, out, null);
    }

    public void serve(InputStream in, OutputStream out, ListChangeNotifier changes) throws InterruptedException {
        serve(in, out, changes, null);
    }

    /**
     * As {@link #serve(InputStream, OutputStream, ListChangeNotifier)}; {@code afterFirstAnswer} (when given) starts
     * once the first answer, the client's {@code initialize}, is written: work a session will want soon (the
     * search stack) waits until then rather than slowing that answer.
     */
    public void serve(InputStream in, OutputStream out, ListChangeNotifier changes, Runnable afterFirstAnswer)
            throws InterruptedException {
        serve(in, java.util.Set.of(), out, changes, afterFirstAnswer);
    }

    /**
     * As {@link #serve(InputStream, OutputStream, ListChangeNotifier, Runnable)}, taking over from the process's
     * {@link StdioFront}: it reads what the front passes on, and drops its own answers to what the front answered.
     */
    public void serve(StdioFront.Handoff front, OutputStream out, ListChangeNotifier changes, Runnable afterFirstAnswer)
            throws InterruptedException {
        serve(front.in(), front.answeredAhead(), out, changes, afterFirstAnswer);
    }

    private void serve(InputStream in, java.util.Set<Object> answeredAhead, OutputStream out, ListChangeNotifier changes,
                       Runnable afterFirstAnswer) throws InterruptedException {
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        StdioLineTransport transport = new StdioLineTransport(mapper, in, out, beforeSession(), inFlight,
                tools.principal(), new ModernLane(this, changes));
        transport.afterFirstAnswer(afterFirstAnswer);
        transport.answeredAhead(answeredAhead);
        McpSyncServer server = configure(McpServer.sync(transport), mapper, "agent " + tools.principal().agentId()
                + " in namespace " + tools.principal().namespace()).build();
        ListChangeNotifier.Registration reg = changes == null ? null
                : changes.register(StdioLineTransport.CONNECTION, tools.principal(), client(StdioLineTransport.CONNECTION,
                tools.principal(), (method, params) -> {
                    if (transport.legacyOpened()) { // 2026-07-28 clients hear of changes on subscriptions/listen only
                        transport.notifyClients(method, params).block();
                    }
                }));
        try {
            transport.awaitEnd();
            transport.drain();
        } finally {
            if (reg != null) {
                reg.close();
            }
            server.close();
            transport.close();
        }
    }

    /** A connected client for {@link ListChangeNotifier}: notifications go out through {@code send}. */
    ListChangeNotifier.Client client(String connection, Principal who,
                                     java.util.function.BiConsumer<String, Object> send) {
        return new ListChangeNotifier.Client() {
            @Override
            public void listChanged() {
                send.accept(McpSchema.METHOD_NOTIFICATION_RESOURCES_LIST_CHANGED, null);
            }

            @Override
            public Map<String, String> subscribed() {
                return subscriptions.of(connection);
            }

            @Override
            public String digest(String uri) {
                return digestOrNull(who, uri);
            }

            @Override
            public void updated(String uri) {
                send.accept(McpSchema.METHOD_NOTIFICATION_RESOURCES_UPDATED, Map.of("uri", uri));
            }
        };
    }

    /** The server's identity, instructions, capabilities and tools, on either transport's builder. */
    <S extends McpServer.SyncSpecification<S>> McpServer.SyncSpecification<S> configure(
            McpServer.SyncSpecification<S> spec, McpJsonMapper mapper, String actingAs) {
        return spec.serverInfo("skilldesk", version)
                .instructions(instructions(actingAs))
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(true, true).logging()
                        .extensions(Map.of(SkillsExtension.ID, Map.of("directoryRead", true))).build())
                // SkillTools checks arguments itself, so that a bad one gets a tool error naming the argument
                .validateToolInputs(false)
                .tools(fixtures == null ? specifications(mapper) : withFixtures(mapper));
    }

    private List<SyncToolSpecification> withFixtures(McpJsonMapper mapper) {
        List<SyncToolSpecification> all = new java.util.ArrayList<>(specifications(mapper));
        all.addAll(fixtures.tools(mapper));
        return all;
    }

    List<SyncToolSpecification> specifications(McpJsonMapper mapper) {
        return List.of(
                tool(mapper, SEARCH, "Search skills",
                        "Find skills for a task in the SkillDesk library by meaning and keywords. Returns layer-1"
                                + " entries (name as namespace/name, description, tags, persona) ranked, each with its"
                                + " relevance from 0 to 1.", READS,
                        """
                        {"type":"object","properties":{
                          "query":{"type":"string","description":"What you need to do, in words"},
                          "top_k":{"type":"integer","minimum":1,"maximum":50,"default":5,"description":"How many results"},
                          "mode":{"type":"string","enum":["hybrid","semantic","keyword"],"default":"hybrid","description":"hybrid: by meaning and words together (best for requests); semantic: by meaning only; keyword: by the words only"},
                          "persona":{"type":"string","description":"Only skills of this persona"}},
                         "required":["query"],"additionalProperties":false}""", SEARCH_OUT),
                tool(mapper, GET, "Load a skill",
                        "Load one disclosure layer of a skill: 1 the listing entry, 2 the core instructions, 3 the"
                                + " whole SKILL.md and its resource files' paths. Layers 2 and 3 return an"
                                + " activation_id to pass to record_outcome.", RECORDS,
                        """
                        {"type":"object","properties":{
                          "name":{"type":"string","description":"namespace/name, or a name (your namespace first, else the one skill of that name you may see)"},
                          "layer":{"type":"integer","enum":[1,2,3],"default":2,"description":"1: the listing entry; 2: the core instructions (what to follow); 3: the whole SKILL.md and its files' paths"}},
                         "required":["name"],"additionalProperties":false}""", GET_OUT),
                tool(mapper, LIST, "List skills",
                        "List the skills you may use, by namespace and name, as layer-1 entries; filter by persona"
                                + " and tags (all must match); page with limit and offset.", READS,
                        """
                        {"type":"object","properties":{
                          "persona":{"type":"string","description":"Only skills of this persona"},
                          "tags":{"type":"array","items":{"type":"string"},"description":"Only skills with all of these tags"},
                          "limit":{"type":"integer","minimum":1,"maximum":500,"default":50,"description":"At most this many entries"},
                          "offset":{"type":"integer","minimum":0,"default":0,"description":"Skip this many entries first, for the next page"}},
                         "additionalProperties":false}""", LIST_OUT),
                tool(mapper, READ_FILE, "Read a skill's file",
                        "Read one of a skill's resource files (scripts/, references/, assets/ …) by the relative path"
                                + " get_skill with layer 3 lists, or SKILL.md. Text comes as UTF-8, other files as base64.",
                        READS,
                        """
                        {"type":"object","properties":{
                          "name":{"type":"string","description":"The skill: namespace/name, or a name"},
                          "path":{"type":"string","description":"Relative path, e.g. scripts/run.py"}},
                         "required":["name","path"],"additionalProperties":false}""", READ_OUT),
                tool(mapper, OUTCOME, "Report how a skill went",
                        "Record whether using a loaded skill worked, for the library's analytics.", REPORTS,
                        """
                        {"type":"object","properties":{
                          "activation_id":{"type":"string","description":"From get_skill"},
                          "success":{"type":"boolean","description":"true when following the skill did the job, false when it did not"},
                          "error":{"type":"string","description":"What went wrong, when it did not work"}},
                         "required":["activation_id","success"],"additionalProperties":false}""", OUTCOME_OUT));
    }

    /** A layer-1 entry's properties, as every tool's output carries them. */
    private static final String ENTRY = """
            "name":{"type":"string","description":"namespace/name"},
            "description":{"type":"string"},
            "tags":{"type":"array","items":{"type":"string"}},
            "persona":{"type":["string","null"]}""";
    private static final String SEARCH_OUT = """
            {"type":"object","properties":{
              "query":{"type":"string"},
              "mode":{"type":"string","enum":["hybrid","semantic","keyword"]},
              "results":{"type":"array","items":{"type":"object","properties":{%s,
                "rank":{"type":"integer","minimum":1},
                "relevance":{"type":"number","minimum":0,"maximum":1},
                "found_by":{"type":"array","items":{"type":"string"}}},
                "required":["name","description","tags","rank","relevance","found_by"]}},
              "notice":{"type":"string","description":"Why the answer may be partial (e.g. keyword-only while the index builds)"}},
             "required":["query","mode","results"]}""".formatted(ENTRY);
    private static final String GET_OUT = """
            {"type":"object","properties":{%s,
              "version":{"type":"integer","minimum":1},
              "layer":{"type":"integer","enum":[1,2,3]},
              "tokens":{"type":"integer","minimum":0},
              "files":{"type":"array","items":{"type":"object","properties":{"path":{"type":"string"},"size":{"type":"integer","minimum":0}},"required":["path","size"]}},
              "text":{"type":"string"},
              "activation_id":{"type":"string","description":"Pass to record_outcome (layers 2 and 3)"}},
             "required":["name","description","tags","version","layer","tokens","text"]}""".formatted(ENTRY);
    private static final String LIST_OUT = """
            {"type":"object","properties":{
              "total":{"type":"integer","minimum":0},
              "offset":{"type":"integer","minimum":0},
              "limit":{"type":"integer","minimum":1},
              "skills":{"type":"array","items":{"type":"object","properties":{%s},"required":["name","description","tags"]}}},
             "required":["total","offset","limit","skills"]}""".formatted(ENTRY);
    private static final String READ_OUT = """
            {"type":"object","properties":{%s,
              "version":{"type":"integer","minimum":1},
              "path":{"type":"string"},
              "size":{"type":"integer","minimum":0},
              "encoding":{"type":"string","enum":["utf-8","base64"]},
              "content":{"type":"string"}},
             "required":["name","version","path","size","encoding","content"]}""".formatted(ENTRY);
    private static final String OUTCOME_OUT = """
            {"type":"object","properties":{
              "activation_id":{"type":"string"},
              "success":{"type":"boolean"},
              "error":{"type":"string"},
              "recorded":{"type":"boolean"}},
             "required":["activation_id","success","recorded"]}""";

    /** What a tool does to the library, as MCP's hints say it: none of them reaches beyond the library. */
    private static final McpSchema.ToolAnnotations READS = new McpSchema.ToolAnnotations(null, true, false, true, false, null);
    /** get_skill records an activation (a new row each call) and changes nothing else. */
    private static final McpSchema.ToolAnnotations RECORDS = new McpSchema.ToolAnnotations(null, false, false, false, false, null);
    /** record_outcome sets an activation's outcome: the same call again leaves the same outcome. */
    private static final McpSchema.ToolAnnotations REPORTS = new McpSchema.ToolAnnotations(null, false, false, true, false, null);

    private SyncToolSpecification tool(McpJsonMapper mapper, String name, String title, String description,
                                       McpSchema.ToolAnnotations hints, String schema, String output) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).title(title).description(description)
                .annotations(new McpSchema.ToolAnnotations(title, hints.readOnlyHint(), hints.destructiveHint(),
                        hints.idempotentHint(), hints.openWorldHint(), null))
                .inputSchema(mapper, schema).outputSchema(mapper, output).build();
        return SyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> call(exchange, request))
                .build();
    }

    /** One tool call, as the principal the transport says sent it, with progress, logging and cancellation. */
    private CallToolResult call(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        McpTransportContext t = exchange.transportContext();
        Object principal = t == null ? null : t.get(PRINCIPAL);
        Object connection = t == null ? null : t.get(CONNECTION);
        Object id = t == null ? null : t.get(REQUEST_ID);
        SkillTools as = principal instanceof Principal p ? tools.as(p) : tools;
        Object token = request.meta() == null ? null : request.meta().get("progressToken");
        String conn = connection == null ? "" : connection.toString();
        CallContext ctx = new CallContext() {
            @Override
            public boolean cancelled() {
                return inFlight.isCancelled(conn, id);
            }

            @Override
            public void progress(double done, Double total, String message) {
                if (token != null && !cancelled()) {
                    exchange.progressNotification(new McpSchema.ProgressNotification(token, done, total, message));
                }
            }

            @Override
            public void log(Level level, String message) {
                if (!cancelled()) {
                    exchange.loggingNotification(McpSchema.LoggingMessageNotification.builder()
                            .level(McpSchema.LoggingLevel.valueOf(level.name())).logger("skilldesk").data(message)
                            .build());
                }
            }
        };
        try {
            return toResult(as.call(request.name(), request.arguments(), ctx));
        } catch (CallContext.Cancelled e) {
            // the transport drops this answer: a cancelled request gets none
            return CallToolResult.builder().addTextContent("cancelled by the client").isError(true).build();
        }
    }

    /** The body as JSON text (what every client reads) and as structured content (for those that use it). */
    static CallToolResult toResult(SkillTools.Result r) {
        if (r.isError()) {
            return CallToolResult.builder().addTextContent(r.error()).isError(true).build();
        }
        String text;
        try {
            text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r.body());
        } catch (JsonProcessingException e) {
            return CallToolResult.builder().addTextContent("could not write the answer: " + e.getOriginalMessage())
                    .isError(true).build();
        }
        return CallToolResult.builder().addTextContent(text).structuredContent(new LinkedHashMap<>(r.body()))
                .isError(false).build();
    }
}
