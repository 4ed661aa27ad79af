package dev.skilldesk.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skilldesk.skill.Principal;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * MCP's Streamable HTTP transport at {@code http://HOST:PORT/mcp}: the Java SDK's servlet transport on Jetty 12,
 * with a gate in front of it ({@link Gate}) that does what the SDK leaves to the server:
 * <ul>
 *   <li><b>Identity per request</b> from its bearer token ({@code SKILLDESK_MCP_TOKENS="token=agent[@namespace],…"});
 *   with no tokens (only allowed on loopback) every request acts as the server's own principal. A missing or
 *   wrong token gets 401.</li>
 *   <li><b>DNS rebinding</b>: on loopback, a Host that is not a loopback name and an Origin that is not a loopback
 *   origin get 403; elsewhere an Origin must be the server's own (or listed in {@code SKILLDESK_MCP_ORIGINS}).</li>
 *   <li>What the SDK's session does not answer ({@link BeforeSession}): the Skills Extension's methods, unknown
 *   tools, {@code notifications/cancelled} (a cancelled call's answer is dropped from its stream).</li>
 *   <li>Sessions, for list-changed notifications to each client as the principal that opened it.</li>
 * </ul>
 */
public final class McpHttpServer implements AutoCloseable {
    static final String ENDPOINT = "/mcp";
    /** The largest request body read, as on stdio. */
    static final int MAX_BODY_BYTES = StdioLineTransport.MAX_LINE_BYTES;
    private static final Logger LOG = Logger.getLogger(McpHttpServer.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SESSION_HEADER = "Mcp-Session-Id";
    /** The code the TypeScript SDK answers an unknown session with. */
    static final int SESSION_NOT_FOUND = -32001;
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Server jetty;
    private final McpSyncServer server;
    private final URI endpoint;
    private final Gate gate;

    private McpHttpServer(Server jetty, McpSyncServer server, URI endpoint, Gate gate) {
        this.gate = gate;
        this.jetty = jetty;
        this.server = server;
        this.endpoint = endpoint;
    }

    /** Where the server listens, e.g. {@code http://127.0.0.1:43117/mcp}. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Parses {@code SKILLDESK_MCP_TOKENS}: comma-separated {@code token=agent} or {@code token=agent@namespace}
     * (the namespace defaults to the agent's name). A malformed entry is refused with its position, never
     * skipped: a token that silently did not work would be worse.
     */
    public static Map<String, Principal> parseTokens(String spec) {
        Map<String, Principal> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        String[] entries = spec.split(",");
        for (int i = 0; i < entries.length; i++) {
            String e = entries[i].strip();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            String where = "SKILLDESK_MCP_TOKENS entry " + (i + 1);
            if (eq <= 0 || eq == e.length() - 1) {
                throw new IllegalArgumentException(where + " is not token=agent[@namespace]");
            }
            String token = e.substring(0, eq).strip();
            String who = e.substring(eq + 1).strip();
            if (token.length() < 8) {
                throw new IllegalArgumentException(where + ": a token needs at least 8 characters");
            }
            int at = who.indexOf('@');
            String agent = at < 0 ? who : who.substring(0, at);
            String ns = at < 0 ? agent : who.substring(at + 1);
            if (agent.isBlank() || ns.isBlank()) {
                throw new IllegalArgumentException(where + " names no agent or an empty namespace");
            }
            if (out.put(token, new Principal(agent, ns)) != null) {
                throw new IllegalArgumentException(where + " repeats a token");
            }
        }
        return out;
    }

    /** Whether {@code host} is a loopback address (or a name that resolves only to loopback). */
    public static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(stripBrackets(host))) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * Starts serving {@code mcp} on {@code host:port} (port 0: any free port). With no {@code tokens}, only a
     * loopback address is allowed (an {@link IllegalArgumentException} says so), and every request acts as
     * {@code mcp}'s principal. {@code changes}, when given, sends list-changed notifications to the sessions.
     */
    public static McpHttpServer start(McpSkillServer mcp, ListChangeNotifier changes, String host, int port,
                                      Map<String, Principal> tokens, Set<String> extraOrigins) throws Exception {
        boolean loopback = isLoopback(host);
        if (!loopback && tokens.isEmpty()) {
            throw new IllegalArgumentException(host + " is not a loopback address: serving it needs bearer tokens"
                    + " (SKILLDESK_MCP_TOKENS=\"token=agent[@namespace],…\"), so that nobody on the network acts"
                    + " as you");
        }
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        HttpServletStreamableServerTransportProvider provider = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mapper)
                .mcpEndpoint(ENDPOINT)
                .maxRequestSize(MAX_BODY_BYTES)
                .keepAliveInterval(Duration.ofSeconds(25))
                .contextExtractor(McpHttpServer::context)
                .build();
        Principal own = mcp.tools().principal();
        McpSyncServer server = mcp.configure(McpServer.sync(provider), mapper, tokens.isEmpty()
                ? "agent " + own.agentId() + " in namespace " + own.namespace()
                : "the agent your bearer token names").build();

        QueuedThreadPool threads = new QueuedThreadPool(64, 2, 60_000);
        threads.setName("skilldesk-mcp-http");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty, 1, 1);
        connector.setHost(stripBrackets(host));
        connector.setPort(port);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder servlet = new ServletHolder("mcp", provider);
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, ENDPOINT);
        Gate gate = new Gate(mcp, provider, changes, tokens, loopback, extraOrigins);
        FilterHolder filter = new FilterHolder(gate);
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            server.close();
            jetty.stop();
            throw dev.skilldesk.library.LocalPorts.bindFailure(host, port, e);
        }
        String shown = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        URI endpoint = URI.create("http://" + shown + ":" + connector.getLocalPort() + ENDPOINT);
        return new McpHttpServer(jetty, server, endpoint, gate);
    }


    /** What a tool call learns of its request: who sent it, on which session, under which id. */
    private static McpTransportContext context(HttpServletRequest request) {
        Map<String, Object> m = new HashMap<>();
        for (String key : List.of(McpSkillServer.PRINCIPAL, McpSkillServer.CONNECTION, McpSkillServer.REQUEST_ID)) {
            Object v = request.getAttribute(key);
            if (v != null) {
                m.put(key, v);
            }
        }
        return McpTransportContext.create(m);
    }

    @Override
    public void close() {
        gate.lane.closeAll(); // open listen streams end with their result
        try {
            server.closeGracefully();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing the MCP server", e);
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.log(Level.FINE, "stopping Jetty", e);
        }
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    // ---- the gate in front of the SDK's servlet --------------------------------------------------

    static final class Gate implements Filter {
        private final McpSkillServer mcp;
        private final HttpServletStreamableServerTransportProvider provider;
        private final ListChangeNotifier changes;
        private final Map<String, Principal> tokens;
        private final boolean loopback;
        private final Set<String> extraOrigins;
        private final BeforeSession before;
        private final InFlight inFlight;
        private final ModernLane lane;
        private final ModernHttp modern;
        /**
         * Sessions the SDK opened, each bound to the principal whose token opened it, with its registration for
         * list-changed notifications. Another principal's request with that session id is answered as an unknown
         * session's is: the id alone is not a credential.
         */
        private final Map<String, OpenSession> sessions = new ConcurrentHashMap<>();

        Gate(McpSkillServer mcp, HttpServletStreamableServerTransportProvider provider, ListChangeNotifier changes,
             Map<String, Principal> tokens, boolean loopback, Set<String> extraOrigins) {
            this.mcp = mcp;
            this.provider = provider;
            this.changes = changes;
            this.tokens = Map.copyOf(tokens);
            this.loopback = loopback;
            this.extraOrigins = Set.copyOf(extraOrigins);
            this.before = mcp.beforeSession();
            this.inFlight = mcp.inFlight();
            this.lane = new ModernLane(mcp, changes);
            this.modern = new ModernHttp(lane);
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            HttpServletResponse response = (HttpServletResponse) res;
            String refused = originProblem(request);
            if (refused != null) {
                plain(response, HttpServletResponse.SC_FORBIDDEN, refused);
                return;
            }
            Principal who = principal(request);
            if (who == null) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"skilldesk\"");
                plain(response, HttpServletResponse.SC_UNAUTHORIZED, request.getHeader("Authorization") == null
                        ? "this server needs a bearer token (Authorization: Bearer <token>)"
                        : "the bearer token is not one this server knows");
                return;
            }
            if (!ENDPOINT.equals(request.getRequestURI())) {
                plain(response, HttpServletResponse.SC_NOT_FOUND, "MCP is served at " + ENDPOINT);
                return;
            }
            request.setAttribute(McpSkillServer.PRINCIPAL, who);
            String session = request.getHeader(SESSION_HEADER);
            String accept = request.getHeader("Accept") == null ? "" : request.getHeader("Accept").toLowerCase(Locale.ROOT);
            String verb = request.getMethod();
            if (verb.equals("GET") || verb.equals("DELETE")) {
                if (verb.equals("GET") && !accept.contains("text/event-stream")) {
                    rpcError(response, 406, null, McpSchema.ErrorCodes.INVALID_REQUEST, "GET opens the stream of the"
                            + " server's messages: send Accept: text/event-stream");
                } else if (session == null || session.isBlank()) {
                    rpcError(response, 400, null, McpSchema.ErrorCodes.INVALID_REQUEST, verb + " needs the "
                            + SESSION_HEADER + " header that the answer to initialize gave");
                } else if (!ownedBy(session, who)) {
                    rpcError(response, 404, null, SESSION_NOT_FOUND, "no session '" + session + "' (it ended, or"
                            + " this server restarted): send initialize again");
                } else {
                    chain.doFilter(request, new Sanitized(response, null));
                    if (verb.equals("DELETE") && response.getStatus() < 300) {
                        forget(session);
                    }
                }
                return;
            }
            if (!verb.equals("POST")) {
                response.setHeader("Allow", "GET, POST, DELETE");
                rpcError(response, 405, null, McpSchema.ErrorCodes.INVALID_REQUEST, verb + " is not part of MCP's"
                        + " Streamable HTTP: POST messages, GET the stream, DELETE the session");
                return;
            }
            byte[] body;
            try {
                body = readBounded(request.getInputStream());
            } catch (TooLarge e) {
                rpcError(response, 413, null, McpSchema.ErrorCodes.INVALID_REQUEST, "a request body of more than "
                        + MAX_BODY_BYTES + " bytes is not read");
                return;
            }
            String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
            if (!type.startsWith("application/json")) {
                rpcError(response, 415, null, McpSchema.ErrorCodes.INVALID_REQUEST, "send JSON-RPC messages as"
                        + " Content-Type: application/json, not '" + request.getContentType() + "'");
                return;
            }
            if (!(accept.contains("application/json") && accept.contains("text/event-stream"))) {
                rpcError(response, 406, null, McpSchema.ErrorCodes.INVALID_REQUEST, "a POST must accept both answers"
                        + " MCP allows: send Accept: application/json, text/event-stream");
                return;
            }
            CachedBody again = new CachedBody(request, body);
            JsonNode message;
            try {
                message = STRICT.readTree(body);
            } catch (IOException e) {
                rpcError(response, 400, null, McpSchema.ErrorCodes.PARSE_ERROR, "parse error: the body is not JSON");
                return;
            }
            String invalid = invalid(message);
            if (invalid != null) {
                JsonNode badId = message != null && message.isObject() ? message.get("id") : null;
                rpcError(response, 400, badId != null && (badId.isTextual() || badId.isIntegralNumber()) ? badId : null,
                        McpSchema.ErrorCodes.INVALID_REQUEST, "invalid request: " + invalid);
                return;
            }
            if (ModernHttp.claims(message, request)) {
                modern.serve(request, response, message, who); // 2026-07-28: stateless, no session
                return;
            }
            String method = message.path("method").asText(null);
            JsonNode idNode = message.get("id");
            boolean usableId = idNode != null && (idNode.isTextual() || idNode.isIntegralNumber());
            Object id = !usableId ? null : idNode.isTextual() ? idNode.asText() : (Object) idNode.longValue();
            JsonNode params = message.get("params");
            if ("initialize".equals(method)) {
                SessionCapture capture = new SessionCapture(new Sanitized(response, idNode));
                chain.doFilter(again, capture);
                if (capture.session != null) {
                    opened(capture.session, who);
                }
                return;
            }
            if (session == null || session.isBlank()) {
                rpcError(response, 400, usableId ? idNode : null, McpSchema.ErrorCodes.INVALID_REQUEST, "this message"
                        + " needs the " + SESSION_HEADER + " header that the answer to initialize gave");
                return;
            }
            if (!ownedBy(session, who)) {
                rpcError(response, 404, usableId ? idNode : null, SESSION_NOT_FOUND, "no session '" + session
                        + "' (it ended, or this server restarted): send initialize again");
                return;
            }
            if (method == null) {
                chain.doFilter(again, new Sanitized(response, null)); // the client's answer to a server request
                return;
            }
            if (usableId) {
                BeforeSession.Answer answer;
                try {
                    answer = before.request(session, who, method, params instanceof ObjectNode ? params : null);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, method + " failed", e);
                    answer = BeforeSession.Answer.error(McpSchema.ErrorCodes.INTERNAL_ERROR, "internal error: "
                            + e.getMessage());
                }
                if (answer != null) {
                    json(response, rpc(idNode, answer));
                    return;
                }
                again.setAttribute(McpSkillServer.CONNECTION, session);
                again.setAttribute(McpSkillServer.REQUEST_ID, id);
                inFlight.begin(session, id);
                CancellableStream stream = new CancellableStream(new Sanitized(response, idNode),
                        () -> inFlight.isCancelled(session, id));
                try {
                    chain.doFilter(again, stream);
                } finally {
                    if (again.isAsyncStarted()) {
                        again.getAsyncContext().addListener(new Ended(() -> inFlight.dropAnswer(session, id)));
                    } else {
                        inFlight.dropAnswer(session, id);
                    }
                }
                return;
            }
            if (idNode == null && before.notification(session, method, params)) {
                response.setStatus(HttpServletResponse.SC_ACCEPTED);
                return;
            }
            chain.doFilter(again, new Sanitized(response, idNode));
        }

        /** What makes a parsed body not one JSON-RPC 2.0 message, or null when it is one. */
        private static String invalid(JsonNode m) {
            if (m == null || m.isMissingNode()) {
                return "the body is empty";
            }
            if (m.isArray()) {
                return "JSON-RPC batches are not supported; send one message per request";
            }
            if (!m.isObject()) {
                return "a message is a JSON object";
            }
            if (!"2.0".equals(m.path("jsonrpc").asText(null))) {
                return "\"jsonrpc\" must be \"2.0\"";
            }
            JsonNode id = m.get("id");
            if (id != null && !id.isNull() && !id.isTextual() && !id.isIntegralNumber()) {
                return "\"id\" must be a string or an integer";
            }
            JsonNode method = m.get("method");
            boolean response = method == null && (m.has("result") || m.has("error"));
            if (!response && (method == null || !method.isTextual())) {
                return "no \"method\"";
            }
            JsonNode params = m.get("params");
            if (params != null && !params.isNull() && !params.isObject()) {
                return "\"params\" must be an object";
            }
            return null;
        }

        private void opened(String session, Principal who) {
            ListChangeNotifier.Registration reg = changes == null ? () -> { }
                    : changes.register(session, who, mcp.client(session, who, (method, params) ->
                    provider.notifyClient(session, method, params).block(Duration.ofSeconds(5))));
            OpenSession old = sessions.put(session, new OpenSession(who, reg));
            if (old != null) {
                old.registration().close();
            }
        }

        /** Whether {@code session} is open and was opened by {@code who}. */
        private boolean ownedBy(String session, Principal who) {
            OpenSession s = sessions.get(session);
            return s != null && s.owner().equals(who);
        }

        private void forget(String session) {
            OpenSession s = sessions.remove(session);
            if (s != null) {
                s.registration().close();
            }
            mcp.subscriptions().forget(session);
        }

        /** The request's principal, or null when its token is missing or unknown. */
        private Principal principal(HttpServletRequest request) {
            if (tokens.isEmpty()) {
                return mcp.tools().principal();
            }
            String auth = request.getHeader("Authorization");
            if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return null;
            }
            byte[] given = auth.substring(7).strip().getBytes(StandardCharsets.UTF_8);
            Principal found = null;
            for (Map.Entry<String, Principal> e : tokens.entrySet()) {
                // compare every token in constant time, so timing tells nothing of how much of one matched
                if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.UTF_8))) {
                    found = e.getValue();
                }
            }
            return found;
        }

        /** Why the request's Host or Origin is refused (DNS rebinding), or null. */
        private String originProblem(HttpServletRequest request) {
            String host = request.getHeader("Host");
            if (loopback && (host == null || !isLoopbackName(hostOf(host)))) {
                return "Host '" + host + "' is refused: this server answers loopback names only (DNS rebinding)";
            }
            String origin = request.getHeader("Origin");
            if (origin == null || origin.isBlank() || extraOrigins.contains(origin)) {
                return null;
            }
            URI o;
            try {
                o = URI.create(origin.strip());
            } catch (IllegalArgumentException e) {
                return "Origin '" + origin + "' is refused: not a URL";
            }
            String oh = o.getHost() == null ? "" : o.getHost();
            if (isLoopbackName(oh)) {
                return null;
            }
            if (!loopback && host != null && (o.getScheme() + "://" + host).equalsIgnoreCase(origin.strip())) {
                return null;
            }
            return "Origin '" + origin + "' is refused (DNS rebinding protection); allowed are loopback origins"
                    + (loopback ? "" : ", this server's own, and those in SKILLDESK_MCP_ORIGINS");
        }

        private static String hostOf(String hostHeader) {
            String h = hostHeader.strip();
            if (h.startsWith("[")) {
                int end = h.indexOf(']');
                return end < 0 ? h : h.substring(0, end + 1);
            }
            int colon = h.lastIndexOf(':');
            return colon < 0 ? h : h.substring(0, colon);
        }

        private static boolean isLoopbackName(String host) {
            String h = host.toLowerCase(Locale.ROOT);
            return h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]") || h.equals("::1")
                    || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
        }

        static void rpcError(HttpServletResponse response, int status, JsonNode id, int code, String message)
                throws IOException {
            ObjectNode out = ModernLane.error(id, code, message, null); // one JSON-RPC error shape, both lanes
            response.setStatus(status);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(out.toString().getBytes(StandardCharsets.UTF_8));
        }

        private static String rpc(JsonNode id, BeforeSession.Answer answer) {
            ObjectNode out = JSON.createObjectNode();
            out.put("jsonrpc", "2.0");
            out.set("id", id);
            if (answer.isError()) {
                ObjectNode e = out.putObject("error");
                e.put("code", answer.code());
                e.put("message", answer.message());
            } else {
                out.set("result", JSON.valueToTree(answer.result()));
            }
            return out.toString();
        }

        private static void json(HttpServletResponse response, String body) throws IOException {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        }

        private static void plain(HttpServletResponse response, int status, String message) throws IOException {
            response.setStatus(status);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            ObjectNode body = JSON.createObjectNode();
            body.put("error", message);
            response.getOutputStream().write(body.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final class TooLarge extends IOException {
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > MAX_BODY_BYTES) {
                throw new TooLarge();
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** The request with its body read once by the gate and again by the SDK. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is read already");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    /**
     * Keeps the SDK's refusals to JSON-RPC: its servlet writes an error as the whole {@code McpError} exception
     * (stack trace included) and {@code sendError} as Jetty's HTML page. What it writes with a status of 400 or
     * more is caught here and answered as {@code {"jsonrpc":"2.0","id":…,"error":{"code","message"}}}, with
     * the code and message the SDK meant and nothing else.
     */
    private static final class Sanitized extends HttpServletResponseWrapper {
        private final JsonNode id;
        private PrintWriter writer;

        Sanitized(HttpServletResponse response, JsonNode id) {
            super(response);
            this.id = id;
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            Gate.rpcError((HttpServletResponse) getResponse(), sc, id, sc == 404 ? SESSION_NOT_FOUND
                    : McpSchema.ErrorCodes.INVALID_REQUEST, msg == null || msg.isBlank() ? "HTTP " + sc : msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            sendError(sc, sc == 404 ? "no such session: send initialize again" : null);
        }

        @Override
        public synchronized PrintWriter getWriter() throws IOException {
            if (getStatus() < 400) {
                return super.getWriter();
            }
            if (writer == null) {
                java.io.StringWriter buffer = new java.io.StringWriter();
                HttpServletResponse real = (HttpServletResponse) getResponse();
                int status = getStatus();
                writer = new PrintWriter(buffer) {
                    private boolean done;

                    @Override
                    public void flush() {
                        if (done) {
                            return;
                        }
                        done = true;
                        int code = McpSchema.ErrorCodes.INTERNAL_ERROR;
                        String message = "the server could not handle the message (HTTP " + status + ")";
                        try {
                            JsonNode sdk = JSON.readTree(buffer.toString()).path("jsonRpcError");
                            if (sdk.has("code")) {
                                code = sdk.get("code").asInt();
                            }
                            if (sdk.hasNonNull("message")) {
                                message = sdk.get("message").asText();
                            }
                        } catch (IOException | RuntimeException ignored) {
                            // not the SDK's error JSON: the generic message
                        }
                        try {
                            real.resetBuffer();
                            Gate.rpcError(real, status, id, code, message);
                            real.flushBuffer();
                        } catch (IOException | IllegalStateException e) {
                            LOG.log(Level.FINE, "could not answer an error", e);
                        }
                    }

                    @Override
                    public void close() {
                        flush();
                    }
                };
            }
            return writer;
        }
    }

    /** An open session: who opened it, and its list-changed registration. */
    private record OpenSession(Principal owner, ListChangeNotifier.Registration registration) {
    }

    /** Notes the session id the SDK gives an {@code initialize} answer. */
    private static final class SessionCapture extends HttpServletResponseWrapper {
        volatile String session;

        SessionCapture(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            if (SESSION_HEADER.equalsIgnoreCase(name)) {
                session = value;
            }
            super.setHeader(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            if (SESSION_HEADER.equalsIgnoreCase(name)) {
                session = value;
            }
            super.addHeader(name, value);
        }
    }

    /**
     * A request's answer stream that goes quiet once the client cancelled the request: what the SDK writes
     * after that (the result, late progress) is dropped, and the stream ends without an answer.
     */
    private static final class CancellableStream extends HttpServletResponseWrapper {
        private final java.util.function.BooleanSupplier cancelled;
        private PrintWriter writer;

        CancellableStream(HttpServletResponse response, java.util.function.BooleanSupplier cancelled) {
            super(response);
            this.cancelled = cancelled;
        }

        @Override
        public synchronized PrintWriter getWriter() throws IOException {
            if (writer == null) {
                PrintWriter real = super.getWriter();
                writer = new PrintWriter(new Writer() {
                    @Override
                    public void write(char[] cbuf, int off, int len) throws IOException {
                        if (!cancelled.getAsBoolean()) {
                            real.write(cbuf, off, len);
                        }
                    }

                    @Override
                    public void flush() throws IOException {
                        if (!cancelled.getAsBoolean()) {
                            real.flush();
                            if (real.checkError()) {
                                throw new IOException("the client disconnected");
                            }
                        }
                    }

                    @Override
                    public void close() {
                        real.close();
                    }
                });
            }
            return writer;
        }
    }

    private record Ended(Runnable action) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            action.run();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            action.run();
        }

        @Override
        public void onError(AsyncEvent event) {
            action.run();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
