package dev.skilldesk.parse;

/** The stable ids of validation rules; reports, tests and the editor's markers use them. */
public final class Rules {
    private Rules() {
    }

    public static final String ENCODING_UTF8 = "encoding.utf8";
    /** A path given to check that does not exist or cannot be read. */
    public static final String FILE_UNREADABLE = "files.unreadable";
    public static final String CONTENT_NUL = "content.nul";
    public static final String CONTENT_TOO_LARGE = "content.too-large";
    /** A merge's conflict markers left in SKILL.md (a merge with upstream not yet resolved). */
    public static final String CONTENT_CONFLICT_MARKER = "content.conflict-marker";
    public static final String FRONTMATTER_MISSING = "frontmatter.missing";
    public static final String FRONTMATTER_UNCLOSED = "frontmatter.unclosed";
    public static final String FRONTMATTER_SYNTAX = "frontmatter.syntax";
    public static final String FRONTMATTER_UNSAFE = "frontmatter.unsafe";
    public static final String FRONTMATTER_NOT_MAPPING = "frontmatter.not-mapping";
    public static final String FRONTMATTER_TOO_LARGE = "frontmatter.too-large";
    /**
     * A plain value with {@code ": "} inside ({@code description: Use when: …}) that YAML refuses: read as if quoted,
     * so the skill can be stored and fixed, but an error until it is quoted.
     */
    public static final String FRONTMATTER_NEEDS_QUOTES = "frontmatter.needs-quotes";
    public static final String FRONTMATTER_UNKNOWN_KEY = "frontmatter.unknown-key";
    public static final String NAME_MISSING = "name.missing";
    public static final String NAME_FORMAT = "name.format";
    /** A name Windows reserves for a device (nul, aux, com1 …): exported or installed there, it is no folder. */
    public static final String NAME_RESERVED = "name.reserved";
    public static final String NAME_FOLDER_MISMATCH = "name.folder-mismatch";
    public static final String DESCRIPTION_MISSING = "description.missing";
    public static final String DESCRIPTION_TOO_LONG = "description.too-long";
    public static final String DESCRIPTION_ANGLE_BRACKETS = "description.angle-brackets";
    /** A description that never says when to use the skill ("Use when …", "when the user asks …"). */
    public static final String DESCRIPTION_NO_TRIGGER = "description.no-trigger";
    /** A description of a few words ("Commit messages"): too little for an agent to choose by. */
    public static final String DESCRIPTION_TOO_SHORT = "description.too-short";
    /** A template's placeholder left in ("1. The first step.", "Say what this skill does", TODO). */
    public static final String CONTENT_TEMPLATE_LEFTOVER = "content.template-leftover";
    /** More files than a Skills Extension host must take (512, SKILL.md included). */
    public static final String FILES_TOO_MANY = "files.too-many";
    /** Files larger together than a Skills Extension host must take (16 MiB). */
    public static final String FILES_TOTAL_TOO_LARGE = "files.total-too-large";
    public static final String COMPATIBILITY_TOO_LONG = "compatibility.too-long";
    public static final String METADATA_NOT_MAPPING = "metadata.not-mapping";
    public static final String TAGS_TOO_MANY = "tags.too-many";
    public static final String BODY_EMPTY = "body.empty";
    public static final String BODY_TOO_LONG = "body.too-long";
    public static final String BODY_TOO_MANY_TOKENS = "body.too-many-tokens";

    /**
     * What keeps a SKILL.md out of the library altogether: text or frontmatter that cannot be read, no name to
     * store it under, a name Windows keeps for a device (refused where it enters), or a merge's conflict markers left
     * in (an unfinished merge is not a version of anything). Every other error is stored,
     * marked as needing fixes, and kept from agents until fixed.
     */
    public static final java.util.Set<String> STOP_STORING = java.util.Set.of(ENCODING_UTF8, FILE_UNREADABLE,
            CONTENT_NUL, FRONTMATTER_MISSING, FRONTMATTER_UNCLOSED, FRONTMATTER_SYNTAX, FRONTMATTER_UNSAFE,
            FRONTMATTER_NOT_MAPPING, FRONTMATTER_TOO_LARGE, NAME_MISSING, NAME_RESERVED, CONTENT_CONFLICT_MARKER);
}
