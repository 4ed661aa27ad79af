package dev.skilldesk.telemetry;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.net.URI;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An OTLP logs receiver that records Claude Code's skill_activated events ({@link ClaudeCodeTelemetry}). OTLP/HTTP
 * ({@code POST /v1/logs}): protobuf or JSON, gzip or not; 200 with an {@code ExportLogsServiceResponse}, 400 naming
 * what is wrong with the body (nothing stored), 413 for a body over {@link OtlpLogs#MAX_BYTES}, 415 for another
 * content type or encoding. OTLP/gRPC ({@link OtlpGrpc}, the logs service's Export), on a port of its own (4317 by
 * convention) that speaks HTTP/1.1 and HTTP/2 cleartext: the same answers as gRPC statuses. Served by Jetty 12, on
 * loopback unless told otherwise.
 */
public final class OtlpReceiver implements AutoCloseable {
    public static final String PATH = "/v1/logs";
    public static final int DEFAULT_PORT = 4318;
    /** OTLP/gRPC's port by convention, the one Claude Code's monitoring docs start with. */
    public static final int DEFAULT_GRPC_PORT = 4317;
    private static final Logger LOG = Logger.getLogger(OtlpReceiver.class.getName());

    private final Server jetty;
    private final URI endpoint;
    private final URI grpcEndpoint;

    private OtlpReceiver(Server jetty, URI endpoint, URI grpcEndpoint) {
        this.jetty = jetty;
        this.endpoint = endpoint;
        this.grpcEndpoint = grpcEndpoint;
    }

    /** Where OTLP/gRPC is received, e.g. {@code http://127.0.0.1:4317}; null when it is not. */
    public URI grpcEndpoint() {
        return grpcEndpoint;
    }

    /** Where it listens, e.g. {@code http://127.0.0.1:4318/v1/logs}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Starts on {@code host:port} (0: any free port); {@code onBatch} hears what each request brought. */
    public static OtlpReceiver start(ClaudeCodeTelemetry telemetry, String host, int port,
                                     Consumer<ClaudeCodeTelemetry.Result> onBatch) throws Exception {
        return start(telemetry, host, port, -1, onBatch);
    }

    /**
     * As {@link #start(ClaudeCodeTelemetry, String, int, Consumer)}, with OTLP/gRPC on {@code grpcPort} too (0: any
     * free port; negative: none).
     */
    public static OtlpReceiver start(ClaudeCodeTelemetry telemetry, String host, int port, int grpcPort,
                                     Consumer<ClaudeCodeTelemetry.Result> onBatch) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(16, 1, 60_000);
        threads.setName("skilldesk-otlp");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        // every port speaks HTTP/1.1 and HTTP/2 cleartext, so either protocol reaches either port (OTLP allows one
        // port for both, told apart by content type); gRPC's clients send the h2c preface at once (prior knowledge)
        HttpConfiguration http = new HttpConfiguration();
        ServerConnector connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http),
                new HTTP2CServerConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        ServerConnector grpc = null;
        if (grpcPort >= 0) {
            grpc = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
            grpc.setHost(host);
            grpc.setPort(grpcPort);
            jetty.addConnector(grpc);
        }
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder("otlp-logs", new Logs(telemetry, onBatch)), PATH);
        context.addServlet(new ServletHolder("otlp-grpc-logs", new OtlpGrpc(telemetry, onBatch)), OtlpGrpc.PATH);
        context.addServlet(new ServletHolder("otlp-other", new Elsewhere()), "/");
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            jetty.stop();
            boolean grpcFailed = grpc != null && connector.getLocalPort() > 0;
            throw dev.skilldesk.library.LocalPorts.bindFailure(host, grpcFailed ? grpcPort : port, e);
        }
        String shown = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return new OtlpReceiver(jetty, URI.create("http://" + shown + ":" + connector.getLocalPort() + PATH),
                grpc == null ? null : URI.create("http://" + shown + ":" + grpc.getLocalPort()));
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.log(Level.FINE, "stopping the OTLP receiver", e);
        }
    }

    /** Any other path or signal: a short JSON answer, not Jetty's HTML page (over gRPC: UNIMPLEMENTED). */
    private static final class Elsewhere extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            if (OtlpGrpc.isGrpc(req.getContentType())) {
                res.setStatus(200);
                res.setContentType("application/grpc");
                res.setTrailerFields(() -> java.util.Map.of("grpc-status", Integer.toString(OtlpGrpc.UNIMPLEMENTED),
                        "grpc-message", OtlpGrpc.percentEncode("only logs are received here ("
                                + OtlpGrpc.PATH + "); " + req.getRequestURI() + " is not served")));
                res.getOutputStream().flush();
                return;
            }
            byte[] body = OtlpLogs.status(OtlpLogs.JSON_TYPE, "only logs are received here: POST them to " + PATH
                    + " (" + req.getRequestURI() + " is not served)");
            res.setStatus(404);
            res.setContentType(OtlpLogs.JSON_TYPE);
            res.getOutputStream().write(body);
        }
    }

    private static final class Logs extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            res.setHeader("Allow", "POST");
            answer(res, 405, OtlpLogs.JSON_TYPE, OtlpLogs.status(OtlpLogs.JSON_TYPE, "OTLP/HTTP sends logs with POST"));
        }

        private final transient ClaudeCodeTelemetry telemetry;
        private final transient Consumer<ClaudeCodeTelemetry.Result> onBatch;

        Logs(ClaudeCodeTelemetry telemetry, Consumer<ClaudeCodeTelemetry.Result> onBatch) {
            this.telemetry = telemetry;
            this.onBatch = onBatch;
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
            String type = OtlpLogs.mediaType(req.getContentType());
            String answerType = OtlpLogs.PROTOBUF.equals(type) ? OtlpLogs.PROTOBUF : OtlpLogs.JSON_TYPE;
            ExportLogsServiceRequest request;
            try {
                if (req.getContentLengthLong() > OtlpLogs.MAX_BYTES) {
                    throw new OtlpLogs.Refused(413, "the body is larger than " + OtlpLogs.MAX_BYTES + " bytes");
                }
                byte[] body = OtlpLogs.readBounded(req.getInputStream(), "request");
                request = OtlpLogs.parse(body, req.getContentType(), req.getHeader("Content-Encoding"));
                String bad = ClaudeCodeTelemetry.problem(request);
                if (bad != null) {
                    throw new OtlpLogs.Refused(400, bad);
                }
            } catch (OtlpLogs.Refused r) {
                answer(res, r.status, answerType, OtlpLogs.status(answerType, r.getMessage()));
                return;
            }
            ClaudeCodeTelemetry.Result result;
            try {
                result = telemetry.record(request);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not store a batch of telemetry", e);
                answer(res, 503, answerType, OtlpLogs.status(answerType, "the library could not store the batch: "
                        + e.getMessage()));
                return;
            }
            if (onBatch != null && result.events() > 0) {
                onBatch.accept(result); // before the answer: whoever waits on the answer sees it told
            }
            answer(res, 200, answerType, OtlpLogs.response(answerType));
        }

        private static void answer(HttpServletResponse res, int status, String type, byte[] body) throws IOException {
            res.setStatus(status);
            res.setContentType(type);
            res.setContentLength(body.length);
            res.getOutputStream().write(body);
        }
    }
}
