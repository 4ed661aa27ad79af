package dev.skilldesk.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skilldesk.skill.Principal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The 2026-07-28 lane over Streamable HTTP: each POST is one request, served statelessly (no session is minted or
 * read), after the checks that revision puts before any handler, in its order: the {@code MCP-Protocol-Version}
 * header against the body's claim (-32020), the envelope (-32602), the version (-32022), the {@code Mcp-Method} and
 * {@code Mcp-Name} headers (-32020), the method (-32601, HTTP 404). Those refusals are HTTP 400 (404 for the
 * method); a handler's error is a JSON-RPC error with HTTP 200. An answer is JSON, or an event stream when the
 * request may get notifications on the way (a tool call that asked for progress or log messages) and for
 * {@code subscriptions/listen}, whose stream stays open with a comment every {@value #KEEP_ALIVE_MS} ms until the
 * client closes it. Closing a stream cancels its request. The bearer token decides who asks, as on the legacy lane.
 */
final class ModernHttp {
    static final long KEEP_ALIVE_MS = 15_000;
    private static final Logger LOG = Logger.getLogger(ModernHttp.class.getName());

    private final ModernLane lane;

    ModernHttp(ModernLane lane) {
        this.lane = lane;
    }

    /** Whether a POST's message (a JSON-RPC object) and headers make it this lane's. */
    static boolean claims(JsonNode message, HttpServletRequest request) {
        return ModernLane.claims(message) || ModernLane.modernHeader(request.getHeader("MCP-Protocol-Version"));
    }

    void serve(HttpServletRequest request, HttpServletResponse response, JsonNode message, Principal who)
            throws IOException {
        String method = message.path("method").asText(null);
        JsonNode id = message.get("id");
        if (method == null) {
            json(response, 400, ModernLane.error(id, -32600, "Invalid request: a client sends no responses on "
                    + ModernLane.VERSION + " (the server sends it no requests)", null));
            return;
        }
        if (id == null || id.isNull()) {
            // a notification: accepted; the one a client sends (notifications/cancelled) needs no work here, since
            // closing a request's stream is what cancels it over HTTP
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            return;
        }
        JsonNode params = message.get("params");
        ModernLane.Envelope env;
        try {
            env = checked(request, message, method, params);
        } catch (ModernLane.Refusal r) {
            json(response, r.status, ModernLane.error(id, r.code, r.getMessage(), r.data));
            return;
        }
        if (method.equals(ModernLane.LISTEN)) {
            listen(response, id, params, who);
            return;
        }
        boolean streams = method.equals("tools/call") && (env.progressToken() != null || env.logLevel() != null);
        if (!streams) {
            try {
                json(response, 200, lane.answer(id, method, params, env, who, m -> true, () -> false));
            } catch (ModernLane.Refusal r) {
                json(response, r.status, ModernLane.error(id, r.code, r.getMessage(), r.data));
            }
            return;
        }
        Events events = new Events(response);
        AtomicBoolean gone = new AtomicBoolean();
        JsonNode answer;
        try {
            answer = lane.answer(id, method, params, env, who, m -> {
                if (!events.send(m)) {
                    gone.set(true); // the client closed the stream: the request is cancelled
                }
                return !gone.get();
            }, gone::get);
        } catch (CallContext.Cancelled e) {
            return;
        } catch (ModernLane.Refusal r) {
            answer = ModernLane.error(id, r.code, r.getMessage(), r.data); // the stream has begun: its status stays
        }
        if (!gone.get()) {
            events.send(answer);
        }
    }

    /** The checks before any handler, in the revision's order; the envelope when all pass. */
    private static ModernLane.Envelope checked(HttpServletRequest request, JsonNode message, String method,
                                               JsonNode params) {
        String header = header(request, "MCP-Protocol-Version");
        JsonNode claim = message.path("params").path("_meta").get(ModernLane.META_VERSION);
        if (header != null && claim != null && claim.isTextual() && !header.equals(claim.asText())) {
            throw mismatch("MCP-Protocol-Version header '" + header + "' does not match the body's "
                    + ModernLane.META_VERSION + " '" + claim.asText() + "'");
        }
        ModernLane.Envelope env = ModernLane.envelope(params);
        if (header == null) {
            throw mismatch("the MCP-Protocol-Version header is required (" + ModernLane.VERSION + ")");
        }
        String named = header(request, "Mcp-Method");
        if (named == null) {
            throw mismatch("the Mcp-Method header is required (" + method + ")");
        }
        if (!named.equals(method)) {
            throw mismatch("Mcp-Method header value '" + named + "' does not match body value '" + method + "'");
        }
        String nameKey = switch (method) {
            case "tools/call", "prompts/get" -> "name";
            case "resources/read" -> "uri";
            default -> null;
        };
        if (nameKey != null) {
            JsonNode body = params == null ? null : params.get(nameKey);
            String name = header(request, "Mcp-Name");
            if (name == null) {
                throw mismatch("the Mcp-Name header is required for " + method + " (params." + nameKey + ")");
            }
            if (body == null || !body.isTextual() || !name.equals(body.asText())) {
                throw mismatch("Mcp-Name header value '" + name + "' does not match body value '"
                        + (body == null ? "" : body.asText()) + "'");
            }
        }
        if (!ModernLane.known(method)) {
            throw ModernLane.notFound(method);
        }
        return env;
    }

    private static ModernLane.Refusal mismatch(String message) {
        return new ModernLane.Refusal(ModernLane.HEADER_MISMATCH, 400, "Header mismatch: " + message, null);
    }

    /**
     * A header's value with the optional whitespace around it trimmed and the {@code =?base64?…?=} form decoded;
     * a value with characters a header may not carry is a mismatch. Null when absent.
     */
    static String header(HttpServletRequest request, String name) {
        String raw = request.getHeader(name);
        if (raw == null) {
            return null;
        }
        String v = raw.strip();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7e) {
                throw mismatch("the " + name + " header holds a character headers may not carry (encode the value as"
                        + " =?base64?…?=)");
            }
        }
        if (v.startsWith("=?base64?") && v.endsWith("?=") && v.length() >= 11) {
            try {
                return new String(Base64.getDecoder().decode(v.substring(9, v.length() - 2)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw mismatch("the " + name + " header's =?base64?…?= value is not Base64");
            }
        }
        return v;
    }

    /** subscriptions/listen: an event stream that stays open, the acknowledgement first, until either side ends it. */
    private void listen(HttpServletResponse response, JsonNode id, JsonNode params, Principal who) throws IOException {
        LinkedBlockingQueue<ObjectNode> queue = new LinkedBlockingQueue<>();
        AtomicBoolean gone = new AtomicBoolean();
        ModernLane.Listen l;
        try {
            l = lane.listen(id, params, who, m -> {
                if (gone.get()) {
                    return false;
                }
                queue.add(m);
                return true;
            });
        } catch (ModernLane.Refusal r) {
            json(response, r.status, ModernLane.error(id, r.code, r.getMessage(), r.data));
            return;
        }
        Events events = new Events(response);
        long quietSince = System.nanoTime();
        try {
            while (true) {
                ObjectNode m = queue.poll(1, TimeUnit.SECONDS);
                if (m != null) {
                    if (!events.send(m)) {
                        break;
                    }
                    quietSince = System.nanoTime();
                } else if (l.closed()) {
                    events.send(l.result()); // the server ends it: the listen's result, then the stream closes
                    break;
                } else if (System.nanoTime() - quietSince > TimeUnit.MILLISECONDS.toNanos(KEEP_ALIVE_MS)) {
                    if (!events.comment("keepalive")) {
                        break;
                    }
                    quietSince = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            gone.set(true);
            l.close();
        }
    }

    private static void json(HttpServletResponse response, int status, JsonNode body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A request's event stream: each message one {@code event: message} (no ids: nothing is resumed). */
    private static final class Events {
        private final HttpServletResponse response;
        private OutputStream out;
        private boolean broken;

        Events(HttpServletResponse response) {
            this.response = response;
        }

        synchronized boolean send(JsonNode message) {
            return write("event: message\ndata: " + message + "\n\n");
        }

        synchronized boolean comment(String text) {
            return write(": " + text + "\n\n");
        }

        private boolean write(String frame) {
            if (broken) {
                return false;
            }
            try {
                if (out == null) {
                    response.setStatus(200);
                    response.setContentType("text/event-stream");
                    response.setCharacterEncoding("UTF-8");
                    response.setHeader("Cache-Control", "no-cache, no-transform");
                    response.setHeader("X-Accel-Buffering", "no");
                    out = response.getOutputStream();
                }
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
                return true;
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "the client closed its stream", e);
                broken = true;
                return false;
            }
        }
    }
}
