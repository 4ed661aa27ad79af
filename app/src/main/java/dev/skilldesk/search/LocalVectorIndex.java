package dev.skilldesk.search;

import java.util.List;

/** An in-process index whose entries can be written to disk and read back. */
public interface LocalVectorIndex extends VectorIndex {
    /** A copy of every entry. */
    List<VectorEntry> entries();
}
