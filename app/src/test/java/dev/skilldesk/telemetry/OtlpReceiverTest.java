package dev.skilldesk.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.store.TelemetryStore;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static dev.skilldesk.TestSkills.skillMd;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code skilldesk otel-receive} as Claude Code meets it: OTLP/HTTP log batches shaped as Claude Code sends
 * them (resource {@code service.name=claude-code}, the events scope, one log record per event with its body the
 * event name and {@code event.name}, {@code event.sequence}, {@code session.id} among the attributes), in JSON and
 * protobuf, gzip or not; masked and unknown names; a batch sent twice; bodies that are garbage.
 */
class OtlpReceiverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Principal ME = new Principal("me", "default");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    SkillDeskCore core;
    OtlpReceiver receiver;
    final List<ClaudeCodeTelemetry.Result> batches = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        core = SkillDeskCore.open(dir.resolve("lib"), ME, Map.of());
        for (String n : List.of("pdf-tools", "release-notes")) {
            assertThat(core.library().save(ME, new SkillDraft("test", n, skillMd(n, "Does " + n + " work.",
                    "## Core Instructions\nDo it."), List.of()), new SaveOptions("default", AccessLevel.PUBLIC, null)).stored()).isTrue();
        }
        receiver = OtlpReceiver.start(core.claudeCodeTelemetry(ME), "127.0.0.1", 0, batches::add);
    }

    @AfterEach
    void stop() {
        receiver.close();
        core.close();
    }

    /** One event as Claude Code logs it. */
    private static LogRecord event(String name, long seq, String session, Map<String, String> extra) {
        LogRecord.Builder r = LogRecord.newBuilder().setTimeUnixNano(1_764_500_000_000_000_000L + seq * 1_000_000L)
                .setObservedTimeUnixNano(1_764_500_000_000_000_000L + seq * 1_000_000L)
                .setBody(AnyValue.newBuilder().setStringValue("claude_code." + name))
                .addAttributes(kv("event.name", name))
                .addAttributes(kv("event.timestamp", "2025-11-30T10:53:20.000Z"))
                .addAttributes(KeyValue.newBuilder().setKey("event.sequence").setValue(AnyValue.newBuilder().setIntValue(seq)))
                .addAttributes(kv("prompt.id", "p-" + seq))
                .addAttributes(kv("user.id", "u-1"))
                .addAttributes(kv("terminal.type", "xterm-256color"));
        if (session != null) {
            r.addAttributes(kv("session.id", session));
        }
        extra.forEach((k, v) -> r.addAttributes(kv(k, v)));
        return r.build();
    }

    private static KeyValue kv(String k, String v) {
        return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v)).build();
    }

    private static ExportLogsServiceRequest batch(LogRecord... records) {
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("service.name", "claude-code"))
                        .addAttributes(kv("service.version", "2.1.130")).addAttributes(kv("os.type", "linux")))
                .addScopeLogs(ScopeLogs.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("com.anthropic.claude_code.events").setVersion("2.1.130"))
                        .addAllLogRecords(List.of(records)))).build();
    }

    private static ExportLogsServiceRequest claudeSession() {
        String s = "5a1c0d4e-aaaa-bbbb-cccc-000000000001";
        return batch(
                event("skill_activated", 1, s, Map.of("skill.name", "pdf-tools", "invocation_trigger", "user-slash",
                        "skill.source", "userSettings")),
                event("tool_result", 2, s, Map.of("tool_name", "Skill", "success", "true")),
                event("skill_activated", 3, s, Map.of("skill.name", "docs-plugin:release-notes",
                        "invocation_trigger", "claude-proactive", "skill.source", "plugin", "plugin.name", "docs-plugin",
                        "marketplace.name", "anthropic-agent-skills", "skill.kind", "workflow")),
                event("skill_activated", 4, s, Map.of("skill.name", "custom_skill", "invocation_trigger", "claude-proactive",
                        "skill.source", "projectSettings")),
                event("skill_activated", 5, s, Map.of("skill.name", "no-such-skill", "invocation_trigger", "nested-skill",
                        "skill.source", "userSettings")));
    }

    /** OTLP's JSON: protobuf's JSON mapping (camelCase, int64 as strings) as the OTLP exporters write it. */
    private static String json(ExportLogsServiceRequest r) throws Exception {
        return com.google.protobuf.util.JsonFormat.printer().print(r);
    }

    private HttpResponse<byte[]> post(byte[] body, String type, String encoding) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(receiver.endpoint()).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        if (encoding != null) {
            b.header("Content-Encoding", encoding);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gzip(byte[] raw) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(raw);
        }
        return out.toByteArray();
    }

    @Test
    void jsonEventsBecomeActivationsWithTriggerAndSourceAndAResentBatchCountsOnce() throws Exception {
        long before = core.activationStore().count();
        byte[] body = json(claudeSession()).getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> r = post(body, "application/json", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(JSON.readTree(r.body()).isObject()).isTrue();
        assertThat(core.activationStore().count() - before).as("pdf-tools and the plugin's release-notes").isEqualTo(2);
        assertThat(batches.get(0)).isEqualTo(new ClaudeCodeTelemetry.Result(5, 4, 2, 0, 1, 1));

        TelemetryStore t = core.telemetry();
        var pdf = core.activationStore().recent(core.library().find("default", "pdf-tools").orElseThrow().id(), 5);
        assertThat(pdf).singleElement().satisfies(a -> {
            assertThat(a.report()).isEqualTo(new dev.skilldesk.skill.AgentReport("user-slash", "userSettings", null, null, null));
            assertThat(a.activation().activationType()).isEqualTo("claude_code_otel");
            assertThat(a.activation().success()).as("outcome unknown").isNull();
            assertThat(t.report(a.activation().activationKey())).isEqualTo(a.report());
        });
        var notes = core.activationStore().recent(core.library().find("default", "release-notes").orElseThrow().id(), 5);
        assertThat(notes).singleElement().satisfies(a -> {
            assertThat(a.report()).isEqualTo(new dev.skilldesk.skill.AgentReport("claude-proactive", "plugin",
                    "docs-plugin", "anthropic-agent-skills", "workflow"));
            assertThat(a.report().summary()).isEqualTo("claude-proactive · plugin docs-plugin@anthropic-agent-skills · workflow");
        });
        assertThat(t.unmatched()).extracting(TelemetryStore.UnmatchedCount::name, TelemetryStore.UnmatchedCount::masked,
                TelemetryStore.UnmatchedCount::count).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("custom_skill", true, 1),
                org.assertj.core.groups.Tuple.tuple("no-such-skill", false, 1));

        // the exporter retries the same batch: nothing new
        assertThat(post(body, "application/json; charset=utf-8", null).statusCode()).isEqualTo(200);
        assertThat(core.activationStore().count() - before).isEqualTo(2);
        assertThat(batches.get(1).added()).isZero();
        assertThat(batches.get(1).already()).isEqualTo(2);
        assertThat(t.unmatched()).allSatisfy(u -> assertThat(u.count()).isEqualTo(1));
    }

    @Test
    void protobufGzipOrNotIsAnsweredInProtobuf() throws Exception {
        long before = core.activationStore().count();
        HttpResponse<byte[]> r = post(gzip(claudeSession().toByteArray()), "application/x-protobuf", "gzip");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
        assertThat(ExportLogsServiceResponse.parseFrom(r.body()).hasPartialSuccess()).isFalse();
        assertThat(core.activationStore().count() - before).isEqualTo(2);
        // the same events again, uncompressed: known keys
        assertThat(post(claudeSession().toByteArray(), "application/x-protobuf", null).statusCode()).isEqualTo(200);
        assertThat(core.activationStore().count() - before).isEqualTo(2);
    }

    @Test
    void anEventWithoutSessionOrSequenceIsKeyedByItsContent() throws Exception {
        LogRecord bare = LogRecord.newBuilder().setTimeUnixNano(1_764_500_000_123_000_000L)
                .setBody(AnyValue.newBuilder().setStringValue("claude_code.skill_activated"))
                .addAttributes(kv("skill.name", "pdf-tools")).build();
        long before = core.activationStore().count();
        assertThat(post(batch(bare).toByteArray(), "application/x-protobuf", null).statusCode()).isEqualTo(200);
        assertThat(post(json(batch(bare)).getBytes(StandardCharsets.UTF_8), "application/json", null).statusCode()).isEqualTo(200);
        assertThat(core.activationStore().count() - before).isEqualTo(1);
    }

    @Test
    void garbageGetsAClear400OrA415AndNothingIsStored() throws Exception {
        long before = core.activationStore().count();
        HttpResponse<byte[]> notJson = post("{\"resourceLogs\": [".getBytes(StandardCharsets.UTF_8), "application/json", null);
        assertThat(notJson.statusCode()).isEqualTo(400);
        JsonNode status = JSON.readTree(notJson.body());
        assertThat(status.get("code").asInt()).isEqualTo(3);
        assertThat(status.get("message").asText()).contains("not an OTLP ExportLogsServiceRequest in JSON");
        assertThat(post("{\"resourceLogs\": 7}".getBytes(StandardCharsets.UTF_8), "application/json", null).statusCode())
                .isEqualTo(400);
        HttpResponse<byte[]> badProto = post(new byte[] {(byte) 0xff, (byte) 0xff, 0x01, 0x02}, "application/x-protobuf", null);
        assertThat(badProto.statusCode()).isEqualTo(400);
        assertThat(new String(badProto.body(), StandardCharsets.ISO_8859_1)).contains("protobuf");
        HttpResponse<byte[]> notGzip = post("plain".getBytes(StandardCharsets.UTF_8), "application/json", "gzip");
        assertThat(notGzip.statusCode()).isEqualTo(400);
        assertThat(new String(notGzip.body(), StandardCharsets.UTF_8)).contains("gzip");
        HttpResponse<byte[]> text = post("hello".getBytes(StandardCharsets.UTF_8), "text/plain", null);
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(new String(text.body(), StandardCharsets.UTF_8)).contains("application/x-protobuf", "application/json");
        assertThat(post(claudeSession().toByteArray(), "application/x-protobuf", "br").statusCode()).isEqualTo(415);
        // a small gzip body that expands past the limit is refused, not inflated into memory
        byte[] bomb = gzip(new byte[OtlpLogs.MAX_BYTES + 1024]);
        assertThat(bomb.length).isLessThan(100_000);
        assertThat(post(bomb, "application/x-protobuf", "gzip").statusCode()).isEqualTo(413);
        assertThat(core.activationStore().count()).isEqualTo(before);
        assertThat(core.telemetry().unmatched()).isEmpty();
        assertThat(batches).isEmpty();
    }

    /**
     * Names with terminal escapes, CR/LF, NUL or bidirectional overrides are refused where they enter: 400 naming the
     * attribute, nothing of the batch stored (so nothing of them is ever printed at shutdown).
     */
    @Test
    void namesWithControlOrBidiCharactersAreRefusedWith400AndNothingIsStored() throws Exception {
        long before = core.activationStore().count();
        String s = "5a1c0d4e-aaaa-bbbb-cccc-000000000009";
        for (String bad : List.of("pdf-tools\u001b[2J\u001b]0;owned\u0007", "pdf-tools\r\nskilldesk: all clear",
                "pdf-tools\u0000", "pdf\u202etools", "pdf-tools\u2066x\u2069", "pdf-tools\u009b31m", "pdf\u200btools")) {
            for (String attribute : List.of("skill.name", "plugin.name", "skill.source")) {
                Map<String, String> attrs = new java.util.HashMap<>(Map.of("skill.name", "pdf-tools",
                        "invocation_trigger", "user-slash"));
                attrs.put(attribute, bad);
                ExportLogsServiceRequest req = batch(event("skill_activated", 1, s, Map.of("skill.name", "release-notes",
                        "invocation_trigger", "user-slash")), event("skill_activated", 2, s, attrs));
                HttpResponse<byte[]> r = post(json(req).getBytes(StandardCharsets.UTF_8), "application/json", null);
                assertThat(r.statusCode()).as(bad).isEqualTo(400);
                String message = JSON.readTree(r.body()).get("message").asText();
                assertThat(message).contains("log record 2", attribute, "control");
                assertThat(message).doesNotContain("\u001b", "\r", "\u0000", "\u202e");
                HttpResponse<byte[]> proto = post(req.toByteArray(), "application/x-protobuf", null);
                assertThat(proto.statusCode()).isEqualTo(400);
            }
        }
        assertThat(core.activationStore().count()).isEqualTo(before);
        assertThat(core.telemetry().unmatched()).isEmpty();
        assertThat(batches).isEmpty();
    }

    @Test
    void aResumedSessionsRestartedSequenceIsANewActivationNotADuplicate() throws Exception {
        String s = "5a1c0d4e-aaaa-bbbb-cccc-00000000000r";
        long before = core.activationStore().count();
        // claude --resume keeps the session id and starts its event counter at 0 again, in a new process
        LogRecord first = event("skill_activated", 0, s, Map.of("skill.name", "pdf-tools"));
        LogRecord resumed = event("skill_activated", 0, s, Map.of("skill.name", "pdf-tools")).toBuilder()
                .setTimeUnixNano(1_764_600_000_000_000_000L).setObservedTimeUnixNano(1_764_600_000_000_000_000L).build();
        assertThat(post(batch(first).toByteArray(), "application/x-protobuf", null).statusCode()).isEqualTo(200);
        assertThat(post(batch(resumed).toByteArray(), "application/x-protobuf", null).statusCode()).isEqualTo(200);
        assertThat(core.activationStore().count() - before).as("two uses, same session id and sequence").isEqualTo(2);
        assertThat(post(batch(resumed).toByteArray(), "application/x-protobuf", null).statusCode()).isEqualTo(200);
        assertThat(core.activationStore().count() - before).as("the same record again: stored once").isEqualTo(2);
    }

    @Test
    void twoPluginsSameNamedSkillsAreToldApartByPluginName() throws Exception {
        for (String ns : List.of("alpha-kit", "beta-kit")) {
            assertThat(core.library().save(ME, new SkillDraft("test", "deploy", skillMd("deploy", "Deploys for " + ns + ".",
                    "## Core Instructions\nGo."), List.of()), new SaveOptions(ns, AccessLevel.PUBLIC, null)).stored()).isTrue();
        }
        String s = "5a1c0d4e-aaaa-bbbb-cccc-00000000000p";
        assertThat(post(batch(event("skill_activated", 1, s, Map.of("skill.name", "beta-kit:deploy", "skill.source", "plugin",
                "plugin.name", "beta-kit", "marketplace.name", "claude-plugins-official"))).toByteArray(),
                "application/x-protobuf", null).statusCode()).isEqualTo(200);
        long beta = core.library().find("beta-kit", "deploy").orElseThrow().id();
        long alpha = core.library().find("alpha-kit", "deploy").orElseThrow().id();
        assertThat(core.activationStore().recent(beta, 5)).singleElement()
                .satisfies(a -> assertThat(a.report().plugin()).isEqualTo("beta-kit"));
        assertThat(core.activationStore().recent(alpha, 5)).isEmpty();
    }
}
