package dev.skilldesk.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks a {@code .skill}/{@code .zip} package into an empty folder, refusing the whole package at the
 * first entry that would escape it (zip slip, absolute paths), is a link, repeats a name, or pushes the
 * archive past its caps (entries, total bytes, compression ratio). Sizes are counted while reading, not
 * taken from the headers.
 */
public final class SafeZip {
    public static final int MAX_ENTRIES = 2_000;
    public static final long MAX_TOTAL_BYTES = 100L * 1024 * 1024;
    public static final long MAX_ENTRY_BYTES = 20L * 1024 * 1024;
    public static final int MAX_RATIO = 100;
    private static final long RATIO_FLOOR = 1024 * 1024; // small entries may compress as well as they like

    private SafeZip() {
    }

    public static void extract(Path zip, Path target) throws IOException {
        String label = zip.getFileName().toString();
        Path root = target.toAbsolutePath().normalize();
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            if (zf.size() > MAX_ENTRIES) {
                throw refused(label, null, "it has " + zf.size() + " entries; the limit is " + MAX_ENTRIES);
            }
            Set<String> links = linkEntries(zip);
            Set<String> seen = new HashSet<>();
            long total = 0;
            var entries = zf.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                checkName(label, name);
                if (!seen.add(name)) {
                    throw refused(label, name, "the entry appears twice");
                }
                if (links.contains(name)) {
                    throw refused(label, name, "links are not allowed in a package");
                }
                Path out = root.resolve(name).normalize();
                if (!out.startsWith(root)) {
                    throw refused(label, name, "it would be written outside the target folder");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                long written = 0;
                try (InputStream in = zf.getInputStream(e); OutputStream os = Files.newOutputStream(out)) {
                    byte[] buf = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        written += n;
                        total += n;
                        if (written > MAX_ENTRY_BYTES) {
                            throw refused(label, name, "it unpacks to more than " + MAX_ENTRY_BYTES + " bytes");
                        }
                        if (total > MAX_TOTAL_BYTES) {
                            throw refused(label, name, "the package unpacks to more than " + MAX_TOTAL_BYTES + " bytes");
                        }
                        long compressed = Math.max(1, e.getCompressedSize());
                        if (written > RATIO_FLOOR && written / compressed > MAX_RATIO) {
                            throw refused(label, name, "its compression ratio exceeds " + MAX_RATIO
                                    + ":1 (a zip bomb?)");
                        }
                        os.write(buf, 0, n);
                    }
                }
            }
        }
    }

    private static void checkName(String label, String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw refused(label, name, "the entry has no usable name");
        }
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            throw refused(label, name, "absolute paths are not allowed");
        }
        for (String part : name.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw refused(label, name, "'..' would climb out of the package");
            }
        }
    }

    /**
     * Names of entries whose Unix mode (upper half of the central directory's external attributes,
     * which java.util.zip does not expose) says "symbolic link".
     */
    static Set<String> linkEntries(Path zip) throws IOException {
        Set<String> links = new HashSet<>();
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = ch.size();
            int tail = (int) Math.min(size, 22 + 65_535);
            ByteBuffer end = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(end, size - tail);
            int eocd = -1;
            for (int i = tail - 22; i >= 0; i--) {
                if (end.getInt(i) == 0x06054b50) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                return links;
            }
            long cdSize = end.getInt(eocd + 12) & 0xffffffffL;
            long cdOffset = end.getInt(eocd + 16) & 0xffffffffL;
            if (cdSize > 64L * 1024 * 1024 || cdOffset + cdSize > size) {
                return links;
            }
            ByteBuffer cd = ByteBuffer.allocate((int) cdSize).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(cd, cdOffset);
            int p = 0;
            while (p + 46 <= cdSize && cd.getInt(p) == 0x02014b50) {
                int madeBy = (cd.getShort(p + 4) & 0xffff) >> 8;
                int nameLen = cd.getShort(p + 28) & 0xffff;
                int extraLen = cd.getShort(p + 30) & 0xffff;
                int commentLen = cd.getShort(p + 32) & 0xffff;
                int external = cd.getInt(p + 38);
                if (p + 46 + nameLen > cdSize) {
                    break;
                }
                byte[] name = new byte[nameLen];
                cd.get(p + 46, name);
                int mode = (external >>> 16) & 0xF000;
                if (madeBy == 3 && mode == 0xA000) { // 3 = Unix
                    links.add(new String(name, StandardCharsets.UTF_8));
                }
                p += 46 + nameLen + extraLen + commentLen;
            }
        }
        return links;
    }

    private static PackageRefusedException refused(String label, String entry, String why) {
        return new PackageRefusedException("package " + label + " refused"
                + (entry != null ? " at entry '" + entry + "'" : "") + ": " + why);
    }
}
