package dev.skilldesk.cli;

/** What the CLI's exit codes mean (documented in the README). */
public final class ExitCodes {
    private ExitCodes() {
    }

    /** Everything asked for was done. */
    public static final int OK = 0;
    /** The command could not run: the library, a file or the system failed. */
    public static final int FAILURE = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** The command ran but found problems: skills refused, validation errors, expectations failed. */
    public static final int PROBLEMS = 3;
    /** No such skill or version (or none the caller may see). */
    public static final int NOT_FOUND = 4;
    /** The caller may not change that skill. */
    public static final int DENIED = 5;
}
