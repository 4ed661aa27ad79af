package dev.skilldesk.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skilldesk.skill.Principal;

import java.util.function.Function;

/**
 * What a transport answers before the SDK's session sees a message, the same on stdio and HTTP: the Skills
 * Extension's methods (the Java SDK has no handlers for methods it does not know), a {@code tools/call} of a
 * tool that does not exist (the SDK's own error says "invalid_tool_name" whatever the name), and
 * {@code notifications/cancelled} (the SDK has no handler: it would log it and answer the call anyway).
 */
final class BeforeSession {
    /** A JSON-RPC answer: a result, or an error code and message. */
    record Answer(Object result, int code, String message) {
        static Answer ok(Object result) {
            return new Answer(result, 0, null);
        }

        static Answer error(int code, String message) {
            return new Answer(null, code, message);
        }

        boolean isError() {
            return message != null;
        }
    }

    static final String CANCELLED = "notifications/cancelled";
    private final Function<Principal, SkillsExtension> extension;
    private final InFlight inFlight;
    private final Subscriptions subscriptions;
    /** The conformance suite's fixtures, or null (the default). */
    private final ConformanceFixtures fixtures;
    private final java.util.List<String> tools;

    BeforeSession(Function<Principal, SkillsExtension> extension, InFlight inFlight, Subscriptions subscriptions,
                  ConformanceFixtures fixtures, java.util.List<String> tools) {
        this.extension = extension;
        this.inFlight = inFlight;
        this.subscriptions = subscriptions;
        this.fixtures = fixtures;
        this.tools = tools;
    }

    /**
     * The answer to request {@code method} from {@code who} on {@code connection}, or null when the SDK's
     * session answers it.
     */
    Answer request(String connection, Principal who, String method, JsonNode params) {
        try {
            if (fixtures != null) {
                Answer a = fixture(method, params);
                if (a != null) {
                    return a;
                }
            }
            if (method.equals("resources/subscribe") || method.equals("resources/unsubscribe")) {
                String uri = params == null ? null : params.path("uri").asText(null);
                if (uri == null || uri.isBlank()) {
                    return Answer.error(SkillsExtension.INVALID_PARAMS, "invalid params: \"uri\" (a string) is required");
                }
                if (method.equals("resources/unsubscribe")) {
                    subscriptions.unsubscribe(connection, uri);
                } else {
                    String digest = fixtures != null && fixtures.read(uri) != null ? "fixture"
                            : extension.apply(who).digest(uri); // fails as for an unknown resource
                    subscriptions.subscribe(connection, uri, digest);
                }
                return Answer.ok(java.util.Map.of());
            }
            if (SkillsExtension.METHODS.contains(method)) {
                return Answer.ok(extension.apply(who).answer(method, params));
            }
        } catch (SkillsExtension.Failure f) {
            return Answer.error(f.code, f.getMessage());
        }
        if ("tools/call".equals(method)) {
            JsonNode name = params == null ? null : params.get("name");
            if (name == null || !name.isTextual()) {
                return Answer.error(SkillsExtension.INVALID_PARAMS, "invalid params: tools/call needs \"name\", the"
                        + " tool's name (one of " + String.join(", ", McpSkillServer.TOOLS) + ")");
            }
            if (!tools.contains(name.asText())) {
                return Answer.error(SkillsExtension.INVALID_PARAMS, "Unknown tool: '" + name.asText()
                        + "'; this server's tools are " + String.join(", ", McpSkillServer.TOOLS));
            }
        }
        return null;
    }

    /** A fixture's contents (the listings add the fixtures' entries in {@link SkillsExtension}). */
    private Answer fixture(String method, JsonNode params) {
        String uri = params == null ? null : params.path("uri").asText(null);
        switch (method) {
            case "resources/read" -> {
                Object r = uri == null ? null : fixtures.read(uri);
                return r == null ? null : Answer.ok(r);
            }
            default -> {
                return null;
            }
        }
    }

    /** Handles a notification the SDK does not; returns whether it did (then the SDK must not see it). */
    boolean notification(String connection, String method, JsonNode params) {
        if (!CANCELLED.equals(method)) {
            return false;
        }
        JsonNode id = params == null ? null : params.get("requestId");
        if (id != null && (id.isTextual() || id.isIntegralNumber())) {
            inFlight.cancel(connection, id.isTextual() ? id.asText() : (Object) id.longValue());
        }
        return true;
    }
}
