package dev.skilldesk.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * SkillDesk's Model Context Protocol server over stdio (the official MCP Java SDK): five tools over
 * {@link SkillTools}. {@link #serve} answers until the client closes the input stream.
 */
public final class McpSkillServer {
    static final String SEARCH = "search_skills";
    static final String GET = "get_skill";
    static final String LIST = "list_skills";
    static final String READ_FILE = "read_skill_file";
    static final String OUTCOME = "record_outcome";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SkillTools tools;
    private final String version;

    public McpSkillServer(SkillTools tools, String version) {
        this.tools = tools;
        this.version = version;
    }

    /**
     * Serves the protocol on {@code in}/{@code out} and returns when {@code in} ends (the client closed it or
     * went away), within {@link StdioLineTransport#END_GRACE_MS} plus the server's own close. Nothing but
     * protocol messages is written to {@code out}; a bad line is answered with its JSON-RPC error and the
     * server reads on.
     */
    public void serve(InputStream in, OutputStream out) throws InterruptedException {
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        StdioLineTransport transport = new StdioLineTransport(mapper, in, out);
        transport.serveExtension(tools.extension());
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo("skilldesk", version)
                .instructions("SkillDesk's skill library for agent " + tools.principal().agentId() + " in namespace "
                        + tools.principal().namespace() + ". Find skills with search_skills or list_skills, load one"
                        + " with get_skill (layer 2: its instructions; layer 3: the whole SKILL.md and its file list),"
                        + " read its files with read_skill_file, and report how it went with record_outcome.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false)
                        .extensions(java.util.Map.of(SkillsExtension.ID, java.util.Map.of())).build())
                // SkillTools checks arguments itself, so that a bad one gets a tool error naming the argument
                .validateToolInputs(false)
                .tools(specifications(mapper))
                .build();
        try {
            transport.awaitEnd();
            transport.drain();
        } finally {
            server.close();
            transport.close();
        }
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
                         "required":["query"],"additionalProperties":false}"""),
                tool(mapper, GET, "Load a skill",
                        "Load one disclosure layer of a skill: 1 the listing entry, 2 the core instructions, 3 the"
                                + " whole SKILL.md and its resource files' paths. Layers 2 and 3 return an"
                                + " activation_id to pass to record_outcome.", RECORDS,
                        """
                        {"type":"object","properties":{
                          "name":{"type":"string","description":"namespace/name, or a name (your namespace first, else the one skill of that name you may see)"},
                          "layer":{"type":"integer","enum":[1,2,3],"default":2,"description":"1: the listing entry; 2: the core instructions (what to follow); 3: the whole SKILL.md and its files' paths"}},
                         "required":["name"],"additionalProperties":false}"""),
                tool(mapper, LIST, "List skills",
                        "List the skills you may use, by namespace and name, as layer-1 entries; filter by persona"
                                + " and tags (all must match); page with limit and offset.", READS,
                        """
                        {"type":"object","properties":{
                          "persona":{"type":"string","description":"Only skills of this persona"},
                          "tags":{"type":"array","items":{"type":"string"},"description":"Only skills with all of these tags"},
                          "limit":{"type":"integer","minimum":1,"maximum":500,"default":50,"description":"At most this many entries"},
                          "offset":{"type":"integer","minimum":0,"default":0,"description":"Skip this many entries first, for the next page"}},
                         "additionalProperties":false}"""),
                tool(mapper, READ_FILE, "Read a skill's file",
                        "Read one of a skill's resource files (scripts/, references/, assets/ …) by the relative path"
                                + " get_skill with layer 3 lists, or SKILL.md. Text comes as UTF-8, other files as base64.",
                        READS,
                        """
                        {"type":"object","properties":{
                          "name":{"type":"string","description":"The skill: namespace/name, or a name"},
                          "path":{"type":"string","description":"Relative path, e.g. scripts/run.py"}},
                         "required":["name","path"],"additionalProperties":false}"""),
                tool(mapper, OUTCOME, "Report how a skill went",
                        "Record whether using a loaded skill worked, for the library's analytics.", REPORTS,
                        """
                        {"type":"object","properties":{
                          "activation_id":{"type":"string","description":"From get_skill"},
                          "success":{"type":"boolean","description":"true when following the skill did the job, false when it did not"},
                          "error":{"type":"string","description":"What went wrong, when it did not work"}},
                         "required":["activation_id","success"],"additionalProperties":false}"""));
    }

    /** What a tool does to the library, as MCP's hints say it: none of them reaches beyond the library. */
    private static final McpSchema.ToolAnnotations READS = new McpSchema.ToolAnnotations(null, true, false, true, false, null);
    /** get_skill records an activation (a new row each call) and changes nothing else. */
    private static final McpSchema.ToolAnnotations RECORDS = new McpSchema.ToolAnnotations(null, false, false, false, false, null);
    /** record_outcome sets an activation's outcome: the same call again leaves the same outcome. */
    private static final McpSchema.ToolAnnotations REPORTS = new McpSchema.ToolAnnotations(null, false, false, true, false, null);

    private SyncToolSpecification tool(McpJsonMapper mapper, String name, String title, String description,
                                       McpSchema.ToolAnnotations hints, String schema) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).title(title).description(description)
                .annotations(new McpSchema.ToolAnnotations(title, hints.readOnlyHint(), hints.destructiveHint(),
                        hints.idempotentHint(), hints.openWorldHint(), null))
                .inputSchema(mapper, schema).build();
        return SyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> toResult(tools.call(name, request.arguments())))
                .build();
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
