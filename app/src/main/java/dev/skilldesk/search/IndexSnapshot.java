package dev.skilldesk.search;

import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.store.EmbeddingRows;
import dev.skilldesk.store.IndexStateStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The in-process vector index's file, a cache of what SQLite holds: loaded at start when it matches SQLite
 * (model, dimension, how many skills are indexed, the newest index stamp), rebuilt from the vectors SQLite
 * keeps (no model needed) when it does not, and written back at quiet moments.
 */
final class IndexSnapshot {
    private static final Logger LOG = Logger.getLogger(IndexSnapshot.class.getName());

    /** A file that matched: how many vectors, and the change-feed position its metadata is current at. */
    record Loaded(int entries, long watermark) {
    }

    private final IndexStateStore states;
    private final Path dir;
    private final String model;
    private final VectorIndex index;
    private String reason = "";

    IndexSnapshot(IndexStateStore states, Path dir, String model, VectorIndex index) {
        this.states = states;
        this.dir = dir;
        this.model = model;
        this.index = index;
    }

    Path file() {
        return dir.resolve("vectors-" + model.replaceAll("[^A-Za-z0-9._-]", "_") + ".bin");
    }

    /** Why the last {@link #load} gave nothing. */
    String reason() {
        return reason;
    }

    /** Fills the index from the file when it matches SQLite; null (and a {@link #reason}) when it does not. */
    Loaded load() {
        Path file = file();
        if (!Files.exists(file)) {
            reason = "no index file; building from the library";
            return null;
        }
        long[] expected = states.expectedState(model);
        try {
            VectorIndexFile.Contents contents = VectorIndexFile.read(file);
            if (!contents.modelId().equals(model) || contents.dimension() != index.dimension()) {
                reason = "index file is for another model; rebuilding";
            } else if (contents.entries().size() != expected[0] || contents.generation() != expected[1]) {
                reason = "index file is stale; rebuilding";
            } else {
                index.upsert(contents.entries());
                return new Loaded(contents.entries().size(), contents.watermark());
            }
        } catch (VectorIndexFile.CorruptException e) {
            LOG.warning("vector index file is corrupt, rebuilding from the library: " + e.getMessage());
            reason = "index file corrupt; rebuilding";
        } catch (IOException e) {
            LOG.warning("vector index file unreadable, rebuilding from the library: " + e.getMessage());
            reason = "index file unreadable; rebuilding";
        }
        return null;
    }

    /** Empties the index and fills it with the vectors SQLite holds; returns how many. */
    int rebuild() {
        index.clear();
        Map<Long, Set<String>> shares = states.allShares();
        List<VectorEntry> entries = new ArrayList<>();
        for (IndexStateStore.IndexedVector v : states.indexedVectors(model)) {
            entries.add(new VectorEntry(v.skillId(), v.version(), EmbeddingRows.fromBytes(v.vector()),
                    EntryMeta.of(v.skillId(), v.namespace(), v.persona(), v.access(), v.owner(), shares)));
        }
        for (int i = 0; i < entries.size(); i += 1_000) {
            index.upsert(entries.subList(i, Math.min(entries.size(), i + 1_000)));
        }
        return entries.size();
    }

    /** Writes the file when the index holds what SQLite says is indexed; false when in flux (try later). */
    boolean persist(long watermark) {
        try {
            long[] expected = states.expectedState(model);
            List<VectorEntry> entries = ((LocalVectorIndex) index).entries();
            if (entries.size() != expected[0]) {
                return false; // in flux (another process is indexing); the next quiet moment will write it
            }
            VectorIndexFile.write(file(), model, index.dimension(), expected[1], watermark, entries);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not write the vector index file (it will be rebuilt next start)", e);
            return false;
        }
    }
}
