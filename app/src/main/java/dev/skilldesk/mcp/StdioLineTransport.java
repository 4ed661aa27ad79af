package dev.skilldesk.mcp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skilldesk.library.BoundedLineReader;
import dev.skilldesk.skill.Principal;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * MCP's stdio transport, newline-delimited JSON-RPC, written for input nobody vetted. Each line is judged on
 * its own: a line that is not JSON is answered with -32700, a batch, a non-object or a message that is not
 * JSON-RPC 2.0 with -32600 (id null where the request's could not be read), a line over
 * {@link #MAX_LINE_BYTES} with -32600 after it was read past, never buffered whole; and the server reads on.
 * Responses go through one unbounded queue to one writer thread, so none is ever dropped however many
 * requests are in flight. When the input ends, {@link #awaitEnd} returns; requests still running get a short
 * grace period to be answered, then the output is closed.
 */
final class StdioLineTransport implements McpServerTransportProvider {
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
    /** The one connection a stdio server has, as {@link InFlight} and the change notifier name it. */
    static final String CONNECTION = "stdio";
    /** How long answers to requests still running may take once the input has ended. */
    static final long END_GRACE_MS = 700;
    private static final Logger LOG = Logger.getLogger(StdioLineTransport.class.getName());
    private static final String STOP = new String("stop"); // identity marks the end of the queue
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final McpJsonMapper mapper;
    private final InputStream in;
    private final OutputStream out;
    private final LinkedBlockingQueue<String> outbox = new LinkedBlockingQueue<>();
    private final CountDownLatch inputEnded = new CountDownLatch(1);
    private final CountDownLatch writerDone = new CountDownLatch(1);
    /** Requests read and not yet answered. */
    private final AtomicInteger pending = new AtomicInteger();
    private volatile McpServerSession session;
    /** What is answered here before the session (the Skills Extension, unknown tools, cancellation). */
    private final BeforeSession before;
    private final InFlight inFlight;
    /** Who the one client of a stdio server is. */
    private final Principal who;
    private volatile boolean outputBroken;
    /** Ids of requests answered before this transport read them (by {@link StdioFront}): their answers are dropped. */
    private final java.util.Set<Object> answeredAhead = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Runs once the first answer is written (the {@code initialize} answer, in practice); null for none. */
    private volatile Runnable afterFirstAnswer;
    /** Whether the client opened a 2025-11-25 session (initialize): only then does it hear that lane's notifications. */
    private volatile boolean legacyOpened;
    /** The 2026-07-28 lane: requests that carry its envelope (or server/discover); null: legacy only. */
    private final ModernLane modern;
    /** Open {@code subscriptions/listen} subscriptions, by their request's id ({@link InFlight#key}). */
    private final java.util.Map<String, ModernLane.Listen> listens = new java.util.concurrent.ConcurrentHashMap<>();
    /** Runs the 2026-07-28 lane's requests, so that a long call never holds up reading (or its cancellation). */
    private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "skilldesk-mcp-request");
        t.setDaemon(true);
        return t;
    });

    StdioLineTransport(McpJsonMapper mapper, InputStream in, OutputStream out, BeforeSession before,
                       InFlight inFlight, Principal who) {
        this(mapper, in, out, before, inFlight, who, null);
    }

    StdioLineTransport(McpJsonMapper mapper, InputStream in, OutputStream out, BeforeSession before,
                       InFlight inFlight, Principal who, ModernLane modern) {
        this.modern = modern;
        this.mapper = mapper;
        this.in = in;
        this.out = out;
        this.before = before;
        this.inFlight = inFlight;
        this.who = who;
    }

    /**
     * Requests a front answered before this transport read them ({@link StdioFront}): the session sees them (it opens
     * with the replayed {@code initialize}), its answers to them are dropped. Ids are Strings or Longs.
     */
    void answeredAhead(java.util.Set<Object> ids) {
        answeredAhead.addAll(ids);
    }

    /** {@code then} runs on the writer's thread once the first answer is out; it must not block. */
    void afterFirstAnswer(Runnable then) {
        this.afterFirstAnswer = then;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        session = factory.create(new SessionTransport());
        Thread writer = new Thread(this::writeLoop, "skilldesk-mcp-stdout");
        writer.setDaemon(true);
        writer.start();
        Thread reader = new Thread(this::readLoop, "skilldesk-mcp-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    /** Whether a 2025-11-25 session was opened on this connection (a modern client gets no unrequested notification). */
    boolean legacyOpened() {
        return legacyOpened;
    }

    /** Blocks until the input has ended (closed by the client, or unreadable). */
    void awaitEnd() throws InterruptedException {
        inputEnded.await();
    }

    /** After the input ended: waits (up to the grace period) for requests in flight to be answered and written. */
    void drain() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(END_GRACE_MS);
        while ((pending.get() > 0 || !outbox.isEmpty()) && !outputBroken && System.nanoTime() < until) {
            Thread.sleep(5);
        }
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        McpServerSession s = session;
        return s == null ? Mono.empty() : s.sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::closeOutput);
    }

    @Override
    public void close() {
        closeOutput();
    }

    private void closeOutput() {
        listens.values().forEach(ModernLane.Listen::close);
        listens.clear();
        workers.shutdown();
        outbox.add(STOP);
        try {
            writerDone.await(END_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- reading -------------------------------------------------------------------------------

    private void readLoop() {
        try (BoundedLineReader lines = new BoundedLineReader(in, MAX_LINE_BYTES)) {
            BoundedLineReader.Line line;
            while ((line = lines.next()) != null) {
                try {
                    handleLine(line);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "could not handle a line: " + e, e);
                    sendError(null, McpSchema.ErrorCodes.INTERNAL_ERROR, "internal error: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.fine("stdin closed: " + e.getMessage());
        } finally {
            inputEnded.countDown();
        }
    }

    private void handleLine(BoundedLineReader.Line line) {
        if (line.tooLong()) {
            sendError(null, McpSchema.ErrorCodes.INVALID_REQUEST, "a line of " + line.length()
                    + " bytes is longer than the " + MAX_LINE_BYTES + " bytes this server reads; it was skipped");
            return;
        }
        String text = line.text();
        if (!line.validUtf8()) {
            sendError(null, McpSchema.ErrorCodes.PARSE_ERROR, "parse error: the line is not valid UTF-8");
            return;
        }
        if (text.isBlank()) {
            return;
        }
        JsonNode node;
        try {
            node = STRICT.readTree(text);
        } catch (IOException e) {
            sendError(null, McpSchema.ErrorCodes.PARSE_ERROR, "parse error: the line is not JSON");
            return;
        }
        if (node == null || node.isMissingNode()) {
            sendError(null, McpSchema.ErrorCodes.PARSE_ERROR, "parse error: the line is not JSON");
            return;
        }
        if (node.isArray()) {
            sendError(null, McpSchema.ErrorCodes.INVALID_REQUEST, "invalid request: JSON-RPC batches are not"
                    + " supported; send one message per line");
            return;
        }
        if (!node.isObject()) {
            sendError(null, McpSchema.ErrorCodes.INVALID_REQUEST, "invalid request: a message is a JSON object");
            return;
        }
        JsonNode idNode = node.get("id");
        Object id = idNode == null ? null : idNode.isTextual() ? idNode.asText()
                : idNode.isIntegralNumber() ? (Object) idNode.numberValue() : null;
        boolean usableId = idNode != null && (idNode.isTextual() || idNode.isIntegralNumber());
        if (!"2.0".equals(node.path("jsonrpc").asText(null))) {
            sendError(usableId ? id : null, McpSchema.ErrorCodes.INVALID_REQUEST, "invalid request: \"jsonrpc\" must be \"2.0\"");
            return;
        }
        JsonNode method = node.get("method");
        boolean isResponse = method == null && (node.has("result") || node.has("error"));
        if (!isResponse && (method == null || !method.isTextual())) {
            sendError(usableId ? id : null, McpSchema.ErrorCodes.INVALID_REQUEST, "invalid request: no \"method\"");
            return;
        }
        if (idNode != null && !idNode.isNull() && !usableId) {
            sendError(null, McpSchema.ErrorCodes.INVALID_REQUEST, "invalid request: \"id\" must be a string or an integer");
            return;
        }
        JsonNode params = node.get("params");
        if (params != null && !params.isObject() && !params.isNull() && !isResponse) {
            if (usableId) {
                sendError(id, McpSchema.ErrorCodes.INVALID_REQUEST, "invalid request: \"params\" must be an object");
            }
            return;
        }
        if (method != null && method.asText().equals(BeforeSession.CANCELLED) && idNode == null && endListen(params)) {
            return;
        }
        if (method != null && modern != null && ModernLane.claims(node)) {
            modern(idNode, method.asText(), params);
            return;
        }
        if (method != null && usableId) {
            BeforeSession.Answer answer;
            try {
                answer = before.request(CONNECTION, who, method.asText(), params);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, method.asText() + " failed", e);
                answer = BeforeSession.Answer.error(McpSchema.ErrorCodes.INTERNAL_ERROR, "internal error: " + e.getMessage());
            }
            if (answer != null) {
                send(id, answer);
                return;
            }
        } else if (method != null && idNode == null && before.notification(CONNECTION, method.asText(), params)) {
            return;
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(mapper, text);
        } catch (IOException | RuntimeException e) {
            if (usableId || !(isResponse || idNode == null)) {
                sendError(usableId ? id : null, McpSchema.ErrorCodes.INVALID_REQUEST, "invalid request: " + e.getMessage());
            }
            return;
        }
        boolean request = message instanceof McpSchema.JSONRPCRequest;
        if (request && "initialize".equals(method.asText())) {
            legacyOpened = true;
        } else if (request && !legacyOpened && !"ping".equals(method.asText())) {
            // the SDK's session drops a request that comes before initialize, and the client would wait forever
            sendError(id, McpSchema.ErrorCodes.INVALID_REQUEST, "invalid request: " + method.asText() + " before"
                    + " initialize; send initialize first (2025-11-25), or put the 2026-07-28 envelope in params._meta");
            return;
        }
        if (request) {
            pending.incrementAndGet();
            inFlight.begin(CONNECTION, id);
        }
        java.util.Map<String, Object> context = new java.util.HashMap<>();
        context.put(McpSkillServer.CONNECTION, CONNECTION);
        context.put(McpSkillServer.PRINCIPAL, who);
        if (request) {
            context.put(McpSkillServer.REQUEST_ID, id);
        }
        McpTransportContext transportContext = McpTransportContext.create(context);
        session.handle(message).contextWrite(c -> c.put(McpTransportContext.KEY, transportContext)).subscribe(null, e -> {
            LOG.log(Level.WARNING, "handling " + (method != null ? method.asText() : "a response") + " failed: " + e, e);
            if (request) {
                sendError(id, McpSchema.ErrorCodes.INTERNAL_ERROR, "internal error: " + e.getMessage());
                pending.decrementAndGet();
            }
        });
    }

    /**
     * A message of the 2026-07-28 lane: its envelope checked, then answered on a worker (so a cancellation can reach
     * it), or a subscription opened; a notification other than a cancellation is dropped.
     */
    private void modern(JsonNode idNode, String method, JsonNode params) {
        if (idNode == null) {
            if (method.equals(BeforeSession.CANCELLED)) {
                before.notification(CONNECTION, method, params);
            }
            return;
        }
        Object id = idNode.isTextual() ? idNode.asText() : (Object) idNode.longValue();
        ModernLane.Envelope env;
        try {
            env = ModernLane.envelope(params);
            if (!ModernLane.known(method)) {
                throw ModernLane.notFound(method);
            }
        } catch (ModernLane.Refusal r) {
            outbox.add(ModernLane.error(idNode, r.code, r.getMessage(), r.data).toString());
            return;
        }
        ModernLane.Stream stream = message -> {
            outbox.add(message.toString());
            return !outputBroken;
        };
        if (method.equals(ModernLane.LISTEN)) {
            try {
                listens.put(InFlight.key(CONNECTION, id), modern.listen(idNode, params, who, stream));
            } catch (ModernLane.Refusal r) {
                outbox.add(ModernLane.error(idNode, r.code, r.getMessage(), r.data).toString());
            }
            return;
        }
        pending.incrementAndGet();
        inFlight.begin(CONNECTION, id);
        try {
            workers.execute(() -> {
                try {
                    JsonNode answer;
                    try {
                        answer = modern.answer(idNode, method, params, env, who, stream,
                                () -> inFlight.isCancelled(CONNECTION, id));
                    } catch (CallContext.Cancelled e) {
                        answer = null;
                    } catch (ModernLane.Refusal r) {
                        answer = ModernLane.error(idNode, r.code, r.getMessage(), r.data);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, method + " failed", e);
                        answer = ModernLane.error(idNode, ModernLane.INTERNAL_ERROR, "internal error: " + e.getMessage(), null);
                    }
                    if (!inFlight.dropAnswer(CONNECTION, id) && answer != null) {
                        outbox.add(answer.toString()); // a cancelled request gets no answer
                    }
                } finally {
                    pending.decrementAndGet();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pending.decrementAndGet(); // the server is closing
        }
    }

    /** Ends the subscription a {@code notifications/cancelled} names, with its closing result; false: none open. */
    private boolean endListen(JsonNode params) {
        JsonNode id = params == null ? null : params.get("requestId");
        if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
            return false;
        }
        ModernLane.Listen l = listens.remove(InFlight.key(CONNECTION, id.isTextual() ? id.asText() : (Object) id.longValue()));
        if (l == null) {
            return false;
        }
        l.close();
        outbox.add(l.result().toString());
        return true;
    }

    private void send(Object id, BeforeSession.Answer answer) {
        if (answer.isError()) {
            sendError(id, answer.code(), answer.message());
            return;
        }
        ObjectNode res = STRICT.createObjectNode();
        res.put("jsonrpc", "2.0");
        if (id instanceof String s) {
            res.put("id", s);
        } else {
            res.put("id", ((Number) id).longValue());
        }
        res.set("result", STRICT.valueToTree(answer.result()));
        outbox.add(res.toString());
    }

    // ---- writing -------------------------------------------------------------------------------

    private void sendError(Object id, int code, String message) {
        ObjectNode err = STRICT.createObjectNode();
        err.put("jsonrpc", "2.0");
        if (id instanceof String s) {
            err.put("id", s);
        } else if (id instanceof Number n) {
            err.put("id", n.longValue());
        } else {
            err.putNull("id");
        }
        ObjectNode e = err.putObject("error");
        e.put("code", code);
        e.put("message", message);
        outbox.add(err.toString());
    }

    private void writeLoop() {
        try {
            while (true) {
                String line = outbox.take();
                if (line == STOP) {
                    break;
                }
                if (outputBroken) {
                    continue;
                }
                try {
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                    if (outbox.isEmpty()) {
                        out.flush();
                    }
                    Runnable first = afterFirstAnswer;
                    if (first != null) {
                        afterFirstAnswer = null;
                        first.run();
                    }
                } catch (IOException e) {
                    outputBroken = true; // the client is gone; keep draining so nobody waits on us
                    LOG.fine("stdout closed: " + e.getMessage());
                }
            }
            try {
                out.flush();
            } catch (IOException ignored) {
                // the client is gone
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writerDone.countDown();
        }
    }

    /** The one session's side of the transport: every message goes through the writer's queue. */
    private final class SessionTransport implements McpServerTransport {
        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> {
                String json;
                try {
                    json = mapper.writeValueAsString(message);
                } catch (IOException e) {
                    throw new IllegalStateException("could not write a message: " + e.getMessage(), e);
                }
                if (!(message instanceof McpSchema.JSONRPCResponse r)) {
                    outbox.add(json);
                    return;
                }
                boolean cancelled = inFlight.dropAnswer(CONNECTION, r.id());
                if (!answeredAhead.isEmpty() && answeredAhead.remove(r.id() instanceof Number n ? (Object) n.longValue() : r.id())) {
                    Runnable first = afterFirstAnswer; // the front wrote this answer long ago
                    if (first != null) {
                        afterFirstAnswer = null;
                        first.run();
                    }
                } else if (!cancelled) {
                    outbox.add(json); // else the client cancelled the request: it gets no answer
                }
                pending.decrementAndGet();
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return mapper.convertValue(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(StdioLineTransport.this::closeOutput);
        }

        @Override
        public void close() {
            closeOutput();
        }
    }
}
