package dev.skilldesk.telemetry;

import dev.skilldesk.library.ContentHash;
import dev.skilldesk.library.SkillLibrary;
import dev.skilldesk.library.SkillNotFoundException;
import dev.skilldesk.skill.Activation;
import dev.skilldesk.skill.ActiveSkill;
import dev.skilldesk.skill.AgentReport;
import dev.skilldesk.skill.Layer;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Printable;
import dev.skilldesk.skill.SkillVersion;
import dev.skilldesk.store.TelemetryStore;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Skill uses as Claude Code's own telemetry reports them: the {@code claude_code.skill_activated} log event
 * (OpenTelemetry logs), with {@code skill.name}, {@code invocation_trigger} ({@code user-slash},
 * {@code claude-proactive}, {@code nested-skill}) and {@code skill.source}. Each event becomes an activation
 * (type {@value #ACTIVATION_TYPE}, outcome unknown, trigger and source kept), matched to a library skill as
 * {@code import-history} matches a transcript's Skill call (a plugin's {@code plugin:name} by the part after the
 * colon, first in the namespace named after its {@code plugin.name}). A name that matches nothing, and a name
 * Claude Code masked, is counted, never guessed: it reports {@code custom_skill} for every skill that is not built in,
 * bundled or from an official Anthropic marketplace (the user's own, a project's, managed, MCP and third-party plugin
 * skills alike) unless {@code OTEL_LOG_TOOL_DETAILS=1}, and then leaves out {@code plugin.name} and
 * {@code marketplace.name}. {@code plugin.name}, {@code marketplace.name} and {@code skill.kind} are kept with the
 * activation ({@link AgentReport}). The key of an event is a hash of the whole record (times, body, its attributes and
 * its resource's): {@code session.id} with {@code event.sequence} is not unique, since the counter is per process and
 * starts again at 0 when a session is resumed; a batch sent again is the same records and is stored once.
 */
public final class ClaudeCodeTelemetry {
    public static final String ACTIVATION_TYPE = "claude_code_otel";
    public static final String EVENT = "claude_code.skill_activated";
    public static final String SOURCE = "claude-code";
    /** Names Claude Code reports in place of a user's own skill's name. */
    static final Set<String> MASKED = Set.of("custom_skill", "custom", "redacted", "<redacted>", "[redacted]");

    /** One skill_activated event. {@code skill} is null when the event named none. */
    public record Event(String key, String skill, AgentReport report, Instant at, String sessionId) {
        public String trigger() {
            return report.trigger();
        }

        public String source() {
            return report.source();
        }

        public boolean masked() {
            return skill == null || skill.isBlank() || MASKED.contains(skill.strip().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /**
     * What one request brought: its log records, the skill_activated events among them, the activations added
     * (and those stored by an earlier send), and the events that matched no skill or named a masked one.
     */
    public record Result(int records, int events, int added, int already, int unmatched, int masked) {
    }

    /** A name Claude Code reported that matched no library skill (or that it masked), and how often. */
    public record UnmatchedName(String name, boolean masked, int count, Instant lastSeen) {
    }

    private final SkillLibrary library;
    private final TelemetryStore store;
    private final Principal who;
    private final Clock clock;

    public ClaudeCodeTelemetry(SkillLibrary library, TelemetryStore store, Principal who, Clock clock) {
        this.library = library;
        this.store = store;
        this.who = who;
        this.clock = clock;
    }

    /** The skill_activated events of a request, in order. */
    public static List<Event> events(ExportLogsServiceRequest request, Clock clock) {
        List<Event> out = new ArrayList<>();
        for (ResourceLogs rl : request.getResourceLogsList()) {
            Map<String, String> resource = attributes(rl.getResource().getAttributesList());
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                for (LogRecord r : sl.getLogRecordsList()) {
                    Map<String, String> attrs = attributes(r.getAttributesList());
                    if (!isSkillActivated(r, attrs)) {
                        continue;
                    }
                    String session = attrs.getOrDefault("session.id", resource.get("session.id"));
                    Instant at = time(r, attrs, clock);
                    // the whole record is the key: session.id and event.sequence are not unique (the counter is
                    // per process and starts again at 0 when a session is resumed), a resend is the same record
                    String key = "otel:h:" + hash(r, attrs, resource);
                    out.add(new Event(key, attrs.get("skill.name"), new AgentReport(attrs.get("invocation_trigger"),
                            attrs.get("skill.source"), attrs.get("plugin.name"), attrs.get("marketplace.name"),
                            attrs.get("skill.kind")), at, session));
                }
            }
        }
        return out;
    }

    /**
     * Why the request's skill_activated events cannot be stored, or null: a name or any other text attribute SkillDesk
     * keeps of them holds a control, bidirectional or invisible character ({@link Printable}). Such text is refused where
     * it enters, whole (nothing of the batch is stored), rather than stored and escaped wherever it is shown.
     */
    public static String problem(ExportLogsServiceRequest request) {
        int n = 0;
        for (ResourceLogs rl : request.getResourceLogsList()) {
            Map<String, String> resource = attributes(rl.getResource().getAttributesList());
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                for (LogRecord r : sl.getLogRecordsList()) {
                    n++;
                    Map<String, String> attrs = attributes(r.getAttributesList());
                    if (!isSkillActivated(r, attrs)) {
                        continue;
                    }
                    Map<String, String> kept = new TreeMap<>(attrs);
                    if (resource.containsKey("session.id")) {
                        kept.putIfAbsent("session.id", resource.get("session.id"));
                    }
                    for (Map.Entry<String, String> a : kept.entrySet()) {
                        if (Printable.hasControl(a.getKey()) || Printable.hasControl(a.getValue())) {
                            return "log record " + n + ": attribute '" + Printable.line(a.getKey()) + "' holds a control,"
                                    + " bidirectional or invisible character (" + Printable.line(a.getValue())
                                    + "); such names are refused and nothing of this batch was stored";
                        }
                    }
                }
            }
        }
        return null;
    }

    private static boolean isSkillActivated(LogRecord r, Map<String, String> attrs) {
        String body = r.getBody().hasStringValue() ? r.getBody().getStringValue() : null;
        String name = attrs.get("event.name");
        return EVENT.equals(body) || EVENT.equals(r.getEventName()) || "skill_activated".equals(r.getEventName())
                || EVENT.equals(name) || "skill_activated".equals(name);
    }

    private static Instant time(LogRecord r, Map<String, String> attrs, Clock clock) {
        long nanos = r.getTimeUnixNano() != 0 ? r.getTimeUnixNano() : r.getObservedTimeUnixNano();
        if (nanos != 0) {
            return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
        }
        String ts = attrs.get("event.timestamp");
        if (ts != null) {
            try {
                return Instant.parse(ts);
            } catch (DateTimeParseException ignored) {
                // not ISO-8601: the time it arrived
            }
        }
        return clock.instant();
    }

    /** A record's identity: its times, body and every attribute (its own and its resource's), sorted. */
    private static String hash(LogRecord r, Map<String, String> attrs, Map<String, String> resource) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.getTimeUnixNano()).append('\n').append(r.getObservedTimeUnixNano()).append('\n')
                .append(r.getBody().hasStringValue() ? r.getBody().getStringValue() : r.getBody().toString()).append('\n');
        new TreeMap<>(attrs).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        sb.append("resource\n");
        new TreeMap<>(resource).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return ContentHash.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> attributes(List<KeyValue> kvs) {
        Map<String, String> m = new HashMap<>();
        for (KeyValue kv : kvs) {
            String v = text(kv.getValue());
            if (v != null) {
                m.put(kv.getKey(), v);
            }
        }
        return m;
    }

    private static String text(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> Long.toString(v.getIntValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            default -> null;
        };
    }

    /** Records the request's skill_activated events. */
    public Result record(ExportLogsServiceRequest request) {
        int records = 0;
        for (ResourceLogs rl : request.getResourceLogsList()) {
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                records += sl.getLogRecordsCount();
            }
        }
        List<Event> events = events(request, clock);
        List<TelemetryStore.Reported> matched = new ArrayList<>();
        List<TelemetryStore.Unmatched> unmatched = new ArrayList<>();
        Map<String, ActiveSkill> cache = new HashMap<>();
        Map<Long, List<SkillVersion>> versions = new HashMap<>();
        int masked = 0;
        long now = clock.millis();
        for (Event e : events) {
            if (e.masked()) {
                masked++;
                unmatched.add(new TelemetryStore.Unmatched(e.key(), SOURCE, e.skill() == null ? "" : e.skill(), true, now));
                continue;
            }
            ActiveSkill skill = resolve(e.skill(), e.report().plugin(), cache);
            if (skill == null) {
                unmatched.add(new TelemetryStore.Unmatched(e.key(), SOURCE, e.skill(), false, now));
                continue;
            }
            // the version in use then, as import-history picks it
            SkillVersion v = dev.skilldesk.library.ClaudeCodeHistory.versionAt(skill, e.at(), versions.computeIfAbsent(skill.skill().id(),
                    id -> library.versionsOf(id)));
            matched.add(new TelemetryStore.Reported(new Activation(skill.skill().id(), v.version(), who.agentId(),
                    who.namespace(), ACTIVATION_TYPE, Layer.CORE.number(), v.tokens().of(Layer.CORE), e.at(), 0, null,
                    null, e.key()), e.report()));
        }
        int[] stored = store.record(matched, unmatched);
        return new Result(records, events.size(), stored[0], matched.size() - stored[0],
                unmatched.size() - masked, masked);
    }

    /** The names that matched nothing, most frequent first. */
    public List<UnmatchedName> unmatched() {
        return store.unmatched().stream().filter(u -> u.source().equals(SOURCE))
                .map(u -> new UnmatchedName(u.name(), u.masked(), u.count(), Instant.ofEpochMilli(u.lastSeenMillis())))
                .toList();
    }

    /**
     * The library skill an event names: a plugin skill ({@code plugin:name}, with {@code plugin.name}) first in the
     * namespace named after its plugin, so that two plugins' same-named skills are told apart; else by name as
     * {@code import-history} matches it.
     */
    private ActiveSkill resolve(String called, String plugin, Map<String, ActiveSkill> cache) {
        String cacheKey = (plugin == null ? "" : plugin) + "\u0000" + called;
        if (cache.containsKey(cacheKey)) {
            return cache.get(cacheKey);
        }
        String name = (called.contains(":") ? called.substring(called.lastIndexOf(':') + 1) : called).strip();
        String owner = plugin != null ? plugin.strip()
                : called.contains(":") ? called.substring(0, called.lastIndexOf(':')).strip() : null;
        ActiveSkill found = null;
        if (owner != null && !owner.isEmpty()) {
            try {
                found = library.get(who, owner, name).filter(a -> !a.skill().deleted()).orElse(null);
            } catch (IllegalArgumentException notANamespace) {
                // a plugin name that is no namespace here: by name below
            }
        }
        if (found == null) {
            try {
                found = library.resolve(who, name);
            } catch (SkillNotFoundException | IllegalArgumentException e) {
                // unmatched: counted
            }
        }
        cache.put(cacheKey, found);
        return found;
    }
}
