package dev.skilldesk.library;

import dev.skilldesk.skill.Printable;
import dev.skilldesk.skill.WindowsNames;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one rule for the relative paths of a skill's files, wherever they come from (a folder, a package, the
 * editor) and wherever they go (the store, a folder export, a package export, an install). A path is
 * '/'-separated; each part is a real name: not empty, not '.' or '..', without '\' or a control character
 * (newlines included), at most 255 bytes. What import refuses, export never writes.
 */
public final class FileNames {
    /** A name with a character that is not allowed ('\', a control or line-separator character). */
    public static final String RULE_NAME = "files.name";
    /** A path that would climb out of its folder, or start at the root. */
    public static final String RULE_ESCAPE = "files.path-escape";
    /** Two files that would land on the same path. */
    public static final String RULE_DUPLICATE = "files.duplicate";
    /** A symbolic link. */
    public static final String RULE_LINK = "files.link";
    /** A FIFO, socket or device: not a file whose bytes can be stored. */
    public static final String RULE_NOT_REGULAR = "files.not-regular";
    /** A name Windows reserves for a device, or cannot keep ({@link dev.skilldesk.skill.WindowsNames}). */
    public static final String RULE_RESERVED = "files.reserved-name";
    /** A file or skill over a size limit. */
    public static final String RULE_TOO_LARGE = "files.too-large";

    static final int MAX_NAME_BYTES = 255;
    static final int MAX_PATH_CHARS = 1024;

    private FileNames() {
    }

    /** Why {@code name} cannot be one part of a path (a file or folder name), or null when it can. */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "an empty name (rule: " + RULE_NAME + ")";
        }
        if (name.equals(".") || name.equals("..")) {
            return "'" + name + "' is not a name (rule: " + RULE_ESCAPE + ")";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\') {
                return "the name contains '\\' (rule: " + RULE_NAME + ")";
            }
            if (c == '/') {
                return "the name contains '/' (rule: " + RULE_NAME + ")";
            }
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return String.format("the name contains the control character U+%04X (rule: %s)", (int) c, RULE_NAME);
            }
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            return "the name is longer than " + MAX_NAME_BYTES + " bytes (rule: " + RULE_NAME + ")";
        }
        String windows = WindowsNames.problem(name);
        if (windows != null) {
            return windows + " (rule: " + RULE_RESERVED + ")";
        }
        return null;
    }

    /**
     * {@code parent/name} for a name that comes from input (a skill name, a package's base name): refused
     * unless it is one plain name and the result stays directly inside {@code parent}.
     *
     * @throws IllegalArgumentException naming the name and the rule
     */
    public static Path child(Path parent, String name) {
        String why = nameProblem(name);
        if (why != null) {
            throw new IllegalArgumentException("'" + printable(String.valueOf(name)) + "': " + why);
        }
        Path base = parent.toAbsolutePath().normalize();
        Path out = base.resolve(name).normalize();
        if (!base.equals(out.getParent())) {
            throw new IllegalArgumentException("'" + printable(name) + "' would leave " + base + " (rule: " + RULE_ESCAPE + ")");
        }
        return out;
    }

    /** Why {@code path} cannot be the relative path of a skill's file, or null when it can. */
    public static String pathProblem(String path) {
        if (path == null || path.isEmpty()) {
            return "an empty path (rule: " + RULE_NAME + ")";
        }
        if (path.length() > MAX_PATH_CHARS) {
            return "the path is longer than " + MAX_PATH_CHARS + " characters (rule: " + RULE_NAME + ")";
        }
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
            return "an absolute path (rule: " + RULE_ESCAPE + ")";
        }
        for (String part : path.split("/", -1)) {
            String p = nameProblem(part);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /**
     * A package entry's name as a relative path: empty and '.' parts dropped (so {@code x/./SKILL.md} and
     * {@code x//SKILL.md} are {@code x/SKILL.md}); a trailing '/' (a folder entry) dropped. '..' and every
     * other part are kept for {@link #pathProblem} to judge.
     */
    public static String normalizeEntry(String entry) {
        StringBuilder out = new StringBuilder();
        for (String part : entry.split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        return out.toString();
    }

    /** The key under which two paths count as the same file (Unicode NFC, as macOS stores names). */
    public static String sameFileKey(String path) {
        return Normalizer.normalize(path, Normalizer.Form.NFC);
    }

    /**
     * The first problem among a skill's file paths (a bad path, two paths that are the same file, or a file
     * named SKILL.md at the top, which is the skill itself), as "PATH: why"; null when all are fine.
     */
    public static String firstProblem(List<String> paths) {
        Map<String, String> seen = new HashMap<>();
        for (String p : paths) {
            String why = pathProblem(p);
            if (why != null) {
                return "'" + printable(p) + "': " + why;
            }
            if (p.equals("SKILL.md")) {
                return "'SKILL.md': a resource file may not be named as the skill itself (rule: " + RULE_DUPLICATE + ")";
            }
            String other = seen.putIfAbsent(sameFileKey(p), p);
            if (other != null) {
                return "'" + printable(p) + "': the same file as '" + printable(other) + "' (rule: " + RULE_DUPLICATE + ")";
            }
        }
        // a file may not also be a folder of another file ("a" and "a/b")
        for (String p : paths) {
            int slash = p.indexOf('/');
            while (slash > 0) {
                String prefix = sameFileKey(p.substring(0, slash));
                if (seen.containsKey(prefix)) {
                    return "'" + printable(p) + "': '" + printable(seen.get(prefix)) + "' is a file, not a folder (rule: "
                            + RULE_DUPLICATE + ")";
                }
                slash = p.indexOf('/', slash + 1);
            }
        }
        return null;
    }

    /** The name with control and bidirectional characters shown as \\uXXXX, for messages that stay on one line. */
    public static String printable(String s) {
        return Printable.line(s);
    }
}
