package dev.skilldesk.library;

import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillFile;
import dev.skilldesk.skill.SkillVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a version of a skill back out, as a folder {@code <dir>/<name>/} or as a {@code .skill} zip whose
 * entries sit under {@code <name>/}. The bytes are those that were imported.
 */
public final class Exporter {
    private final SkillLibrary library;

    public Exporter(SkillLibrary library) {
        this.library = library;
    }

    /**
     * Exports into {@code parent/<name>/}; refuses to overwrite an existing folder, to write through a link
     * anywhere below {@code parent}, and to write any stored path that import would refuse (all checked before
     * anything is written). Returns the folder.
     */
    public Path exportFolder(Principal who, String namespace, String name, int version, Path parent)
            throws IOException {
        return exportFolder(who, namespace, name, version, WriteRoot.of(parent), parent);
    }

    /**
     * As {@link #exportFolder(Principal, String, String, int, Path)}, into {@code parent} inside {@code root}: no
     * folder from {@code root} down to the last file written may be a link ({@link WriteRoot}).
     */
    public Path exportFolder(Principal who, String namespace, String name, int version, WriteRoot root, Path parent)
            throws IOException {
        SkillVersion v = resolve(who, namespace, name, version);
        List<SkillFile> files = library.files(who, namespace, name, v.version());
        checkPaths(namespace, name, files);
        Path dir = root.check(FileNames.child(parent, name));
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !isEmptyDir(dir)) {
            throw new IOException(dir + " already exists and is not empty; export elsewhere or remove it");
        }
        root.createDirectories(dir);
        root.writeNew(dir.resolve("SKILL.md"), v.content().getBytes(StandardCharsets.UTF_8));
        for (SkillFile f : files) {
            Path out = dir.resolve(f.path()).normalize();
            if (!out.startsWith(dir)) {
                throw new IOException("stored path '" + FileNames.printable(f.path()) + "' would leave " + dir + "; not written");
            }
            root.writeNew(out, f.bytes());
        }
        return dir;
    }

    /**
     * Exports as a zip package at {@code target} (written to a temp file, then moved into place); refuses a
     * link at {@code target} and any stored path that import would refuse.
     */
    public Path exportPackage(Principal who, String namespace, String name, int version, Path target)
            throws IOException {
        SkillVersion v = resolve(who, namespace, name, version);
        List<SkillFile> files = library.files(who, namespace, name, v.version());
        checkPaths(namespace, name, files);
        String why = FileNames.nameProblem(name);
        if (why != null) {
            throw new IOException("'" + FileNames.printable(name) + "': " + why + "; not exported");
        }
        Path abs = target.toAbsolutePath().normalize();
        WriteRoot root = WriteRoot.of(abs.getParent());
        root.check(abs);
        root.createDirectories(abs.getParent());
        Path tmp = Files.createTempFile(abs.getParent(), ".export-", ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
                zip.putNextEntry(new ZipEntry(name + "/SKILL.md"));
                zip.write(v.content().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                for (SkillFile f : files) {
                    zip.putNextEntry(new ZipEntry(name + "/" + f.path()));
                    zip.write(f.bytes());
                    zip.closeEntry();
                }
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return abs;
    }

    /** Stored paths from before the file-name rule (or written around it) are refused here, not written. */
    private static void checkPaths(String namespace, String name, List<SkillFile> files) throws IOException {
        String problem = FileNames.firstProblem(files.stream().map(SkillFile::path).toList());
        if (problem != null) {
            throw new IOException(namespace + "/" + name + ": stored file " + problem
                    + "; nothing was exported (import would refuse it)");
        }
    }

    private SkillVersion resolve(Principal who, String namespace, String name, int version) {
        return library.version(who, namespace, name, version).orElseThrow(() -> new SkillNotFoundException(
                "'" + namespace + "/" + name + "' has no version " + version));
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
