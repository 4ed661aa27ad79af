package dev.skilldesk.parse;

import java.util.Locale;
import java.util.Set;

/** Which rulebook to validate against. */
public enum ValidationProfile {
    /** The Agent Skills specification as written: only its keys, name equal to the folder. */
    STRICT("agent-skills"),
    /** What Claude Code loads: its extra keys are fine, mismatches and oversize are warnings. */
    LENIENT("claude-code");

    /** The keys of the Agent Skills specification. */
    public static final Set<String> SPEC_KEYS =
            Set.of("name", "description", "license", "compatibility", "metadata", "allowed-tools");
    /** Keys Claude Code reads beyond the specification. */
    public static final Set<String> CLAUDE_CODE_KEYS = Set.of("model", "disable-model-invocation",
            "user-invocable", "argument-hint", "context", "agent", "hooks", "when_to_use", "version");

    private final String id;

    ValidationProfile(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ValidationProfile parse(String s) {
        String v = s.toLowerCase(Locale.ROOT);
        for (ValidationProfile p : values()) {
            if (p.id.equals(v) || p.name().equalsIgnoreCase(v)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + s + "' (agent-skills or claude-code)");
    }
}
