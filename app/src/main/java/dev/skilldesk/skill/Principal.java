package dev.skilldesk.skill;

/** Who is asking: an agent (or the local author) working in a namespace. */
public record Principal(String agentId, String namespace) {
    public Principal {
        if (agentId == null || agentId.isBlank()) {
            throw new IllegalArgumentException("agent id must not be empty");
        }
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("namespace must not be empty");
        }
        if (Printable.hasControl(agentId) || Printable.hasControl(namespace)) {
            throw new IllegalArgumentException("agent id '" + Printable.line(agentId) + "' or namespace '"
                    + Printable.line(namespace) + "' holds a control, bidirectional or invisible character");
        }
    }
}
