package dev.skilldesk.agents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The {@code skills} CLI's hash of a skill folder ({@code computeSkillFolderHash} in its 1.7.4 bundle), which its
 * lock files store: SHA-256 over each regular file's path (relative, {@code /}-separated, UTF-8) followed by its
 * bytes, no separators, files sorted by JavaScript's {@code localeCompare}; folders named {@code .git} and
 * {@code node_modules} are skipped, links are not followed. {@link #LOCALE_ORDER} is that order: ICU's root
 * collation, written out for ASCII (punctuation, then digits, then letters, case second), and Java's root
 * collator for paths outside ASCII (an approximation; {@code FolderHashTest} checks both against Node).
 */
public final class FolderHash {
    /** Files beyond this many are refused rather than hashed: a skill folder is not that large. */
    public static final int MAX_FILES = 20_000;

    private static final String ASCII_ORDER =
            " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ";
    private static final int[] PRIMARY = new int[128];
    private static final int[] TERTIARY = new int[128];

    static {
        int p = 0;
        for (int i = 0; i < ASCII_ORDER.length(); i++) {
            char c = ASCII_ORDER.charAt(i);
            boolean upper = Character.isUpperCase(c);
            if (!upper) {
                p++;
            }
            PRIMARY[c] = p;
            TERTIARY[c] = upper ? 1 : 0;
        }
    }

    private static final Collator ROOT = Collator.getInstance(Locale.ROOT);

    static {
        ROOT.setStrength(Collator.TERTIARY);
    }

    /** JavaScript's {@code a.localeCompare(b)} as the CLI runs it (ICU root order). */
    public static final Comparator<String> LOCALE_ORDER = FolderHash::compare;

    private FolderHash() {
    }

    static int compare(String a, String b) {
        if (!ascii(a) || !ascii(b)) {
            int c = ROOT.compare(a, b);
            return c != 0 ? c : a.compareTo(b);
        }
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            int d = Integer.compare(PRIMARY[a.charAt(i)], PRIMARY[b.charAt(i)]);
            if (d != 0) {
                return d;
            }
        }
        if (a.length() != b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        for (int i = 0; i < n; i++) {
            int d = Integer.compare(TERTIARY[a.charAt(i)], TERTIARY[b.charAt(i)]);
            if (d != 0) {
                return d;
            }
        }
        return a.compareTo(b);
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** The hash of {@code dir}, as 64 lower-case hex digits. */
    public static String of(Path dir) throws IOException {
        return of(dir, rel -> true);
    }

    /** The hash of the files of {@code dir} whose relative path {@code include} accepts (what a copy of it holds). */
    public static String of(Path dir, java.util.function.Predicate<String> include) throws IOException {
        List<String> files = new ArrayList<>(files(dir).stream().filter(include).toList());
        files.sort(LOCALE_ORDER);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[64 * 1024];
        for (String rel : files) {
            sha.update(rel.getBytes(StandardCharsets.UTF_8));
            try (InputStream in = Files.newInputStream(dir.resolve(rel), LinkOption.NOFOLLOW_LINKS)) {
                int r;
                while ((r = in.read(buf)) > 0) {
                    sha.update(buf, 0, r);
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The regular files of {@code dir} (relative, {@code /}-separated), as the CLI walks it. */
    static List<String> files(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                String n = d.getFileName() == null ? "" : d.getFileName().toString();
                return !d.equals(dir) && (n.equals(".git") || n.equals("node_modules")) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    if (out.size() >= MAX_FILES) {
                        throw new IOException(dir + ": more than " + MAX_FILES + " files; not a skill folder");
                    }
                    out.add(dir.relativize(f).toString().replace('\\', '/'));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }
}
