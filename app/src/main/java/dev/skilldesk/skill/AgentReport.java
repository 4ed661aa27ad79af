package dev.skilldesk.skill;

import java.util.ArrayList;
import java.util.List;

/**
 * What an agent's own telemetry said of an activation: how the skill was started ({@code invocation_trigger}: user-slash,
 * claude-proactive, nested-skill), where the agent had it from ({@code skill.source}: userSettings, projectSettings,
 * plugin …), the plugin and marketplace of a plugin skill, and the skill's kind ({@code workflow}). Any may be null
 * (not reported: Claude Code leaves out the plugin and marketplace of a name it masks).
 */
public record AgentReport(String trigger, String source, String plugin, String marketplace, String kind) {
    /** One line for a person: "claude-proactive · plugin docs-kit@acme-skills · workflow". */
    public String summary() {
        List<String> parts = new ArrayList<>();
        if (trigger != null) {
            parts.add(trigger);
        }
        if (plugin != null) {
            parts.add("plugin " + plugin + (marketplace == null ? "" : "@" + marketplace));
        } else if (source != null) {
            parts.add(source);
        }
        if (kind != null) {
            parts.add(kind);
        }
        return String.join(" · ", parts);
    }

    public boolean isEmpty() {
        return trigger == null && source == null && plugin == null && marketplace == null && kind == null;
    }
}
