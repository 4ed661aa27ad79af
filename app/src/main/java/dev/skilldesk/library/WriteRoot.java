package dev.skilldesk.library;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * "May I write here": the one rule for every place SkillDesk writes or deletes (install, profile apply, sync,
 * export, publish, source clones, unpacked packages, the data directory). A write has a root, the folder SkillDesk
 * was given or owns (an agent's skills folder, a project, an export folder, a publish clone, the data directory),
 * and a target inside it. No component after the root, down to the target, may be a link (or a junction, a FIFO, a
 * device), every one but the target must be a folder, and the target may not resolve outside the root. The root
 * itself is the user's choice and may be reached through links. A refusal is an {@link UnsafePathException} that
 * names the path and the rule.
 *
 * <p>Writes go through a temporary sibling and a rename, so that a hard link at the target is replaced, never
 * written through; deletes never follow a link.
 */
public final class WriteRoot {
    /** A write refused by the rule: {@link #path()} is the component that broke it. */
    public static final class UnsafePathException extends IOException {
        private final Path path;
        private final String rule;

        UnsafePathException(Path path, String rule, String why) {
            super(path + ": " + why + " (rule: " + rule + ")");
            this.path = path;
            this.rule = rule;
        }

        public Path path() {
            return path;
        }

        public String rule() {
            return rule;
        }
    }

    private final Path root;

    private WriteRoot(Path root) {
        this.root = root;
    }

    /** The root {@code root} (made absolute and normalized; it need not exist yet). */
    public static WriteRoot of(Path root) {
        return new WriteRoot(root.toAbsolutePath().normalize());
    }

    public Path root() {
        return root;
    }

    /** {@code target} (relative to the root when relative) after the rule's check; see the class comment. */
    public Path check(Path target) throws UnsafePathException {
        Path t = target.isAbsolute() ? target.normalize() : root.resolve(target).normalize();
        if (!t.startsWith(root)) {
            throw new UnsafePathException(t, FileNames.RULE_ESCAPE, "outside " + root + ", where this write belongs;"
                    + " SkillDesk writes nothing there");
        }
        Path at = root;
        for (Path part : root.relativize(t)) {
            if (part.toString().isEmpty()) {
                continue; // the root itself
            }
            at = at.resolve(part);
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(at, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException missing) {
                break; // the rest does not exist yet: it will be made as folders, not followed
            } catch (IOException e) {
                throw new UnsafePathException(at, FileNames.RULE_NOT_REGULAR, "cannot be read (" + e.getMessage() + ")");
            }
            if (a.isSymbolicLink()) {
                throw new UnsafePathException(at, FileNames.RULE_LINK, "is a link (a symbolic link), inside " + root
                        + "; SkillDesk does not write or delete through links");
            }
            if (a.isOther()) {
                throw new UnsafePathException(at, FileNames.RULE_NOT_REGULAR, "is not a file or a folder (a junction,"
                        + " FIFO or device); SkillDesk does not write there");
            }
            if (!at.equals(t) && !a.isDirectory()) {
                throw new UnsafePathException(at, FileNames.RULE_NOT_REGULAR, "is a file where a folder belongs");
            }
        }
        return t;
    }

    /** Whether {@code target} passes the rule (nothing is created). */
    public boolean allows(Path target) {
        try {
            check(target);
            return true;
        } catch (UnsafePathException e) {
            return false;
        }
    }

    /** Makes the folders from the root down to {@code dir}, one at a time, never through a link. Returns {@code dir}. */
    public Path createDirectories(Path dir) throws IOException {
        Path t = check(dir);
        if (Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS)) {
            return t; // every component was just checked
        }
        Files.createDirectories(root);
        Path at = root;
        for (Path part : root.relativize(t)) {
            if (part.toString().isEmpty()) {
                continue;
            }
            at = at.resolve(part);
            try {
                Files.createDirectory(at);
            } catch (FileAlreadyExistsException exists) {
                if (!Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
                    check(at); // a link or a file appeared there: say which
                    throw new UnsafePathException(at, FileNames.RULE_NOT_REGULAR, "is not a folder");
                }
            }
        }
        return t;
    }

    /**
     * Writes {@code bytes} to {@code file} (replacing a file there) through a temporary sibling and a rename, so a
     * link or a hard link at {@code file} is never written through.
     */
    public Path write(Path file, byte[] bytes) throws IOException {
        Path t = check(file);
        createDirectories(t.getParent());
        Path tmp = t.resolveSibling("." + t.getFileName() + ".skilldesk-" + Long.toUnsignedString(System.nanoTime(), 36));
        try {
            try (OutputStream os = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                os.write(bytes);
            }
            check(t); // nothing was swapped in meanwhile
            Files.move(tmp, t, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return t;
    }

    /** Writes a new file (refused when one is there), never through a link. */
    public Path writeNew(Path file, byte[] bytes) throws IOException {
        Path t = check(file);
        createDirectories(t.getParent());
        try (OutputStream os = Files.newOutputStream(t, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            os.write(bytes);
        }
        return t;
    }

    /**
     * Deletes {@code target} with everything in it; a link at {@code target} itself is removed (the link, not what
     * it points to), links inside are removed and never followed. Nothing there: nothing done.
     */
    public void delete(Path target) throws IOException {
        Path t = target.isAbsolute() ? target.normalize() : root.resolve(target).normalize();
        if (t.equals(root) || !t.startsWith(root)) {
            throw new UnsafePathException(t, FileNames.RULE_ESCAPE, "is not inside " + root + "; not deleted");
        }
        check(t.getParent());
        if (Files.isSymbolicLink(t)) {
            Files.delete(t);
            return;
        }
        check(t);
        FileTrees.delete(t);
    }

    /** Moves {@code from} to {@code to} by a rename, both inside the root and checked. */
    public Path move(Path from, Path to, boolean replace) throws IOException {
        Path f = check(from);
        Path t = check(to);
        return replace ? Files.move(f, t, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING)
                : Files.move(f, t, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
