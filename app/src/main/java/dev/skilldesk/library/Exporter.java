package dev.skilldesk.library;

import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillFile;
import dev.skilldesk.skill.SkillVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /** Exports into {@code parent/<name>/}; refuses to overwrite an existing folder. Returns the folder. */
    public Path exportFolder(Principal who, String namespace, String name, int version, Path parent)
            throws IOException {
        SkillVersion v = resolve(who, namespace, name, version);
        List<SkillFile> files = library.files(who, namespace, name, v.version());
        Path dir = parent.resolve(name).toAbsolutePath().normalize();
        if (Files.exists(dir) && !isEmptyDir(dir)) {
            throw new IOException(dir + " already exists and is not empty; export elsewhere or remove it");
        }
        Files.createDirectories(dir);
        Files.write(dir.resolve("SKILL.md"), v.content().getBytes(StandardCharsets.UTF_8));
        for (SkillFile f : files) {
            Path out = dir.resolve(f.path()).normalize();
            if (!out.startsWith(dir)) {
                throw new IOException("stored path '" + f.path() + "' would leave " + dir + "; not written");
            }
            Files.createDirectories(out.getParent());
            Files.write(out, f.bytes());
        }
        return dir;
    }

    /** Exports as a zip package at {@code target} (written to a temp file, then moved into place). */
    public Path exportPackage(Principal who, String namespace, String name, int version, Path target)
            throws IOException {
        SkillVersion v = resolve(who, namespace, name, version);
        List<SkillFile> files = library.files(who, namespace, name, v.version());
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
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

    private SkillVersion resolve(Principal who, String namespace, String name, int version) {
        return library.version(who, namespace, name, version).orElseThrow(() -> new SkillNotFoundException(
                "'" + namespace + "/" + name + "' has no version " + version));
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
