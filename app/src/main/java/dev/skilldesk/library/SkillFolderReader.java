package dev.skilldesk.library;

import dev.skilldesk.parse.Limits;
import dev.skilldesk.parse.Rules;
import dev.skilldesk.skill.SkillFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds skill folders (those holding a SKILL.md) under a root and reads each into a {@link SkillDraft}
 * with its resource files, byte for byte. Links are never followed; sizes are checked before anything is
 * read, and no read takes more than its limit, whatever the file does meanwhile; every path that is not
 * taken is reported with its reason.
 */
public final class SkillFolderReader {
    public static final int MAX_DEPTH = 6;
    public static final int MAX_FILES_PER_SKILL = 1_000;
    public static final long MAX_FILE_BYTES = 20L * 1024 * 1024;
    public static final long MAX_SKILL_BYTES = 100L * 1024 * 1024;
    /**
     * A SKILL.md over this many bytes has more characters than the validator ever stores (a UTF-8 character
     * takes at most four bytes), so it is refused unread.
     */
    public static final long MAX_SKILL_MD_BYTES = 4L * Limits.CONTENT_HARD_CHARS;
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "node_modules", ".hg", ".svn", "__pycache__");

    /** A path the scan did not take, and why. */
    public record Skipped(Path path, String reason) {
    }

    /**
     * What a scan found: the skill folders; SKILL.md files that cannot be read as skills (links, FIFOs),
     * each with the rule; folders left by an interrupted install; and folders that could not be read.
     */
    public record Scan(List<Path> folders, List<Skipped> refused, List<Path> installLeftovers, List<Skipped> skipped) {
    }

    private SkillFolderReader() {
    }

    /** Every folder under {@code root} (depth ≤ 6, skipping VCS and node_modules) that holds a SKILL.md. */
    public static List<Path> findSkillFolders(Path root) throws IOException {
        return scan(root).folders();
    }

    /** Scans {@code root} (depth ≤ 6, skipping VCS folders, node_modules and install leftovers). */
    public static Scan scan(Path root) throws IOException {
        List<Path> found = new ArrayList<>();
        List<Skipped> refused = new ArrayList<>();
        List<Path> leftovers = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (!dir.equals(root)) {
                            String n = dir.getFileName().toString();
                            if (SKIPPED_DIRS.contains(n)) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            if (InstallLeftovers.isLeftover(n)) {
                                leftovers.add(dir);
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                        }
                        Path md = dir.resolve("SKILL.md");
                        BasicFileAttributes a = attributes(md);
                        if (a == null) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (a.isRegularFile()) {
                            found.add(dir);
                        } else if (a.isSymbolicLink()) {
                            refused.add(new Skipped(md, "SKILL.md is a symbolic link; links are not imported (rule: "
                                    + FileNames.RULE_LINK + ")"));
                        } else if (!a.isDirectory()) {
                            refused.add(new Skipped(md, "SKILL.md is not a regular file (" + kind(a) + ") (rule: "
                                    + FileNames.RULE_NOT_REGULAR + ")"));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        skipped.add(new Skipped(file, "cannot be read: " + describe(exc)));
                        return FileVisitResult.CONTINUE;
                    }
                });
        found.sort(java.util.Comparator.comparing(Path::toString)); // the same order on every file system
        return new Scan(found, refused, leftovers, skipped);
    }

    /**
     * Reads one skill folder. Resource files are every regular file below it except SKILL.md itself and
     * what belongs to a nested skill folder.
     *
     * @throws PackageRefusedException naming the file and the rule when the folder cannot be taken
     */
    public static SkillDraft read(Path folder) throws IOException {
        Path skillMd = folder.resolve("SKILL.md");
        String folderName = folder.getFileName() == null ? null : folder.getFileName().toString();
        if (folderName != null && FileNames.nameProblem(folderName) != null) {
            throw new PackageRefusedException(folder + ": " + FileNames.nameProblem(folderName));
        }
        String content = readSkillMd(skillMd);
        List<SkillFile> files = new ArrayList<>();
        long[] total = {0};
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(folder)) {
                    return FileVisitResult.CONTINUE;
                }
                String n = dir.getFileName().toString();
                if (SKIPPED_DIRS.contains(n) || Files.exists(dir.resolve("SKILL.md"), LinkOption.NOFOLLOW_LINKS)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                String why = FileNames.nameProblem(n);
                if (why != null) {
                    throw new PackageRefusedException(FileNames.printable(dir.toString()) + ": " + why);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (file.equals(skillMd)) {
                    return FileVisitResult.CONTINUE;
                }
                String shown = FileNames.printable(file.toString());
                if (attrs.isSymbolicLink()) {
                    throw new PackageRefusedException(shown + ": links are not imported (rule: " + FileNames.RULE_LINK + ")");
                }
                if (!attrs.isRegularFile()) {
                    throw new PackageRefusedException(shown + ": not a regular file (" + kind(attrs) + ") (rule: "
                            + FileNames.RULE_NOT_REGULAR + ")");
                }
                String why = FileNames.nameProblem(file.getFileName().toString());
                if (why != null) {
                    throw new PackageRefusedException(shown + ": " + why);
                }
                if (attrs.size() > MAX_FILE_BYTES) {
                    throw new PackageRefusedException(shown + ": " + attrs.size() + " bytes; a resource file may have at most "
                            + MAX_FILE_BYTES + " (rule: " + FileNames.RULE_TOO_LARGE + ")");
                }
                total[0] += attrs.size();
                if (total[0] > MAX_SKILL_BYTES) {
                    throw new PackageRefusedException(folder + ": resource files exceed " + MAX_SKILL_BYTES
                            + " bytes (rule: " + FileNames.RULE_TOO_LARGE + ")");
                }
                if (files.size() >= MAX_FILES_PER_SKILL) {
                    throw new PackageRefusedException(folder + ": more than " + MAX_FILES_PER_SKILL
                            + " resource files (rule: files.too-many)");
                }
                byte[] bytes = readBounded(file, MAX_FILE_BYTES);
                String rel = folder.relativize(file).toString();
                files.add(new SkillFile(rel, bytes, ContentHash.sha256(bytes), looksLikeText(bytes)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                throw new PackageRefusedException(FileNames.printable(file.toString()) + ": cannot be read: " + describe(exc));
            }
        });
        files.sort((a, b) -> a.path().compareTo(b.path()));
        String problem = FileNames.firstProblem(files.stream().map(SkillFile::path).toList());
        if (problem != null) {
            throw new PackageRefusedException(folder + ": " + problem);
        }
        return new SkillDraft(skillMd.toString(), folderName, content, files);
    }

    /**
     * Reads a SKILL.md: it must be a regular file (not a link, FIFO or device) of at most
     * {@link #MAX_SKILL_MD_BYTES}, in valid UTF-8; checked before reading, and the read stops at the limit.
     *
     * @throws PackageRefusedException naming the file and the rule
     */
    public static String readSkillMd(Path skillMd) throws IOException {
        BasicFileAttributes a = attributes(skillMd);
        if (a == null) {
            throw new java.nio.file.NoSuchFileException(skillMd.toString());
        }
        if (a.isSymbolicLink()) {
            throw new PackageRefusedException(skillMd + ": a symbolic link; links are not imported (rule: "
                    + FileNames.RULE_LINK + ")");
        }
        if (!a.isRegularFile()) {
            throw new PackageRefusedException(skillMd + ": not a regular file (" + kind(a) + ") (rule: "
                    + FileNames.RULE_NOT_REGULAR + ")");
        }
        if (a.size() > MAX_SKILL_MD_BYTES) {
            throw new PackageRefusedException(skillMd + ": " + a.size() + " bytes; a SKILL.md may have at most "
                    + MAX_SKILL_MD_BYTES + " (rule: " + Rules.CONTENT_TOO_LARGE + ")");
        }
        return decodeUtf8(skillMd, readBounded(skillMd, MAX_SKILL_MD_BYTES));
    }

    /** The file's bytes, refusing it (without reading on) once it passes {@code limit}: it may grow after a stat. */
    static byte[] readBounded(Path file, long limit) throws IOException {
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new PackageRefusedException(file + ": more than " + limit + " bytes (rule: "
                        + FileNames.RULE_TOO_LARGE + ")");
            }
            return bytes;
        }
    }

    /** Strict UTF-8: a SKILL.md that is not valid UTF-8 is refused rather than silently altered. */
    static String decodeUtf8(Path file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PackageRefusedException(file + ": not valid UTF-8 (rule: " + Rules.ENCODING_UTF8 + ")");
        }
    }

    static boolean looksLikeText(byte[] bytes) {
        int n = Math.min(bytes.length, 8192);
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, bytes.length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** lstat, or null when the path does not exist. */
    static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    static String kind(BasicFileAttributes a) {
        if (a.isSymbolicLink()) {
            return "a symbolic link";
        }
        if (a.isDirectory()) {
            return "a folder";
        }
        return a.isOther() ? "a FIFO, socket or device" : "not a regular file";
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName().replace("Exception", "") + (m != null ? " (" + m + ")" : "");
    }
}
