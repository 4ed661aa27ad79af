package dev.skilldesk.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skilldesk.skill.Principal;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * MCP 2026-07-28, the stateless revision, served beside the SDK's 2025-11-25 sessions on the same endpoint (stdio
 * and HTTP). A message belongs here when its {@code params._meta} claims a protocol version
 * ({@value #META_VERSION}) or when it is {@code server/discover}; everything else goes to the legacy lane as
 * before. Nothing is kept between requests: each names its version, its client's capabilities and (optionally) its
 * log level in {@code _meta}, and the transport says who sent it (stdio: the server's principal; HTTP: the bearer
 * token's). Every result carries {@code resultType}; the cacheable ones {@code ttlMs} and {@code cacheScope}
 * ({@code private} whenever the answer depends on who asks, which is every answer drawn from the library).
 * <p>
 * This class knows JSON-RPC messages, not transports: {@link #answer} turns one request into its response,
 * writing what belongs to that request (progress, log messages) to its {@link Stream}; {@link #listen} opens a
 * {@code subscriptions/listen} subscription whose notifications go to its stream until closed. A {@link Refusal} is
 * an error the transport answers before any handler runs (HTTP gives it its status).
 */
final class ModernLane {
    static final String VERSION = "2026-07-28";
    static final List<String> SUPPORTED = List.of(VERSION);
    static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
    static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
    static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";
    static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";
    static final String META_SUBSCRIPTION = "io.modelcontextprotocol/subscriptionId";
    static final String DISCOVER = "server/discover";
    static final String LISTEN = "subscriptions/listen";

    static final int INVALID_PARAMS = -32602;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INTERNAL_ERROR = -32603;
    static final int HEADER_MISMATCH = -32020;
    static final int MISSING_CAPABILITY = -32021;
    static final int UNSUPPORTED_VERSION = -32022;

    /** How long an answer may be reused: the tool set and the server's description never change while it runs. */
    static final long STATIC_TTL_MS = 3_600_000;
    /**
     * Answers drawn from the library: a short while, since another process may write at any time; a client that
     * wants to know at once listens ({@code subscriptions/listen}).
     */
    static final long LIBRARY_TTL_MS = 10_000;
    /** At most this many listen subscriptions at once, over every transport (each holds a stream open). */
    static final int MAX_LISTENS = 32;

    /** Methods whose results carry caching hints (those of the core and the Skills Extension). */
    private static final Set<String> CACHEABLE = Set.of(DISCOVER, "tools/list", "resources/list",
            "resources/templates/list", "resources/read", "skills/list", "skills/get", "resources/directory/read");
    private static final List<String> LEVELS = StdioFront.LOG_LEVELS;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An error answered before any handler runs, with the HTTP status it takes over HTTP. */
    static final class Refusal extends RuntimeException {
        final int code;
        final int status;
        final transient Object data;

        Refusal(int code, int status, String message, Object data) {
            super(message, null, false, false);
            this.code = code;
            this.status = status;
            this.data = data;
        }
    }

    /** What a request said about itself in {@code _meta}. */
    record Envelope(String version, JsonNode capabilities, String logLevel, JsonNode progressToken) {
        /** Whether a message at {@code level} is to be sent (only when the request asked for a level). */
        boolean logs(CallContext.Level level) {
            if (logLevel == null) {
                return false;
            }
            return LEVELS.indexOf(level.name().toLowerCase(Locale.ROOT)) >= LEVELS.indexOf(logLevel);
        }
    }

    /** Where the messages of one request (or one subscription) go; writes may come from any thread. */
    interface Stream {
        /** Writes one notification; false when the client is gone (the request is then cancelled). */
        boolean send(ObjectNode message);
    }

    private final McpSkillServer mcp;
    private final ListChangeNotifier changes;
    private final AtomicInteger listens = new AtomicInteger();
    private final Map<String, Listen> open = new ConcurrentHashMap<>();
    private volatile List<JsonNode> tools;

    ModernLane(McpSkillServer mcp, ListChangeNotifier changes) {
        this.mcp = mcp;
        this.changes = changes;
    }

    // ---- which lane ----------------------------------------------------------------------------------------------

    /** Whether {@code message} (a JSON-RPC object) is this lane's: a claim in {@code _meta}, or server/discover. */
    static boolean claims(JsonNode message) {
        return DISCOVER.equals(message.path("method").asText(null)) || hasClaim(message);
    }

    /** Whether the message's {@code params._meta} names a protocol version (a well-formed claim or not). */
    static boolean hasClaim(JsonNode message) {
        JsonNode meta = message.path("params").path("_meta");
        return meta.isObject() && meta.has(META_VERSION);
    }

    /** Whether a {@code MCP-Protocol-Version} header names a revision of this lane (2026-07-28 or later). */
    static boolean modernHeader(String version) {
        return version != null && version.strip().matches("\\d{4}-\\d{2}-\\d{2}") && version.strip().compareTo(VERSION) >= 0;
    }

    // ---- the envelope --------------------------------------------------------------------------------------------

    /**
     * The request's envelope, checked: a missing or malformed required key is -32602 (HTTP 400), a version this
     * server does not speak -32022 listing those it does.
     */
    static Envelope envelope(JsonNode params) {
        JsonNode meta = params == null ? null : params.get("_meta");
        if (meta == null || !meta.isObject()) {
            throw new Refusal(INVALID_PARAMS, 400, "Invalid _meta envelope for protocol revision " + VERSION
                    + ": params._meta is required, with " + META_VERSION + " and " + META_CAPABILITIES, null);
        }
        JsonNode version = meta.get(META_VERSION);
        if (version == null || !version.isTextual() || version.asText().isBlank()) {
            throw new Refusal(INVALID_PARAMS, 400, "Invalid _meta envelope for protocol revision " + VERSION + ": "
                    + META_VERSION + ": " + (version == null ? "missing" : "not a string"), null);
        }
        JsonNode caps = meta.get(META_CAPABILITIES);
        if (caps == null || !caps.isObject()) {
            throw new Refusal(INVALID_PARAMS, 400, "Invalid _meta envelope for protocol revision " + VERSION + ": "
                    + META_CAPABILITIES + ": " + (caps == null ? "missing" : "not an object"), null);
        }
        JsonNode info = meta.get(META_CLIENT_INFO);
        if (info != null && !info.isNull() && !info.isObject()) {
            throw new Refusal(INVALID_PARAMS, 400, "Invalid _meta envelope: " + META_CLIENT_INFO + " is not an object",
                    null);
        }
        if (!SUPPORTED.contains(version.asText())) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("supported", SUPPORTED);
            data.put("requested", version.asText());
            throw new Refusal(UNSUPPORTED_VERSION, 400, "Unsupported protocol version: '" + version.asText()
                    + "'; this server speaks " + String.join(", ", SUPPORTED) + " (and 2025-11-25 after initialize)",
                    data);
        }
        JsonNode level = meta.get(META_LOG_LEVEL);
        String logLevel = null;
        if (level != null && !level.isNull()) {
            if (!level.isTextual() || !LEVELS.contains(level.asText())) {
                throw new Refusal(INVALID_PARAMS, 400, "Invalid _meta envelope: " + META_LOG_LEVEL + " must be one of "
                        + String.join(", ", LEVELS), null);
            }
            logLevel = level.asText();
        }
        JsonNode token = meta.get("progressToken");
        if (token != null && !token.isTextual() && !token.isIntegralNumber()) {
            token = null;
        }
        return new Envelope(version.asText(), caps, logLevel, token);
    }

    /** Whether this lane has {@code method} (the rest are -32601, HTTP 404). */
    static boolean known(String method) {
        return switch (method) {
            case DISCOVER, LISTEN, "tools/list", "tools/call", "resources/list", "resources/read",
                 "resources/templates/list", "skills/list", "skills/get", "resources/directory/read" -> true;
            default -> false;
        };
    }

    static Refusal notFound(String method) {
        return new Refusal(METHOD_NOT_FOUND, 404, "Method not found: " + method + (switch (method) {
            case "initialize" -> " (this request carries the " + VERSION + " envelope, which needs no initialize;"
                    + " send initialize without it for a 2025-11-25 session)";
            case "ping", "logging/setLevel", "resources/subscribe", "resources/unsubscribe" -> " (removed in " + VERSION
                    + (method.startsWith("resources/") ? "; use subscriptions/listen" : "") + ")";
            default -> "";
        }), null);
    }

    // ---- answers -------------------------------------------------------------------------------------------------

    /**
     * The response to request {@code id} ({@code method} with {@code params}) from {@code who}; what belongs to the
     * request on the way (progress, log messages) goes to {@code stream}. Handler errors come back as JSON-RPC errors
     * in the response; {@code cancelled} says whether the client gave up on it.
     */
    ObjectNode answer(JsonNode id, String method, JsonNode params, Envelope env, Principal who, Stream stream,
                      BooleanSupplier cancelled) {
        try {
            Object result = switch (method) {
                case DISCOVER -> discover();
                case "tools/list" -> Map.of("tools", tools());
                case "tools/call" -> call(params, env, who, stream, cancelled);
                case "resources/read" -> {
                    ConformanceFixtures f = mcp.fixtures();
                    Object fixture = f == null ? null : f.read(params == null ? "" : params.path("uri").asText(""));
                    yield fixture != null ? fixture : mcp.extension(who).answer(method, params);
                }
                case "resources/list", "resources/templates/list", "skills/list", "skills/get",
                     "resources/directory/read" -> mcp.extension(who).answer(method, params);
                default -> throw notFound(method);
            };
            ObjectNode r = JSON.valueToTree(result);
            complete(r, method);
            return response(id, r);
        } catch (SkillsExtension.Failure f) {
            return error(id, f.code, f.getMessage(), f.data);
        } catch (Refusal r) {
            if (r.status != 200) {
                throw r; // the transport answers it with its HTTP status (-32021: 400)
            }
            return error(id, r.code, r.getMessage(), r.data);
        }
    }

    /** Adds {@code resultType}, the server's identity and, where the method is cacheable, the caching hints. */
    private void complete(ObjectNode r, String method) {
        r.put("resultType", "complete");
        ObjectNode meta = r.has("_meta") && r.get("_meta").isObject() ? (ObjectNode) r.get("_meta") : r.putObject("_meta");
        meta.set(META_SERVER_INFO, serverInfo());
        if (CACHEABLE.contains(method) && !r.has("ttlMs")) {
            boolean fixed = method.equals(DISCOVER) || method.equals("tools/list") || method.equals("resources/templates/list");
            r.put("ttlMs", fixed ? STATIC_TTL_MS : LIBRARY_TTL_MS);
            r.put("cacheScope", fixed ? "public" : "private");
        }
    }

    private ObjectNode serverInfo() {
        ObjectNode info = JSON.createObjectNode();
        info.put("name", "skilldesk");
        info.put("version", mcp.version());
        return info;
    }

    /** server/discover: the versions, capabilities and instructions; constant while the server runs. */
    private Map<String, Object> discover() {
        Map<String, Object> caps = new LinkedHashMap<>();
        caps.put("tools", Map.of());
        caps.put("resources", Map.of("subscribe", true, "listChanged", true));
        caps.put("logging", Map.of());
        caps.put("extensions", Map.of(SkillsExtension.ID, Map.of("directoryRead", true)));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("supportedVersions", SUPPORTED);
        r.put("capabilities", caps);
        r.put("instructions", mcp.instructions());
        return r;
    }

    /** The tools as the SDK's lane lists them (same names, schemas and hints), in a stable order. */
    List<JsonNode> tools() {
        List<JsonNode> t = tools;
        if (t == null) {
            McpJsonMapper mapper = McpJsonDefaults.getMapper();
            List<JsonNode> out = new ArrayList<>();
            for (SyncToolSpecification s : mcp.specifications(mapper)) {
                try {
                    out.add(JSON.readTree(mapper.writeValueAsString(s.tool())));
                } catch (IOException e) {
                    throw new IllegalStateException("could not write tool " + s.tool().name(), e);
                }
            }
            if (mcp.fixtures() != null) {
                for (Object f : mcp.fixtures().modernTools()) {
                    out.add(JSON.valueToTree(f));
                }
            }
            tools = t = List.copyOf(out);
        }
        return t;
    }

    private Map<String, Object> call(JsonNode params, Envelope env, Principal who, Stream stream,
                                     BooleanSupplier cancelled) {
        JsonNode name = params == null ? null : params.get("name");
        if (name == null || !name.isTextual()) {
            throw new Refusal(INVALID_PARAMS, 200, "Invalid params: tools/call needs \"name\", the tool's name (one of "
                    + String.join(", ", McpSkillServer.TOOLS) + ")", null);
        }
        ConformanceFixtures fixtures = mcp.fixtures();
        boolean fixture = fixtures != null && ConformanceFixtures.MODERN_TOOLS.contains(name.asText());
        if (!fixture && !McpSkillServer.TOOLS.contains(name.asText())) {
            throw new Refusal(INVALID_PARAMS, 200, "Unknown tool: '" + name.asText() + "'; this server's tools are "
                    + String.join(", ", McpSkillServer.TOOLS), null);
        }
        JsonNode args = params.get("arguments");
        if (args != null && !args.isNull() && !args.isObject()) {
            throw new Refusal(INVALID_PARAMS, 200, "Invalid arguments for tool " + name.asText()
                    + ": \"arguments\" must be an object", null);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> arguments = args == null || args.isNull() ? Map.of() : JSON.convertValue(args, Map.class);
        double[] lastProgress = {Double.NEGATIVE_INFINITY};
        CallContext ctx = new CallContext() {
            @Override
            public boolean cancelled() {
                return cancelled.getAsBoolean();
            }

            @Override
            public void progress(double done, Double total, String message) {
                if (env.progressToken() == null || cancelled() || done <= lastProgress[0]) {
                    return; // progress only ever increases
                }
                lastProgress[0] = done;
                ObjectNode p = JSON.createObjectNode();
                p.set("progressToken", env.progressToken());
                p.put("progress", done);
                if (total != null) {
                    p.put("total", total);
                }
                if (message != null) {
                    p.put("message", message);
                }
                stream.send(notification("notifications/progress", p));
            }

            @Override
            public void log(Level level, String message) {
                if (!env.logs(level) || cancelled()) {
                    return;
                }
                ObjectNode p = JSON.createObjectNode();
                p.put("level", level.name().toLowerCase(Locale.ROOT));
                p.put("logger", "skilldesk");
                p.put("data", message);
                stream.send(notification("notifications/message", p));
            }
        };
        if (fixture) {
            return fixtures.modernCall(name.asText(), env.capabilities(), ctx);
        }
        SkillTools.Result r = mcp.tools().as(who).call(name.asText(), arguments, ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        if (r.isError()) {
            out.put("content", List.of(Map.of("type", "text", "text", r.error())));
            out.put("isError", true);
            return out;
        }
        String text;
        try {
            text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r.body());
        } catch (IOException e) {
            out.put("content", List.of(Map.of("type", "text", "text", "could not write the answer: " + e.getMessage())));
            out.put("isError", true);
            return out;
        }
        out.put("content", List.of(Map.of("type", "text", "text", text)));
        out.put("structuredContent", r.body());
        out.put("isError", false);
        return out;
    }

    // ---- subscriptions/listen ------------------------------------------------------------------------------------

    /** One open subscription; {@link #close} ends it (the client went, cancelled it, or the server stops). */
    final class Listen implements AutoCloseable {
        private final String key = "listen:" + UUID.randomUUID();
        private final JsonNode id;
        private final Stream stream;
        private final boolean list;
        private final Map<String, String> resources = new ConcurrentHashMap<>();
        private volatile ListChangeNotifier.Registration registration;
        private volatile boolean closed;
        /** Open once the acknowledgement is written: a change seen before that waits for it, never goes first. */
        private final java.util.concurrent.CountDownLatch acknowledged = new java.util.concurrent.CountDownLatch(1);

        private Listen(JsonNode id, Stream stream, boolean list) {
            this.id = id;
            this.stream = stream;
            this.list = list;
        }

        JsonNode id() {
            return id;
        }

        boolean closed() {
            return closed;
        }

        /** A notification of a change: after the acknowledgement, whichever thread saw the change first. */
        private void sendChange(String method, ObjectNode params) {
            try {
                acknowledged.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            send(method, params);
        }

        private void send(String method, ObjectNode params) {
            if (closed) {
                return;
            }
            params.putObject("_meta").set(META_SUBSCRIPTION, id);
            if (!stream.send(notification(method, params))) {
                close();
            }
        }

        /** The result that ends the subscription gracefully (sent by the transport, once). */
        ObjectNode result() {
            ObjectNode r = JSON.createObjectNode();
            r.put("resultType", "complete");
            r.putObject("_meta").set(META_SUBSCRIPTION, id);
            return response(id, r);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            ListChangeNotifier.Registration reg = registration;
            if (reg != null) {
                reg.close();
            }
            if (open.remove(key) != null) {
                listens.decrementAndGet();
            }
        }
    }

    /**
     * Opens {@code subscriptions/listen}: sends the acknowledgement (what this server agreed to: resource list
     * changes and updates of the resources named; tools and prompts never change here) as the stream's first
     * message, then the notifications the library's change feed gives, each tagged with the subscription id.
     * A {@link Refusal} when the params are wrong or too many subscriptions are open.
     */
    Listen listen(JsonNode id, JsonNode params, Principal who, Stream stream) {
        JsonNode filter = params == null ? null : params.get("notifications");
        if (filter == null || !filter.isObject()) {
            throw new Refusal(INVALID_PARAMS, 200, "Invalid params: subscriptions/listen needs \"notifications\","
                    + " e.g. {\"resourcesListChanged\": true, \"resourceSubscriptions\": [\"skill://ns/name/SKILL.md\"]}",
                    null);
        }
        JsonNode subs = filter.get("resourceSubscriptions");
        if (subs != null && !subs.isNull() && !subs.isArray()) {
            throw new Refusal(INVALID_PARAMS, 200, "Invalid params: notifications.resourceSubscriptions must be an"
                    + " array of URIs", null);
        }
        if (changes == null) {
            throw new Refusal(INTERNAL_ERROR, 200, "this server does not follow the library's changes", null);
        }
        if (listens.incrementAndGet() > MAX_LISTENS) {
            listens.decrementAndGet();
            throw new Refusal(INTERNAL_ERROR, 200, "Subscription limit reached (" + MAX_LISTENS + " open)", null);
        }
        boolean list = filter.path("resourcesListChanged").asBoolean(false);
        Listen l = new Listen(id, stream, list);
        open.put(l.key, l);
        List<String> agreed = new ArrayList<>();
        if (subs != null && subs.isArray()) {
            for (JsonNode u : subs) {
                if (u.isTextual() && !u.asText().isBlank()) {
                    String digest = mcp.digestOrNull(who, u.asText());
                    l.resources.put(u.asText(), digest == null ? "" : digest);
                    agreed.add(u.asText());
                }
            }
        }
        ObjectNode ack = JSON.createObjectNode();
        ObjectNode granted = ack.putObject("notifications");
        if (list) {
            granted.put("resourcesListChanged", true);
        }
        if (!agreed.isEmpty()) {
            granted.set("resourceSubscriptions", JSON.valueToTree(agreed));
        }
        // registered before the acknowledgement, so that a change the client makes once acknowledged is seen;
        // its notifications wait for the acknowledgement to be written
        l.registration = changes.register(l.key, who, new ListChangeNotifier.Client() {
            @Override
            public void listChanged() {
                if (l.list) {
                    l.sendChange("notifications/resources/list_changed", JSON.createObjectNode());
                }
            }

            @Override
            public Map<String, String> subscribed() {
                return l.resources;
            }

            @Override
            public String digest(String uri) {
                return mcp.digestOrNull(who, uri);
            }

            @Override
            public void updated(String uri) {
                ObjectNode p = JSON.createObjectNode();
                p.put("uri", uri);
                l.sendChange("notifications/resources/updated", p);
            }
        });
        l.send("notifications/subscriptions/acknowledged", ack);
        l.acknowledged.countDown();
        if (l.closed) {
            l.registration.close();
        }
        return l;
    }

    /** Closes every open subscription (the server stops). */
    void closeAll() {
        open.values().forEach(Listen::close);
    }

    // ---- messages ------------------------------------------------------------------------------------------------

    static ObjectNode response(JsonNode id, ObjectNode result) {
        ObjectNode out = JSON.createObjectNode();
        out.put("jsonrpc", "2.0");
        out.set("id", id);
        out.set("result", result);
        return out;
    }

    static ObjectNode error(JsonNode id, int code, String message, Object data) {
        ObjectNode out = JSON.createObjectNode();
        out.put("jsonrpc", "2.0");
        if (id == null) {
            out.putNull("id");
        } else {
            out.set("id", id);
        }
        ObjectNode e = out.putObject("error");
        e.put("code", code);
        e.put("message", message);
        if (data != null) {
            e.set("data", JSON.valueToTree(data));
        }
        return out;
    }

    static ObjectNode notification(String method, ObjectNode params) {
        ObjectNode out = JSON.createObjectNode();
        out.put("jsonrpc", "2.0");
        out.put("method", method);
        out.set("params", params);
        return out;
    }
}
