package dev.skilldesk.skill;

/**
 * A skill's address in a library: its namespace and name, written {@code namespace/name} wherever a person or a
 * protocol reads it (the CLI, MCP's {@code skill://} paths, the window's open skills, preferences).
 */
public record SkillRef(String namespace, String name) {
    public SkillRef {
        if (namespace == null || name == null) {
            throw new IllegalArgumentException("a skill reference needs a namespace and a name");
        }
    }

    public static SkillRef of(String namespace, String name) {
        return new SkillRef(namespace, name);
    }

    /** {@code ns/name}, or a bare {@code name} in {@code defaultNamespace}. */
    public static SkillRef parse(String ref, String defaultNamespace) {
        int slash = ref.indexOf('/');
        return slash > 0 ? new SkillRef(ref.substring(0, slash), ref.substring(slash + 1))
                : new SkillRef(defaultNamespace, ref);
    }

    /** Whether {@code ref} names its namespace ({@code ns/name}). */
    public static boolean qualified(String ref) {
        return ref.indexOf('/') > 0;
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
