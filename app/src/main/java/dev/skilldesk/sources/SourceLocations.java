package dev.skilldesk.sources;

import dev.skilldesk.library.ContentHash;
import dev.skilldesk.library.FileNames;
import dev.skilldesk.library.FileTrees;
import dev.skilldesk.library.SkillDraft;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What a source's location, sub-path and name are made of, and the small words every part of the sources uses. */
final class SourceLocations {
    private SourceLocations() {
    }

    /** The hash a skill's files have (SKILL.md and the others): how upstream and the library are compared. */
    static String hash(SkillDraft d) {
        return ContentHash.of(d.content(), d.files());
    }

    static String shortCommit(String c) {
        return c == null ? "" : c.length() > 12 ? c.substring(0, 12) : c;
    }

    static String lastSegment(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** A sub-path as given ("skills/", "./x"), made relative and checked by the path rules; null for the whole source. */
    static String cleanSubpath(String subpath) {
        if (subpath == null || subpath.isBlank() || subpath.strip().equals(".") || subpath.strip().equals("/")) {
            return null;
        }
        String p = subpath.strip().replace('\\', '/').replaceAll("^/+|/+$", "");
        String problem = FileNames.pathProblem(p);
        if (problem != null) {
            throw new IllegalArgumentException("--path '" + subpath + "': " + problem);
        }
        return p;
    }

    /** The location as a local path, or null for a URL (git). */
    static Path localPath(String location) {
        if (location.startsWith("file:")) {
            return null; // a URL: git
        }
        if (looksLikeGit(location) && !Files.exists(Path.of(location))) {
            return null;
        }
        try {
            return Path.of(location);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static boolean looksLikeGit(String location) {
        String l = location.strip();
        return l.contains("://") || l.matches("^[\\w.-]+@[\\w.-]+:.+") || l.endsWith(".git");
    }

    /** The location as {@code add} stores it: an absolute path, a local repository's URI, or the URL as given. */
    static String normalizeLocation(String location) {
        Path local = localPath(location);
        if (local != null && Files.exists(local)) {
            Path abs = local.toAbsolutePath().normalize();
            return Files.isDirectory(abs) && (Files.exists(abs.resolve("HEAD")) || Files.isDirectory(abs.resolve(".git")))
                    ? abs.toUri().toString() : abs.toString();
        }
        return location.strip();
    }

    /** A short name for a source from its location: the last segment, lowercase, never a Windows device's name. */
    static String shortNameOf(String where) {
        String w = where.replaceAll("/+$", "");
        String last = w.substring(Math.max(w.lastIndexOf('/'), w.lastIndexOf(':')) + 1);
        last = last.replaceFirst("(?i)\\.(git|skill|zip)$", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("^[-.]+|[-.]+$", "");
        if (!last.isEmpty() && dev.skilldesk.skill.WindowsNames.problem(last + ".git") != null) {
            last = last + "-source"; // "aux.git" would name a device on Windows: the clone's folder is named after it
        }
        return last.isEmpty() ? "source" : last;
    }

    /** The message of a failure, or of its first cause that has one. */
    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** Deletes a temporary folder of the sources' own (links inside removed, never followed). */
    static void deleteTree(Path p) {
        FileTrees.deleteQuietly(p);
    }
}
