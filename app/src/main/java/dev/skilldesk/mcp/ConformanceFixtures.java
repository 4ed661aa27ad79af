package dev.skilldesk.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixtures the official MCP conformance suite ({@code @modelcontextprotocol/conformance}) calls by name in
 * its server scenarios: tools named {@code test_*} and resources under {@code test://}. Every server under test
 * must provide them; they exist only with {@code skilldesk mcp --http … --conformance-fixtures}, beside the
 * library's own tools and {@code skill://} resources, on the same server, transport, gate and session code, so
 * the suite checks SkillDesk's handling of content types, logging, progress, errors, binary resources,
 * templates, subscriptions and requests to the client (sampling, elicitation). Fixtures for what SkillDesk's
 * server does not offer by design (prompts, completion) are left out; the README lists those scenarios with
 * the reason.
 */
final class ConformanceFixtures {
    /** A 1×1 red PNG. */
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    /** A WAV header with no samples. */
    static final String WAV = "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA=";
    static final List<String> TOOLS = List.of("test_simple_text", "test_image_content", "test_audio_content",
            "test_embedded_resource", "test_multiple_content_types", "test_tool_with_logging", "test_error_handling",
            "test_tool_with_progress", "test_sampling", "test_elicitation", "test_elicitation_sep1034_defaults",
            "test_elicitation_sep1330_enums", "json_schema_2020_12_tool");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Pattern TEMPLATE = Pattern.compile("test://template/([^/]+)/data");
    private static final String NO_ARGS = "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}";

    List<SyncToolSpecification> tools(McpJsonMapper mapper) {
        return List.of(
                tool(mapper, "test_simple_text", "Returns a text", (ex, req) -> CallToolResult.builder()
                        .addTextContent("This is a simple text response for testing.").isError(false).build()),
                tool(mapper, "test_image_content", "Returns an image", (ex, req) -> CallToolResult.builder()
                        .addContent(new McpSchema.ImageContent(null, PNG, "image/png")).isError(false).build()),
                tool(mapper, "test_audio_content", "Returns audio", (ex, req) -> CallToolResult.builder()
                        .addContent(new McpSchema.AudioContent(null, WAV, "audio/wav")).isError(false).build()),
                tool(mapper, "test_embedded_resource", "Returns an embedded resource", (ex, req) -> CallToolResult
                        .builder().addContent(new McpSchema.EmbeddedResource(null, new McpSchema.TextResourceContents(
                                "test://embedded-resource", "text/plain", "This is an embedded resource content.")))
                        .isError(false).build()),
                tool(mapper, "test_multiple_content_types", "Returns text, an image and a resource", (ex, req) ->
                        CallToolResult.builder().addTextContent("Multiple content types test:")
                                .addContent(new McpSchema.ImageContent(null, PNG, "image/png"))
                                .addContent(new McpSchema.EmbeddedResource(null, new McpSchema.TextResourceContents(
                                        "test://mixed-content-resource", "application/json",
                                        "{\"test\":\"data\",\"value\":123}")))
                                .isError(false).build()),
                tool(mapper, "test_tool_with_logging", "Logs three messages", (ex, req) -> {
                    for (String m : List.of("Tool execution started", "Tool processing data", "Tool execution completed")) {
                        ex.loggingNotification(McpSchema.LoggingMessageNotification.builder()
                                .level(McpSchema.LoggingLevel.INFO).logger("conformance").data(m).build());
                        pause();
                    }
                    return CallToolResult.builder().addTextContent("Logging test completed").isError(false).build();
                }),
                tool(mapper, "test_error_handling", "Always fails", (ex, req) -> CallToolResult.builder()
                        .addTextContent("This tool intentionally returns an error for testing").isError(true).build()),
                tool(mapper, "test_tool_with_progress", "Reports progress", (ex, req) -> {
                    Object token = req.meta() == null ? null : req.meta().get("progressToken");
                    for (int p = 0; p <= 100; p += 50) {
                        if (token != null) {
                            ex.progressNotification(new McpSchema.ProgressNotification(token, p, 100.0,
                                    "progress " + p + "/100"));
                        }
                        pause();
                    }
                    return CallToolResult.builder().addTextContent("Progress test completed").isError(false).build();
                }),
                tool(mapper, "test_sampling", "Asks the client's model", """
                        {"type":"object","properties":{"prompt":{"type":"string"}},"required":["prompt"]}""",
                        (ex, req) -> {
                            if (ex.getClientCapabilities() == null || ex.getClientCapabilities().sampling() == null) {
                                return CallToolResult.builder().addTextContent("the client offers no sampling")
                                        .isError(true).build();
                            }
                            McpSchema.CreateMessageResult r = ex.createMessage(McpSchema.CreateMessageRequest.builder()
                                    .messages(List.of(new McpSchema.SamplingMessage(McpSchema.Role.USER,
                                            new McpSchema.TextContent(String.valueOf(req.arguments().get("prompt"))))))
                                    .maxTokens(100).build());
                            String text = r.content() instanceof McpSchema.TextContent t ? t.text() : String.valueOf(r.content());
                            return CallToolResult.builder().addTextContent("LLM response: " + text).isError(false).build();
                        }),
                elicit(mapper, "test_elicitation", """
                        {"type":"object","properties":{"message":{"type":"string"}},"required":["message"]}""", """
                        {"type":"object","properties":{
                          "username":{"type":"string","description":"User's response"},
                          "email":{"type":"string","description":"User's email address"}},
                         "required":["username","email"]}""", "User response: "),
                elicit(mapper, "test_elicitation_sep1034_defaults", NO_ARGS, """
                        {"type":"object","properties":{
                          "name":{"type":"string","default":"John Doe"},
                          "age":{"type":"integer","default":30},
                          "score":{"type":"number","default":95.5},
                          "status":{"type":"string","enum":["active","inactive","pending"],"default":"active"},
                          "verified":{"type":"boolean","default":true}}}""", "Elicitation completed: "),
                elicit(mapper, "test_elicitation_sep1330_enums", NO_ARGS, """
                        {"type":"object","properties":{
                          "untitledSingle":{"type":"string","enum":["option1","option2","option3"]},
                          "titledSingle":{"type":"string","oneOf":[{"const":"value1","title":"First Option"},
                            {"const":"value2","title":"Second Option"},{"const":"value3","title":"Third Option"}]},
                          "legacyEnum":{"type":"string","enum":["opt1","opt2","opt3"],
                            "enumNames":["Option One","Option Two","Option Three"]},
                          "untitledMulti":{"type":"array","items":{"type":"string","enum":["option1","option2","option3"]}},
                          "titledMulti":{"type":"array","items":{"anyOf":[{"const":"value1","title":"First Choice"},
                            {"const":"value2","title":"Second Choice"},{"const":"value3","title":"Third Choice"}]}}}}""",
                        "Elicitation completed: "),
                tool(mapper, "json_schema_2020_12_tool", "Keeps JSON Schema 2020-12's keywords", SCHEMA_2020_12,
                        (ex, req) -> CallToolResult.builder().addTextContent("ok").isError(false).build()));
    }

    /** A fixture that asks the client's user through {@code elicitation/create} with {@code schema}. */
    @SuppressWarnings("unchecked")
    private static SyncToolSpecification elicit(McpJsonMapper mapper, String name, String input, String schema,
                                                String answerPrefix) {
        Map<String, Object> requested;
        try {
            requested = JSON.readValue(schema, Map.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return tool(mapper, name, "Asks the client's user", input, (ex, req) -> {
            if (ex.getClientCapabilities() == null || ex.getClientCapabilities().elicitation() == null) {
                return CallToolResult.builder().addTextContent("the client offers no elicitation").isError(true).build();
            }
            Object message = req.arguments() == null ? null : req.arguments().get("message");
            McpSchema.ElicitResult r = ex.createElicitation(McpSchema.ElicitFormRequest.builder(
                    message == null ? "Please answer" : message.toString(), requested).build());
            return CallToolResult.builder().addTextContent(answerPrefix + "action=" + r.action().name()
                    .toLowerCase(java.util.Locale.ROOT) + ", content=" + r.content()).isError(false).build();
        });
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SyncToolSpecification tool(McpJsonMapper mapper, String name, String description,
            java.util.function.BiFunction<io.modelcontextprotocol.server.McpSyncServerExchange,
                    McpSchema.CallToolRequest, CallToolResult> handler) {
        return tool(mapper, name, description, NO_ARGS, handler);
    }

    private static SyncToolSpecification tool(McpJsonMapper mapper, String name, String description, String input,
            java.util.function.BiFunction<io.modelcontextprotocol.server.McpSyncServerExchange,
                    McpSchema.CallToolRequest, CallToolResult> handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description("Conformance fixture: " + description)
                .inputSchema(mapper, input).build();
        return SyncToolSpecification.builder().tool(tool).callHandler(handler).build();
    }

    /** The fixture resources, as resources/list entries. */
    List<Map<String, Object>> resources() {
        return List.of(resource("test://static-text", "static-text", "A static text", "text/plain"),
                resource("test://static-binary", "static-binary", "A static PNG", "image/png"),
                resource("test://watched-resource", "watched-resource", "A resource to subscribe to", "text/plain"));
    }

    List<Map<String, Object>> templates() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("uriTemplate", "test://template/{id}/data");
        t.put("name", "template-data");
        t.put("description", "Conformance fixture: data for an id");
        t.put("mimeType", "application/json");
        return List.of(t);
    }

    /** The contents of fixture {@code uri}, or null when it is not one. */
    Map<String, Object> read(String uri) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("uri", uri);
        switch (uri) {
            case "test://static-text" -> {
                c.put("mimeType", "text/plain");
                c.put("text", "This is the content of the static text resource.");
            }
            case "test://static-binary" -> {
                c.put("mimeType", "image/png");
                c.put("blob", PNG);
            }
            case "test://watched-resource" -> {
                c.put("mimeType", "text/plain");
                c.put("text", "Watched resource content.");
            }
            default -> {
                Matcher m = TEMPLATE.matcher(uri);
                if (!m.matches()) {
                    return null;
                }
                String id = m.group(1);
                c.put("mimeType", "application/json");
                c.put("text", "{\"id\":\"" + id.replace("\"", "") + "\",\"templateTest\":true,\"data\":\"Data for ID: "
                        + id.replace("\"", "") + "\"}");
            }
        }
        return Map.of("contents", List.of(c));
    }

    private static Map<String, Object> resource(String uri, String name, String description, String mime) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("uri", uri);
        r.put("name", name);
        r.put("description", "Conformance fixture: " + description);
        r.put("mimeType", mime);
        return r;
    }

    // ---- the 2026-07-28 lane's fixtures (plain JSON: that lane does not run through the SDK) ---------------------

    /** The fixture tools the 2026-07-28 scenarios call, in their order. */
    static final List<String> MODERN_TOOLS = List.of("test_simple_text", "test_image_content", "test_audio_content",
            "test_embedded_resource", "test_multiple_content_types", "test_error_handling", "test_tool_with_progress",
            "test_logging_tool", "test_missing_capability", "test_streaming_elicitation", "json_schema_2020_12_tool");
    /** A schema with JSON Schema 2020-12's keywords, which a server must pass on untouched. */
    private static final String SCHEMA_2020_12 = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
             "$defs":{"address":{"$anchor":"addressDef","type":"object","properties":{"street":{"type":"string"},"city":{"type":"string"}}}},
             "properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"},
               "contactMethod":{"type":"string","enum":["phone","email"]},"phone":{"type":"string"},"email":{"type":"string"}},
             "allOf":[{"anyOf":[{"required":["phone"]},{"required":["email"]}]}],
             "if":{"properties":{"contactMethod":{"const":"phone"}},"required":["contactMethod"]},
             "then":{"required":["phone"]},"else":{"required":["email"]},"additionalProperties":false}""";

    /** The fixture tools as tools/list entries. */
    List<Object> modernTools() {
        List<Object> out = new java.util.ArrayList<>();
        for (String name : MODERN_TOOLS) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", name);
            t.put("description", "Conformance fixture: " + name.replace('_', ' '));
            try {
                t.put("inputSchema", JSON.readValue(name.equals("json_schema_2020_12_tool") ? SCHEMA_2020_12 : NO_ARGS,
                        Map.class));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            out.add(t);
        }
        return out;
    }

    /**
     * Calls fixture {@code name} on the 2026-07-28 lane: its result (content blocks), with progress and log messages
     * through {@code ctx}; null when {@code name} is not a fixture. {@code capabilities} are the client's, from the
     * request's envelope: {@code test_missing_capability} needs sampling and is refused with -32021 without it.
     */
    Map<String, Object> modernCall(String name, com.fasterxml.jackson.databind.JsonNode capabilities, CallContext ctx) {
        List<Object> content;
        boolean error = false;
        switch (name) {
            case "test_simple_text" -> content = List.of(text("This is a simple text response for testing."));
            case "test_image_content" -> content = List.of(Map.of("type", "image", "data", PNG, "mimeType", "image/png"));
            case "test_audio_content" -> content = List.of(Map.of("type", "audio", "data", WAV, "mimeType", "audio/wav"));
            case "test_embedded_resource" -> content = List.of(Map.of("type", "resource", "resource", Map.of(
                    "uri", "test://embedded-resource", "mimeType", "text/plain",
                    "text", "This is an embedded resource content.")));
            case "test_multiple_content_types" -> content = List.of(text("Multiple content types test:"),
                    Map.of("type", "image", "data", PNG, "mimeType", "image/png"),
                    Map.of("type", "resource", "resource", Map.of("uri", "test://mixed-content-resource",
                            "mimeType", "application/json", "text", "{\"test\":\"data\",\"value\":123}")));
            case "test_error_handling" -> {
                content = List.of(text("This tool intentionally returns an error for testing"));
                error = true;
            }
            case "test_tool_with_progress" -> {
                for (int p = 0; p <= 100; p += 50) {
                    ctx.progress(p, 100.0, "progress " + p + "/100");
                    pause();
                }
                content = List.of(text("Progress test completed"));
            }
            case "test_logging_tool" -> {
                for (String m : List.of("Tool execution started", "Tool processing data", "Tool execution completed")) {
                    ctx.log(CallContext.Level.INFO, m);
                    pause();
                }
                content = List.of(text("Logging test completed"));
            }
            case "test_missing_capability" -> {
                if (capabilities == null || !capabilities.path("sampling").isObject()) {
                    throw new ModernLane.Refusal(ModernLane.MISSING_CAPABILITY, 400, "Server requires the sampling"
                            + " capability for this request", Map.of("requiredCapabilities", Map.of("sampling", Map.of())));
                }
                content = List.of(text("The client declared sampling."));
            }
            // this server never sends a request to the client: the answer comes on the request's own stream
            case "test_streaming_elicitation" -> content = List.of(text("No elicitation: answered in full."));
            case "json_schema_2020_12_tool" -> content = List.of(text("ok"));
            default -> {
                return null;
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("content", content);
        r.put("isError", error);
        return r;
    }

    private static Map<String, Object> text(String t) {
        return Map.of("type", "text", "text", t);
    }
}
