package dev.skilldesk.library;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Unpacks a {@code .skill}/{@code .zip} package into an empty folder. The archive is read once, by a real
 * zip reader (Apache Commons Compress: the central directory it finds, zip64 included, is the one whose
 * names, types and data are used), and every entry is judged before anything is written: the whole package
 * is refused at the first entry whose name breaks the file-name rule ({@link FileNames}), would escape the
 * folder, is a link or another special file, is the same file as another entry once its name is
 * normalized ({@code x/./SKILL.md}, {@code x//SKILL.md}), or pushes the archive past its caps (entries,
 * total bytes, compression ratio). Sizes are counted while reading, not taken from the headers.
 */
public final class SafeZip {
    public static final int MAX_ENTRIES = 2_000;
    public static final long MAX_TOTAL_BYTES = 100L * 1024 * 1024;
    public static final long MAX_ENTRY_BYTES = 20L * 1024 * 1024;
    public static final int MAX_RATIO = 100;
    private static final long RATIO_FLOOR = 1024 * 1024; // small entries may compress as well as they like
    private static final int S_IFMT = 0xF000;
    private static final int S_IFREG = 0x8000;
    private static final int S_IFDIR = 0x4000;
    private static final int S_IFLNK = 0xA000;

    private SafeZip() {
    }

    public static void extract(Path zip, Path target) throws IOException {
        String label = zip.getFileName().toString();
        Path root = target.toAbsolutePath().normalize();
        try (ZipFile zf = ZipFile.builder().setPath(zip).setUseUnicodeExtraFields(false).get()) {
            List<ZipArchiveEntry> entries = Collections.list(zf.getEntries());
            if (entries.size() > MAX_ENTRIES) {
                throw refused(label, null, "it has " + entries.size() + " entries; the limit is " + MAX_ENTRIES);
            }
            // judge every entry before writing any
            Map<String, String> seen = new HashMap<>();
            List<String> files = new ArrayList<>();
            List<String> paths = new ArrayList<>(entries.size());
            for (ZipArchiveEntry e : entries) {
                String name = e.getName();
                checkRaw(label, name);
                checkType(label, e);
                String path = FileNames.normalizeEntry(name);
                if (path.isEmpty()) {
                    throw refused(label, name, "the entry has no usable name (rule: " + FileNames.RULE_NAME + ")");
                }
                String why = FileNames.pathProblem(path);
                if (why != null) {
                    throw refused(label, name, why);
                }
                String other = seen.putIfAbsent(FileNames.sameFileKey(path), name);
                if (other != null) {
                    throw refused(label, name, other.equals(name) ? "the entry appears twice (rule: " + FileNames.RULE_DUPLICATE + ")"
                            : "the same file as entry '" + FileNames.printable(other) + "' (rule: " + FileNames.RULE_DUPLICATE + ")");
                }
                Path out = root.resolve(path).normalize();
                if (!out.startsWith(root) || out.equals(root)) {
                    throw refused(label, name, "it would be written outside the target folder (rule: " + FileNames.RULE_ESCAPE + ")");
                }
                if (!e.isDirectory()) {
                    files.add(path);
                }
                paths.add(path);
            }
            String clash = FileNames.firstProblem(files.stream().filter(p -> !p.equals("SKILL.md")).toList());
            if (clash != null && !clash.contains("may not be named as the skill")) {
                throw refused(label, null, clash);
            }
            long total = 0;
            for (int i = 0; i < entries.size(); i++) {
                ZipArchiveEntry e = entries.get(i);
                Path out = root.resolve(paths.get(i)).normalize();
                if (e.isDirectory()) {
                    createDirectories(root, out);
                    continue;
                }
                createDirectories(root, out.getParent());
                total = copy(zf, e, out, label, total);
            }
        } catch (IOException e) {
            if (e instanceof java.nio.file.FileSystemException) {
                throw e;
            }
            throw new PackageRefusedException("package " + label + " refused: not a readable zip archive ("
                    + e.getMessage() + ")");
        }
    }

    private static long copy(ZipFile zf, ZipArchiveEntry e, Path out, String label, long total) throws IOException {
        if (!zf.canReadEntryData(e)) {
            throw refused(label, e.getName(), "its data cannot be read (encrypted, or an unsupported compression method)");
        }
        long written = 0;
        long compressed = Math.max(1, e.getCompressedSize());
        try (InputStream in = zf.getInputStream(e);
             OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                     LinkOption.NOFOLLOW_LINKS)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                written += n;
                total += n;
                if (written > MAX_ENTRY_BYTES) {
                    throw refused(label, e.getName(), "it unpacks to more than " + MAX_ENTRY_BYTES + " bytes (rule: "
                            + FileNames.RULE_TOO_LARGE + ")");
                }
                if (total > MAX_TOTAL_BYTES) {
                    throw refused(label, e.getName(), "the package unpacks to more than " + MAX_TOTAL_BYTES + " bytes (rule: "
                            + FileNames.RULE_TOO_LARGE + ")");
                }
                if (written > RATIO_FLOOR && written / compressed > MAX_RATIO) {
                    throw refused(label, e.getName(), "its compression ratio exceeds " + MAX_RATIO + ":1 (a zip bomb?)");
                }
                os.write(buf, 0, n);
            }
        }
        return total;
    }

    /** Creates the folders from {@code root} down to {@code dir}, never through a link ({@link WriteRoot}'s rule). */
    private static void createDirectories(Path root, Path dir) throws IOException {
        try {
            WriteRoot.of(root).createDirectories(dir);
        } catch (WriteRoot.UnsafePathException e) {
            throw new PackageRefusedException(e.path() + ": a link inside the unpacked package (rule: " + e.rule() + ")");
        }
    }

    private static void checkRaw(String label, String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
            throw refused(label, name, "the entry has no usable name (rule: " + FileNames.RULE_NAME + ")");
        }
        if (name.startsWith("/")) {
            throw refused(label, name, "absolute paths are not allowed (rule: " + FileNames.RULE_ESCAPE + ")");
        }
        // the rest ('\\', control characters, '..', drive letters) is FileNames.pathProblem's, after normalizing;
        // a leading '/' is checked here because normalizing drops it
    }

    /** Only files and folders: links, FIFOs and devices (by their Unix mode) are refused. */
    private static void checkType(String label, ZipArchiveEntry e) {
        if (e.isUnixSymlink()) {
            throw refused(label, e.getName(), "links are not allowed in a package (rule: " + FileNames.RULE_LINK + ")");
        }
        int type = e.getUnixMode() & S_IFMT;
        if (type == S_IFLNK) {
            throw refused(label, e.getName(), "links are not allowed in a package (rule: " + FileNames.RULE_LINK + ")");
        }
        if (type != 0 && type != S_IFREG && type != S_IFDIR) {
            throw refused(label, e.getName(), "not a file or a folder (Unix type " + Integer.toOctalString(type)
                    + ") (rule: " + FileNames.RULE_NOT_REGULAR + ")");
        }
    }

    private static PackageRefusedException refused(String label, String entry, String why) {
        return new PackageRefusedException("package " + label + " refused"
                + (entry != null ? " at entry '" + FileNames.printable(entry) + "'" : "") + ": " + why);
    }
}
