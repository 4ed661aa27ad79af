package dev.skilldesk.parse;

/** Size limits of the validator, in one place. */
public final class Limits {
    private Limits() {
    }

    public static final int NAME_MAX = 64;
    public static final int DESCRIPTION_MAX = 1024;
    public static final int COMPATIBILITY_MAX = 500;
    public static final int FRONTMATTER_CHARS = 10_000;
    /** The design's content limit: an error for the strict profile, a warning when importing. */
    public static final int CONTENT_CHARS = 50_000;
    /** Never stored, whatever the profile: a guard against flooding the library. */
    public static final int CONTENT_HARD_CHARS = 1_000_000;
    public static final int TAGS_MAX = 20;
    public static final int BODY_LINES_MAX = 500;
    public static final int BODY_TOKENS_MAX = 5_000;
}
