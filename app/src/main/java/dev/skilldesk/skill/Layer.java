package dev.skilldesk.skill;

/** The three progressive-disclosure layers an agent can load. */
public enum Layer {
    /** Name, description, tags, persona: what an agent sees in its listing (~100 tokens). */
    METADATA(1),
    /** The core instructions: the body, or its "## Core Instructions" section. */
    CORE(2),
    /** The whole SKILL.md plus the list of resource files. */
    FULL(3);

    private final int number;

    Layer(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static Layer of(int number) {
        for (Layer l : values()) {
            if (l.number == number) {
                return l;
            }
        }
        throw new IllegalArgumentException("layer must be 1, 2 or 3, not " + number);
    }
}
