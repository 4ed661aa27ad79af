package dev.skilldesk.telemetry;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.skilldesk.TestSkills.skillMd;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OTLP over gRPC, as Claude Code's monitoring docs start users on it (port 4317): the official OpenTelemetry Java
 * exporter ({@code OtlpGrpcLogRecordExporter} 1.68.0, HTTP/2 cleartext over OkHttp) sends skill_activated events
 * with and without gzip; each becomes one activation with its trigger, source, plugin and marketplace, and a batch
 * sent again is stored once. Garbage, a control character in a name and an unknown encoding are refused with the
 * gRPC status that names them (read from the trailers by a plain HTTP/2 client), and nothing is stored.
 */
class OtlpGrpcTest {
    private static final Principal ME = new Principal("me", "default");

    @TempDir
    Path dir;
    SkillDeskCore core;
    OtlpReceiver receiver;
    final List<ClaudeCodeTelemetry.Result> batches = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        core = SkillDeskCore.open(dir.resolve("lib"), ME, Map.of());
        assertThat(core.library().save(ME, new SkillDraft("test", "pdf-tools", skillMd("pdf-tools",
                "Fill and merge PDF forms.", "## Core Instructions\nDo it."), List.of()),
                new SaveOptions("default", AccessLevel.PUBLIC, null)).stored()).isTrue();
        receiver = OtlpReceiver.start(core.claudeCodeTelemetry(ME), "127.0.0.1", 0, 0, batches::add);
    }

    @AfterEach
    void stop() {
        receiver.close();
        core.close();
    }

    /** skill_activated records as Claude Code's exporter builds them, collected rather than exported. */
    private static List<LogRecordData> records(int n) {
        List<LogRecordData> out = new ArrayList<>();
        LogRecordProcessor keep = new LogRecordProcessor() {
            @Override
            public void onEmit(io.opentelemetry.context.Context context, ReadWriteLogRecord r) {
                out.add(r.toLogRecordData());
            }
        };
        try (SdkLoggerProvider p = SdkLoggerProvider.builder().addLogRecordProcessor(keep)
                .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "claude-code"))).build()) {
            for (int i = 0; i < n; i++) {
                p.get("com.anthropic.claude_code.events").logRecordBuilder().setBody("claude_code.skill_activated")
                        .setAttribute(AttributeKey.stringKey("event.name"), "skill_activated")
                        .setAttribute(AttributeKey.stringKey("session.id"), "s-grpc")
                        .setAttribute(AttributeKey.longKey("event.sequence"), (long) i)
                        .setAttribute(AttributeKey.stringKey("skill.name"), "acme-tools:pdf-tools")
                        .setAttribute(AttributeKey.stringKey("invocation_trigger"), "claude-proactive")
                        .setAttribute(AttributeKey.stringKey("skill.source"), "plugin")
                        .setAttribute(AttributeKey.stringKey("plugin.name"), "acme-tools")
                        .setAttribute(AttributeKey.stringKey("marketplace.name"), "claude-plugins-official")
                        .setTimestamp(1_764_500_000_000L + i, TimeUnit.MILLISECONDS)
                        .emit();
            }
        }
        return out;
    }

    private CompletableResultCode send(List<LogRecordData> records, String compression) {
        OtlpGrpcLogRecordExporter exporter = OtlpGrpcLogRecordExporter.builder()
                .setEndpoint(receiver.grpcEndpoint().toString()).setCompression(compression).build();
        try {
            return exporter.export(records).join(20, TimeUnit.SECONDS);
        } finally {
            exporter.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theOfficialExporterDeliversWithAndWithoutGzipAndAResendIsStoredOnce() {
        long before = core.activationStore().count();
        List<LogRecordData> two = records(2);
        assertThat(send(two, "gzip").isSuccess()).as("gzip").isTrue();
        assertThat(core.activationStore().count() - before).isEqualTo(2);
        assertThat(send(two, "none").isSuccess()).as("the same batch again, uncompressed").isTrue();
        assertThat(core.activationStore().count() - before).as("stored once").isEqualTo(2);
        assertThat(batches).extracting(ClaudeCodeTelemetry.Result::added).containsExactly(2, 0);
        long id = core.library().find("default", "pdf-tools").orElseThrow().id();
        assertThat(core.activationStore().recent(id, 5)).allSatisfy(a -> {
            assertThat(a.report().plugin()).isEqualTo("acme-tools");
            assertThat(a.report().marketplace()).isEqualTo("claude-plugins-official");
            assertThat(a.report().trigger()).isEqualTo("claude-proactive");
        });
    }

    // ---- refusals, as a plain HTTP/2 client reads them -------------------------------------------------------------

    private final OkHttpClient h2 = new OkHttpClient.Builder().protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE)).build();

    /** One unary call; the gRPC status and message from the trailers. */
    private String[] call(byte[] message, int flag, String encoding) throws Exception {
        ByteBuffer frame = ByteBuffer.allocate(5 + message.length);
        frame.put((byte) flag).putInt(message.length).put(message);
        Request.Builder b = new Request.Builder().url(receiver.grpcEndpoint() + OtlpGrpc.PATH)
                .header("te", "trailers")
                .post(RequestBody.create(frame.array(), MediaType.get("application/grpc")));
        if (encoding != null) {
            b.header("grpc-encoding", encoding);
        }
        try (Response r = h2.newCall(b.build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.protocol()).isEqualTo(Protocol.H2_PRIOR_KNOWLEDGE);
            r.body().bytes();
            var t = r.trailers();
            String message1 = t.get("grpc-message");
            return new String[] {t.get("grpc-status"), message1 == null ? null
                    : java.net.URLDecoder.decode(message1.replace("+", "%2B"), StandardCharsets.UTF_8)};
        }
    }

    @Test
    void garbageAControlCharacterAndAnUnknownEncodingGetTheStatusThatNamesThem() throws Exception {
        long before = core.activationStore().count();
        String[] garbage = call("not a protobuf \u00ff\u00fe".getBytes(StandardCharsets.ISO_8859_1), 0, null);
        assertThat(garbage[0]).isEqualTo("3");
        assertThat(garbage[1]).contains("not an ExportLogsServiceRequest");

        LogRecord bad = LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue("claude_code.skill_activated"))
                .addAttributes(KeyValue.newBuilder().setKey("skill.name")
                        .setValue(AnyValue.newBuilder().setStringValue("pdf-tools\u001b[2J"))).build();
        byte[] request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(bad))).build().toByteArray();
        String[] control = call(request, 0, null);
        assertThat(control[0]).isEqualTo("3");
        assertThat(control[1]).contains("skill.name").contains("control");

        String[] encoding = call(request, 1, "zstd");
        assertThat(encoding[0]).isEqualTo("12");
        assertThat(encoding[1]).contains("zstd");

        assertThat(core.activationStore().count()).as("nothing stored").isEqualTo(before);
        assertThat(call(new byte[0], 0, null)[0]).as("an empty request is a success").isEqualTo("0");
    }
}
