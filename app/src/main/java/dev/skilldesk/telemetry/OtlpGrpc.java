package dev.skilldesk.telemetry;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;

/**
 * OTLP over gRPC, the logs service's one method ({@value #PATH}), as a servlet on the receiver's Jetty with HTTP/2
 * cleartext: Jetty speaks HTTP/2 (framing, HPACK, flow control, trailers); this class reads gRPC's message envelope (a
 * compressed flag and a 4-byte length before the protobuf) and answers in trailers, with the same checks, limits and
 * idempotency as OTLP/HTTP ({@link ClaudeCodeTelemetry}): status 0 with an {@code ExportLogsServiceResponse}; 3
 * INVALID_ARGUMENT naming what is wrong (not protobuf, or a name with a control character: nothing of the batch is
 * stored); 8 RESOURCE_EXHAUSTED over {@link OtlpLogs#MAX_BYTES} (compressed or not); 12 UNIMPLEMENTED for an encoding
 * other than gzip or identity; 13 INTERNAL for a request that is not one message; 14 UNAVAILABLE when the library
 * cannot store it (the one status a client retries). Another content type gets HTTP 415, as gRPC says.
 */
final class OtlpGrpc extends HttpServlet {
    static final String PATH = "/opentelemetry.proto.collector.logs.v1.LogsService/Export";
    static final int OK = 0;
    static final int INVALID_ARGUMENT = 3;
    static final int RESOURCE_EXHAUSTED = 8;
    static final int UNIMPLEMENTED = 12;
    static final int INTERNAL = 13;
    static final int UNAVAILABLE = 14;
    private static final Logger LOG = Logger.getLogger(OtlpGrpc.class.getName());

    /** A gRPC status to answer with. */
    static final class Status extends Exception {
        final int code;

        Status(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private final transient ClaudeCodeTelemetry telemetry;
    private final transient Consumer<ClaudeCodeTelemetry.Result> onBatch;

    OtlpGrpc(ClaudeCodeTelemetry telemetry, Consumer<ClaudeCodeTelemetry.Result> onBatch) {
        this.telemetry = telemetry;
        this.onBatch = onBatch;
    }

    /** Whether a content type is gRPC's ({@code application/grpc}, {@code +proto}, with parameters or not). */
    static boolean isGrpc(String contentType) {
        String t = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).strip();
        return t.equals("application/grpc") || t.startsWith("application/grpc+") || t.startsWith("application/grpc;");
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (!"POST".equals(req.getMethod()) || !isGrpc(req.getContentType())) {
            res.setStatus(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            res.setContentType("text/plain; charset=utf-8");
            res.getOutputStream().write(("OTLP/gRPC takes POST with Content-Type: application/grpc, not "
                    + req.getMethod() + " " + req.getContentType()).getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            ExportLogsServiceRequest request = request(req);
            String bad = ClaudeCodeTelemetry.problem(request);
            if (bad != null) {
                throw new Status(INVALID_ARGUMENT, bad);
            }
            ClaudeCodeTelemetry.Result result;
            try {
                result = telemetry.record(request);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not store a batch of telemetry", e);
                throw new Status(UNAVAILABLE, "the library could not store the batch: " + e.getMessage());
            }
            if (onBatch != null && result.events() > 0) {
                onBatch.accept(result);
            }
            answer(res, OK, null, ExportLogsServiceResponse.getDefaultInstance().toByteArray());
        } catch (Status s) {
            answer(res, s.code, s.getMessage(), null);
        }
    }

    /** The one message of a unary call, decompressed (bounded) and parsed. */
    static ExportLogsServiceRequest request(HttpServletRequest req) throws IOException, Status {
        String encoding = req.getHeader("grpc-encoding");
        if (encoding != null && !encoding.equalsIgnoreCase("identity") && !encoding.equalsIgnoreCase("gzip")) {
            throw new Status(UNIMPLEMENTED, "grpc-encoding '" + encoding + "' is not supported; send gzip or identity");
        }
        byte[] body = readBounded(req.getInputStream(), OtlpLogs.MAX_BYTES + 5L);
        if (body.length < 5) {
            throw new Status(INTERNAL, "the request holds no message (" + body.length + " bytes)");
        }
        int flag = body[0];
        long length = ((body[1] & 0xffL) << 24) | ((body[2] & 0xffL) << 16) | ((body[3] & 0xffL) << 8) | (body[4] & 0xffL);
        if (length > OtlpLogs.MAX_BYTES) {
            throw new Status(RESOURCE_EXHAUSTED, "a message of " + length + " bytes is over the " + OtlpLogs.MAX_BYTES
                    + " bytes this receiver reads");
        }
        if (5 + length != body.length) {
            throw new Status(INTERNAL, 5 + length > body.length ? "the message is cut short" : "a unary call carries"
                    + " one message, this request more");
        }
        byte[] message = java.util.Arrays.copyOfRange(body, 5, body.length);
        if (flag == 1) {
            if (encoding == null || encoding.equalsIgnoreCase("identity")) {
                throw new Status(INTERNAL, "the message is marked compressed but grpc-encoding names no compression");
            }
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(message))) {
                message = readBounded(in, OtlpLogs.MAX_BYTES);
            } catch (Status s) {
                throw new Status(RESOURCE_EXHAUSTED, "the message inflates to more than " + OtlpLogs.MAX_BYTES + " bytes");
            } catch (IOException e) {
                throw new Status(INVALID_ARGUMENT, "the message is not valid gzip: " + e.getMessage());
            }
        } else if (flag != 0) {
            throw new Status(INTERNAL, "the message's compressed flag is " + flag + ", not 0 or 1");
        }
        try {
            return ExportLogsServiceRequest.parseFrom(message);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new Status(INVALID_ARGUMENT, "the message is not an ExportLogsServiceRequest: " + e.getMessage());
        }
    }

    private static byte[] readBounded(InputStream in, long max) throws IOException, Status {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16384];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + (long) n > max) {
                throw new Status(RESOURCE_EXHAUSTED, "the request is over " + OtlpLogs.MAX_BYTES + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** HTTP 200, the message (when there is one) and the status in trailers, as gRPC answers. */
    private static void answer(HttpServletResponse res, int code, String message, byte[] response) throws IOException {
        Map<String, String> trailers = new LinkedHashMap<>();
        trailers.put("grpc-status", Integer.toString(code));
        if (message != null) {
            trailers.put("grpc-message", percentEncode(message));
        }
        res.setStatus(200);
        res.setContentType("application/grpc");
        res.setHeader("grpc-accept-encoding", "gzip,identity");
        res.setTrailerFields(() -> trailers);
        if (response != null) {
            byte[] frame = new byte[5 + response.length];
            int len = response.length;
            frame[1] = (byte) (len >>> 24);
            frame[2] = (byte) (len >>> 16);
            frame[3] = (byte) (len >>> 8);
            frame[4] = (byte) len;
            System.arraycopy(response, 0, frame, 5, len);
            res.getOutputStream().write(frame);
        }
    }

    /**
     * {@code grpc-message} as gRPC encodes it: UTF-8, every byte outside 0x20-0x7E and '%' itself as %XX, the rest as
     * is (a client decodes exactly these; URL encoding would leave "%3A" in its message).
     */
    static String percentEncode(String message) {
        StringBuilder b = new StringBuilder();
        for (byte x : message.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 0x20 && c <= 0x7e && c != '%') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return b.toString();
    }
}
