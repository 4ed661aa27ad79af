package dev.skilldesk.search;

import dev.skilldesk.skill.AccessLevel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The in-process index on disk: a header (magic, format, model, dimension, the index generation it
 * reflects, the skills-changed watermark of its filter metadata, count), the entries, and a CRC32 of all of it. Written to a temp file and renamed, so a
 * crash leaves the old file or the new one. Anything unreadable is reported as corrupt and rebuilt.
 */
public final class VectorIndexFile {
    private static final int MAGIC = 0x53445658; // "SDVX"
    private static final int FORMAT = 1;

    /** What was read back. */
    public record Contents(String modelId, int dimension, long generation, long watermark, List<VectorEntry> entries) {
    }

    /** The file exists but cannot be trusted. */
    public static final class CorruptException extends IOException {
        CorruptException(String message) {
            super(message);
        }
    }

    private VectorIndexFile() {
    }

    public static void write(Path file, String modelId, int dim, long generation, long watermark,
                             List<VectorEntry> entries)
            throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        CRC32 crc = new CRC32();
        try (OutputStream os = Files.newOutputStream(tmp);
             CheckedOutputStream cos = new CheckedOutputStream(new BufferedOutputStream(os, 1 << 16), crc);
             DataOutputStream out = new DataOutputStream(cos)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(modelId);
            out.writeInt(dim);
            out.writeLong(generation);
            out.writeLong(watermark);
            out.writeInt(entries.size());
            for (VectorEntry e : entries) {
                out.writeLong(e.skillId());
                out.writeInt(e.version());
                EntryMeta m = e.meta();
                out.writeUTF(m.namespace());
                out.writeUTF(m.persona() == null ? "" : m.persona());
                out.writeByte(m.access().ordinal());
                out.writeUTF(m.owner());
                out.writeBoolean(m.deleted());
                out.writeInt(m.sharedWith().size());
                for (String s : m.sharedWith()) {
                    out.writeUTF(s);
                }
                for (float f : e.vector()) {
                    out.writeFloat(f);
                }
            }
            out.flush();
            long sum = crc.getValue();
            new DataOutputStream(os).writeLong(sum); // the checksum itself is outside the checked stream
            os.flush();
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static Contents read(Path file) throws IOException {
        long size = Files.size(file);
        CRC32 crc = new CRC32();
        try (InputStream is = Files.newInputStream(file)) {
            BufferedInputStream buffered = new BufferedInputStream(is, 1 << 16);
            // read everything but the trailing 8-byte checksum through the CRC
            if (size < 8) {
                throw new CorruptException(file + " is truncated (" + size + " bytes)");
            }
            InputStream body = new java.io.FilterInputStream(buffered) {
                long left = size - 8;

                @Override
                public int read() throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int b = super.read();
                    if (b >= 0) {
                        left--;
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(b, off, (int) Math.min(len, left));
                    if (n > 0) {
                        left -= n;
                    }
                    return n;
                }
            };
            DataInputStream in = new DataInputStream(new CheckedInputStream(body, crc));
            try {
                if (in.readInt() != MAGIC) {
                    throw new CorruptException(file + " is not a SkillDesk vector index");
                }
                int format = in.readInt();
                if (format != FORMAT) {
                    throw new CorruptException(file + " has format " + format + ", expected " + FORMAT);
                }
                String model = in.readUTF();
                int dim = in.readInt();
                long generation = in.readLong();
                long watermark = in.readLong();
                int count = in.readInt();
                if (dim <= 0 || dim > 16_384 || count < 0 || (long) count * dim * 4 > size) {
                    throw new CorruptException(file + " has an impossible header (dim " + dim + ", count " + count + ")");
                }
                List<VectorEntry> entries = new ArrayList<>(count);
                AccessLevel[] levels = AccessLevel.values();
                for (int i = 0; i < count; i++) {
                    long id = in.readLong();
                    int version = in.readInt();
                    String ns = in.readUTF();
                    String persona = in.readUTF();
                    int access = in.readByte();
                    String owner = in.readUTF();
                    boolean deleted = in.readBoolean();
                    int shares = in.readInt();
                    if (access < 0 || access >= levels.length || shares < 0 || shares > 100_000) {
                        throw new CorruptException(file + ": entry " + i + " is garbled");
                    }
                    Set<String> shared = new HashSet<>();
                    for (int s = 0; s < shares; s++) {
                        shared.add(in.readUTF());
                    }
                    float[] v = new float[dim];
                    for (int d = 0; d < dim; d++) {
                        v[d] = in.readFloat();
                    }
                    entries.add(new VectorEntry(id, version, v, new EntryMeta(ns, persona.isEmpty() ? null : persona,
                            levels[access], owner, deleted, shared)));
                }
                long expected = crc.getValue();
                long stored = new DataInputStream(buffered).readLong();
                if (expected != stored) {
                    throw new CorruptException(file + " fails its checksum");
                }
                return new Contents(model, dim, generation, watermark, entries);
            } catch (EOFException e) {
                throw new CorruptException(file + " is truncated");
            }
        }
    }
}
