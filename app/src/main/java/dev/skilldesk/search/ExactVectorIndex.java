package dev.skilldesk.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-process index: all vectors in one contiguous array, scanned exactly with SIMD dot products,
 * the filter tested per row before its dot product (BENCHMARKS.md has its latency by library size);
 * exact recall by construction. Thread-safe: many searches at once, writes exclusive.
 */
public final class ExactVectorIndex implements LocalVectorIndex {
    private final String modelId;
    private final int dim;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Long, Integer> rowOf = new HashMap<>();
    private float[] data;
    private long[] ids;
    private int[] versions;
    private EntryMeta[] metas;
    private int size;

    public ExactVectorIndex(String modelId, int dimension) {
        this.modelId = modelId;
        this.dim = dimension;
        this.data = new float[dim * 64];
        this.ids = new long[64];
        this.versions = new int[64];
        this.metas = new EntryMeta[64];
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public void upsert(List<VectorEntry> entries) {
        lock.writeLock().lock();
        try {
            for (VectorEntry e : entries) {
                if (e.vector().length != dim) {
                    throw new IllegalArgumentException("vector of " + e.vector().length + " dimensions in a "
                            + dim + "-dimensional index (" + modelId + ")");
                }
                Integer row = rowOf.get(e.skillId());
                if (row == null) {
                    ensureCapacity(size + 1);
                    row = size++;
                    rowOf.put(e.skillId(), row);
                }
                System.arraycopy(e.vector(), 0, data, row * dim, dim);
                ids[row] = e.skillId();
                versions[row] = e.version();
                metas[row] = e.meta();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void updateMeta(long skillId, EntryMeta meta) {
        lock.writeLock().lock();
        try {
            Integer row = rowOf.get(skillId);
            if (row != null) {
                metas[row] = meta;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void remove(long skillId) {
        lock.writeLock().lock();
        try {
            Integer row = rowOf.remove(skillId);
            if (row == null) {
                return;
            }
            int last = --size;
            if (row != last) {
                System.arraycopy(data, last * dim, data, row * dim, dim);
                ids[row] = ids[last];
                versions[row] = versions[last];
                metas[row] = metas[last];
                rowOf.put(ids[row], row);
            }
            metas[last] = null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void clear() {
        lock.writeLock().lock();
        try {
            rowOf.clear();
            Arrays.fill(metas, null);
            size = 0;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<VectorHit> search(float[] query, int k, VectorFilter filter) {
        if (k <= 0) {
            return List.of();
        }
        lock.readLock().lock();
        try {
            // a bounded min-heap of (score, row), kept in two parallel arrays
            float[] heapScore = new float[k];
            int[] heapRow = new int[k];
            int heapSize = 0;
            for (int row = 0; row < size; row++) {
                if (filter != null && !filter.test(metas[row])) {
                    continue;
                }
                float s = VectorMath.dot(query, data, row * dim, dim);
                if (heapSize < k) {
                    heapScore[heapSize] = s;
                    heapRow[heapSize] = row;
                    siftUp(heapScore, heapRow, heapSize++);
                } else if (s > heapScore[0]) {
                    heapScore[0] = s;
                    heapRow[0] = row;
                    siftDown(heapScore, heapRow, heapSize);
                }
            }
            List<VectorHit> out = new ArrayList<>(heapSize);
            for (int i = 0; i < heapSize; i++) {
                out.add(new VectorHit(ids[heapRow[i]], heapScore[i]));
            }
            out.sort((a, b) -> Float.compare(b.score(), a.score()));
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    private static void siftUp(float[] s, int[] r, int i) {
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (s[p] <= s[i]) {
                return;
            }
            swap(s, r, p, i);
            i = p;
        }
    }

    private static void siftDown(float[] s, int[] r, int n) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int m = i;
            if (l < n && s[l] < s[m]) {
                m = l;
            }
            if (l + 1 < n && s[l + 1] < s[m]) {
                m = l + 1;
            }
            if (m == i) {
                return;
            }
            swap(s, r, i, m);
            i = m;
        }
    }

    private static void swap(float[] s, int[] r, int a, int b) {
        float ts = s[a];
        s[a] = s[b];
        s[b] = ts;
        int tr = r[a];
        r[a] = r[b];
        r[b] = tr;
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The filter metadata held for a skill, or null. */
    public EntryMeta metaOf(long skillId) {
        lock.readLock().lock();
        try {
            Integer row = rowOf.get(skillId);
            return row == null ? null : metas[row];
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Exact search restricted to the given skills (the graph index's not-yet-in-the-graph delta). */
    public List<VectorHit> searchAmong(java.util.Collection<Long> skillIds, float[] query, int k, VectorFilter filter) {
        lock.readLock().lock();
        try {
            List<VectorHit> out = new ArrayList<>();
            for (long id : skillIds) {
                Integer row = rowOf.get(id);
                if (row == null || (filter != null && !filter.test(metas[row]))) {
                    continue;
                }
                out.add(new VectorHit(id, VectorMath.dot(query, data, row * dim, dim)));
            }
            out.sort((a, b) -> Float.compare(b.score(), a.score()));
            return out.size() > k ? new ArrayList<>(out.subList(0, k)) : out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A copy of every entry, for persisting and for handing to another index. */
    @Override
    public List<VectorEntry> entries() {
        lock.readLock().lock();
        try {
            List<VectorEntry> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                out.add(new VectorEntry(ids[i], versions[i], Arrays.copyOfRange(data, i * dim, (i + 1) * dim), metas[i]));
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The version whose vector is held for a skill, or 0. */
    public int versionOf(long skillId) {
        lock.readLock().lock();
        try {
            Integer row = rowOf.get(skillId);
            return row == null ? 0 : versions[row];
        } finally {
            lock.readLock().unlock();
        }
    }

    private void ensureCapacity(int n) {
        if (n <= ids.length) {
            return;
        }
        int cap = Math.max(n, ids.length * 2);
        data = Arrays.copyOf(data, cap * dim);
        ids = Arrays.copyOf(ids, cap);
        versions = Arrays.copyOf(versions, cap);
        metas = Arrays.copyOf(metas, cap);
    }

    @Override
    public void close() {
        // nothing held outside the heap
    }
}
