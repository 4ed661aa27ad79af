package dev.skilldesk.audit;

import dev.skilldesk.skill.SkillFile;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The trust check: every file of a skill through every rule of {@link AuditRules} that reads it. Pure and quick
 * (no I/O, no model): it runs inside import, source import, update and install, and on its own ({@code audit}).
 */
public final class Auditor {
    /** What a skill's audit found, worst first. */
    public record Report(String name, String path, List<Finding> findings) {
        /** The worst severity found, or null when nothing was. */
        public AuditSeverity worst() {
            return findings.stream().map(Finding::severity).max(Comparator.naturalOrder()).orElse(null);
        }

        public boolean high() {
            return worst() == AuditSeverity.HIGH;
        }

        public long count(AuditSeverity s) {
            return findings.stream().filter(f -> f.severity() == s).count();
        }

        /** "2 high, 1 warning", or "no findings". */
        public String summary() {
            if (findings.isEmpty()) {
                return "no findings";
            }
            List<String> parts = new ArrayList<>();
            for (AuditSeverity s : List.of(AuditSeverity.HIGH, AuditSeverity.WARNING, AuditSeverity.INFO)) {
                long n = count(s);
                if (n > 0) {
                    parts.add(n + " " + s.label() + (s == AuditSeverity.WARNING && n > 1 ? "s" : ""));
                }
            }
            return String.join(", ", parts);
        }

        /** The high findings, one per line, for a refusal's message. */
        public String highLines() {
            return String.join("\n", findings.stream().filter(f -> f.severity() == AuditSeverity.HIGH)
                    .map(Finding::toString).toList());
        }
    }

    private static final Set<String> SCRIPT_EXTENSIONS = Set.of("sh", "bash", "zsh", "fish", "ksh", "py", "js", "mjs",
            "cjs", "ts", "ps1", "psm1", "bat", "cmd", "rb", "pl", "php", "lua", "r", "applescript", "vbs");

    private Auditor() {
    }

    /** Audits a skill: its SKILL.md and files (paths relative to the skill's folder). */
    public static Report audit(String name, String path, String skillMd, List<SkillFile> files) {
        List<Finding> out = new ArrayList<>();
        check("SKILL.md", skillMd, skillMd.getBytes(StandardCharsets.UTF_8), true, false, out);
        for (SkillFile f : files) {
            String text = f.text() ? decode(f.bytes()) : null;
            check(f.path(), text, f.bytes(), false, isScript(f.path(), text), out);
        }
        out.sort(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::file)
                .thenComparingInt(Finding::line));
        return new Report(name, path, List.copyOf(out));
    }

    private static void check(String path, String text, byte[] bytes, boolean skillMd, boolean script, List<Finding> out) {
        for (AuditRules.Rule r : AuditRules.ALL) {
            boolean reads = switch (r.where()) {
                case SKILL_MD -> skillMd;
                case SCRIPTS -> script;
                case SKILL_MD_AND_SCRIPTS -> skillMd || script;
                case TEXT -> text != null;
                case ANY_FILE -> !skillMd;
            };
            if (!reads) {
                continue;
            }
            for (AuditRules.Hit h : r.check().find(path, text, bytes)) {
                out.add(new Finding(r.id(), r.severity(), path, h.line(), r.explanation() + ": " + h.excerpt()));
            }
        }
    }

    /** A script: under scripts/ (or bin/), with a script's extension, or starting with a shebang. */
    static boolean isScript(String path, String text) {
        if (text == null) {
            return false;
        }
        String p = path.toLowerCase(Locale.ROOT);
        if (p.startsWith("scripts/") || p.startsWith("bin/") || p.contains("/scripts/")) {
            return true;
        }
        return SCRIPT_EXTENSIONS.contains(AuditRules.extension(p)) || text.startsWith("#!");
    }

    /** The file as UTF-8 text, or null when it is not (then only the byte rules read it). */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
