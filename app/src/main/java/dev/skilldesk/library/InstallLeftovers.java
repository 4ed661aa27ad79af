package dev.skilldesk.library;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The working folders an install keeps beside the copy it replaces: {@code .skilldesk-install-<pid>-<n>/}
 * holds {@code new/<name>} (the copy being written) and, during the swap, {@code old/<name>} (the copy it
 * replaces). A process killed at any instant leaves one complete copy: in place, or in {@code old/}, from
 * where the next run that meets the folder puts it back. Leftovers are never imported as skills.
 */
public final class InstallLeftovers {
    static final String PREFIX = ".skilldesk-install-";
    private static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-.*");
    /** A leftover of an older SkillDesk (no pid in its name) is taken as abandoned after this long. */
    private static final Duration LEGACY_AGE = Duration.ofMinutes(1);
    /** A pid can be reused: a leftover this old is abandoned whoever has its pid now. */
    private static final Duration MAX_AGE = Duration.ofHours(1);

    private InstallLeftovers() {
    }

    public static boolean isLeftover(String fileName) {
        return fileName.startsWith(PREFIX);
    }

    /** A fresh working folder in {@code parent}, named after this process. */
    static Path create(Path parent) throws IOException {
        return Files.createTempDirectory(parent, PREFIX + ProcessHandle.current().pid() + "-");
    }

    /**
     * Cleans the abandoned leftovers directly in {@code parent}: a previous copy in {@code old/} goes back
     * in place when nothing is there, then the leftover is deleted. Leftovers of a live install are left
     * alone. Returns a sentence per leftover handled.
     */
    public static List<String> recover(Path parent) {
        List<String> done = new ArrayList<>();
        if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
            return done;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, p -> isLeftover(p.getFileName().toString()))) {
            for (Path leftover : ds) {
                if (Files.isDirectory(leftover, LinkOption.NOFOLLOW_LINKS) && abandoned(leftover)) {
                    done.add(recoverOne(parent, leftover));
                }
            }
        } catch (IOException e) {
            done.add(parent + ": could not look for install leftovers: " + e.getMessage());
        }
        return done;
    }

    private static String recoverOne(Path parent, Path leftover) {
        StringBuilder said = new StringBuilder(leftover + ": left by an interrupted install");
        Path old = leftover.resolve("old");
        if (Files.isDirectory(old, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(old)) {
                for (Path copy : ds) {
                    String name = copy.getFileName().toString();
                    Path target = parent.resolve(name);
                    if (FileNames.nameProblem(name) == null && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                        Files.move(copy, target, StandardCopyOption.ATOMIC_MOVE);
                        said.append("; put the previous copy of ").append(name).append(" back");
                    }
                }
            } catch (IOException e) {
                said.append("; could not restore the previous copy: ").append(e.getMessage());
                return said.toString();
            }
        }
        try {
            FileTrees.delete(leftover);
            said.append("; removed");
        } catch (IOException e) {
            said.append("; could not remove it: ").append(e.getMessage());
        }
        return said.toString();
    }

    private static boolean abandoned(Path leftover) {
        Instant modified;
        try {
            FileTime t = Files.getLastModifiedTime(leftover, LinkOption.NOFOLLOW_LINKS);
            modified = t.toInstant();
        } catch (IOException e) {
            return false;
        }
        Duration age = Duration.between(modified, Instant.now());
        Matcher m = OWNED.matcher(leftover.getFileName().toString());
        if (!m.matches()) {
            return age.compareTo(LEGACY_AGE) > 0;
        }
        if (age.compareTo(MAX_AGE) > 0) {
            return true;
        }
        long pid;
        try {
            pid = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return true;
        }
        if (pid == ProcessHandle.current().pid()) {
            return false; // this process's own install is under way in another thread
        }
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }
}
