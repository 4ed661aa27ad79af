package dev.skilldesk.ui.common;

/**
 * How long the window spaces out work that would otherwise land in one frame. On two busy cores a large import's new
 * rows, its notification and the embedding it starts each want the FX thread; given a pulse apiece, no frame is late.
 * Measured with {@code bench --desktop} (the longest frame of an import of 1,000 skills).
 */
public final class Pacing {
    private Pacing() {
    }

    /** "A pulse later": what follows a table's new rows (the rest of them, the tree, other listeners) waits this long. */
    public static final long NEXT_PULSE_MS = 40;
    /** The "import finished" notification waits this long after the new rows are set, for a pulse of its own. */
    public static final long NEWS_AFTER_ROWS_MS = 150;
    /** Embedding resumes this long after an import's rows are shown, so that the window draws them first. */
    public static final long RESUME_AFTER_RELOAD_MS = 750;
    /** A table with fewer rows than this that gets many more shows a few now and the rest a pulse later. */
    public static final int FIRST_ROWS = 8;
}
