package dev.skilldesk.parse;

/** Size limits of the validator, in one place. */
public final class Limits {
    private Limits() {
    }

    public static final int NAME_MAX = 64;
    public static final int DESCRIPTION_MAX = 1024;
    public static final int COMPATIBILITY_MAX = 500;
    public static final int FRONTMATTER_CHARS = 10_000;
    /** The design's content limit: an error in both profiles (a skill over it needs fixes before it leaves). */
    public static final int CONTENT_CHARS = 50_000;
    /** The Skills Extension's limits: files per skill (SKILL.md included) and their total size. */
    public static final int FILES_MAX = 512;
    public static final long FILES_TOTAL_BYTES = 16L * 1024 * 1024;
    /** A description with fewer words than this says too little for an agent to choose by. */
    public static final int DESCRIPTION_MIN_WORDS = 6;
    /** Never stored, whatever the profile: a guard against flooding the library. */
    public static final int CONTENT_HARD_CHARS = 1_000_000;
    public static final int TAGS_MAX = 20;
    public static final int BODY_LINES_MAX = 500;
    public static final int BODY_TOKENS_MAX = 5_000;
}
