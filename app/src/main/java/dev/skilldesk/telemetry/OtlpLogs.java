package dev.skilldesk.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * OTLP/HTTP's logs request and response (the {@code opentelemetry-proto} messages), in both encodings the
 * protocol defines: binary protobuf ({@code application/x-protobuf}) and OTLP's JSON ({@code application/json},
 * protobuf's JSON mapping with trace and span ids in hex), gzip-compressed or not. Bodies are bounded before
 * and after decompression, so a small gzip bomb is refused like a large body.
 */
public final class OtlpLogs {
    /** The largest body read, compressed or not. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;
    public static final String PROTOBUF = "application/x-protobuf";
    public static final String JSON_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request that cannot be read: the HTTP status and what is wrong with it. */
    public static final class Refused extends Exception {
        public final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private OtlpLogs() {
    }

    /** The media type without parameters, lower case; null when none was given. */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /** Parses a request body sent with {@code contentType} and {@code contentEncoding}. */
    public static ExportLogsServiceRequest parse(byte[] body, String contentType, String contentEncoding)
            throws Refused {
        String type = mediaType(contentType);
        if (!PROTOBUF.equals(type) && !JSON_TYPE.equals(type)) {
            throw new Refused(415, "Content-Type " + (contentType == null ? "(none)" : "'" + contentType + "'")
                    + " is not one OTLP/HTTP uses: send application/x-protobuf or application/json");
        }
        byte[] raw = decode(body, contentEncoding);
        if (PROTOBUF.equals(type)) {
            try {
                return ExportLogsServiceRequest.parseFrom(raw);
            } catch (InvalidProtocolBufferException e) {
                throw new Refused(400, "the body is not an OTLP ExportLogsServiceRequest in protobuf: " + e.getMessage());
            }
        }
        try {
            JsonNode tree = JSON.readTree(raw);
            if (tree == null || !tree.isObject()) {
                throw new Refused(400, "the body is not a JSON object (an OTLP ExportLogsServiceRequest)");
            }
            hexIdsToBase64(tree);
            ExportLogsServiceRequest.Builder b = ExportLogsServiceRequest.newBuilder();
            JsonFormat.parser().ignoringUnknownFields().merge(JSON.writeValueAsString(tree), b);
            return b.build();
        } catch (Refused r) {
            throw r;
        } catch (IOException | RuntimeException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage();
            throw new Refused(400, "the body is not an OTLP ExportLogsServiceRequest in JSON: " + why);
        }
    }

    private static byte[] decode(byte[] body, String contentEncoding) throws Refused {
        String enc = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        if (enc.isEmpty() || enc.equals("identity")) {
            return body;
        }
        if (!enc.equals("gzip")) {
            throw new Refused(415, "Content-Encoding '" + contentEncoding + "' is not supported: send gzip or none");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return readBounded(in, "decompressed");
        } catch (ZipException e) {
            throw new Refused(400, "the body is not gzip data: " + e.getMessage());
        } catch (IOException e) {
            throw new Refused(400, "the gzip body could not be read: " + e.getMessage());
        }
    }

    /** Reads at most {@link #MAX_BYTES}; more is refused with 413. */
    public static byte[] readBounded(InputStream in, String what) throws IOException, Refused {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > MAX_BYTES) {
                throw new Refused(413, "the " + what + " body is larger than " + MAX_BYTES + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** OTLP's JSON writes trace and span ids in hex; protobuf's JSON mapping reads bytes as base64. */
    private static void hexIdsToBase64(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String k = f.getKey();
                if ((k.equals("traceId") || k.equals("spanId") || k.equals("trace_id") || k.equals("span_id"))
                        && f.getValue().isTextual()) {
                    String hex = f.getValue().asText();
                    if (!hex.isEmpty() && hex.length() % 2 == 0 && hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                        f.setValue(new TextNode(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex))));
                    }
                } else {
                    hexIdsToBase64(f.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(OtlpLogs::hexIdsToBase64);
        }
    }

    /** The success response in the request's encoding. */
    public static byte[] response(String mediaType) {
        ExportLogsServiceResponse r = ExportLogsServiceResponse.getDefaultInstance();
        if (PROTOBUF.equals(mediaType)) {
            return r.toByteArray();
        }
        try {
            return JsonFormat.printer().print(r).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * A failure as OTLP/HTTP answers it, a {@code google.rpc.Status} (code 3, INVALID_ARGUMENT, and the
     * message): written with protobuf's own encoder for protobuf clients, as JSON otherwise.
     */
    public static byte[] status(String mediaType, String message) {
        if (PROTOBUF.equals(mediaType)) {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                CodedOutputStream c = CodedOutputStream.newInstance(out);
                c.writeInt32(1, 3);
                c.writeString(2, message);
                c.flush();
                return out.toByteArray();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        ObjectNode s = JSON.createObjectNode();
        s.put("code", 3);
        s.put("message", message);
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }
}
