package dev.skilldesk.library;

import dev.skilldesk.skill.SkillFile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 of a version: its SKILL.md bytes, then each resource file's path and hash, by path. */
public final class ContentHash {
    private ContentHash() {
    }

    public static String of(String content, List<SkillFile> files) {
        MessageDigest md = sha256();
        md.update(content.getBytes(StandardCharsets.UTF_8));
        files.stream().sorted(Comparator.comparing(SkillFile::path)).forEach(f -> {
            md.update((byte) 0);
            md.update(f.path().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(f.sha256().getBytes(StandardCharsets.US_ASCII));
        });
        return HexFormat.of().formatHex(md.digest());
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
