package dev.skilldesk.library;

import dev.skilldesk.parse.Rules;
import dev.skilldesk.skill.SkillFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds skill folders (those holding a SKILL.md) under a root and reads each into a {@link SkillDraft}
 * with its resource files, byte for byte. Links are never followed.
 */
public final class SkillFolderReader {
    public static final int MAX_DEPTH = 6;
    public static final int MAX_FILES_PER_SKILL = 1_000;
    public static final long MAX_FILE_BYTES = 20L * 1024 * 1024;
    public static final long MAX_SKILL_BYTES = 100L * 1024 * 1024;
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "node_modules", ".hg", ".svn", "__pycache__");

    private SkillFolderReader() {
    }

    /** Every folder under {@code root} (depth ≤ 6, skipping VCS and node_modules) that holds a SKILL.md. */
    public static List<Path> findSkillFolders(Path root) throws IOException {
        List<Path> found = new ArrayList<>();
        if (Files.isRegularFile(root.resolve("SKILL.md"), LinkOption.NOFOLLOW_LINKS)) {
            found.add(root);
        }
        Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (!dir.equals(root) && SKIPPED_DIRS.contains(dir.getFileName().toString())) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        if (!dir.equals(root) && Files.isRegularFile(dir.resolve("SKILL.md"), LinkOption.NOFOLLOW_LINKS)) {
                            found.add(dir);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        return FileVisitResult.CONTINUE;
                    }
                });
        return found;
    }

    /**
     * Reads one skill folder. Resource files are every regular file below it except SKILL.md itself and
     * what belongs to a nested skill folder.
     *
     * @throws PackageRefusedException naming the file and the rule when the folder cannot be taken
     */
    public static SkillDraft read(Path folder) throws IOException {
        Path skillMd = folder.resolve("SKILL.md");
        String content = decodeUtf8(skillMd, Files.readAllBytes(skillMd));
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
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink()) {
                    throw new PackageRefusedException(file + ": links are not imported (rule: files.link)");
                }
                if (!attrs.isRegularFile() || file.equals(skillMd)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.size() > MAX_FILE_BYTES) {
                    throw new PackageRefusedException(file + ": " + attrs.size() + " bytes; a resource file may have at most "
                            + MAX_FILE_BYTES + " (rule: files.too-large)");
                }
                total[0] += attrs.size();
                if (total[0] > MAX_SKILL_BYTES) {
                    throw new PackageRefusedException(folder + ": resource files exceed " + MAX_SKILL_BYTES
                            + " bytes (rule: files.too-large)");
                }
                if (files.size() >= MAX_FILES_PER_SKILL) {
                    throw new PackageRefusedException(folder + ": more than " + MAX_FILES_PER_SKILL
                            + " resource files (rule: files.too-many)");
                }
                byte[] bytes = Files.readAllBytes(file);
                String rel = folder.relativize(file).toString().replace('\\', '/');
                files.add(new SkillFile(rel, bytes, ContentHash.sha256(bytes), looksLikeText(bytes)));
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort((a, b) -> a.path().compareTo(b.path()));
        String folderName = folder.getFileName() == null ? null : folder.getFileName().toString();
        return new SkillDraft(skillMd.toString(), folderName, content, files);
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
}
