package dev.skilldesk.library;

import dev.skilldesk.parse.Rules;
import dev.skilldesk.parse.SkillValidator;
import dev.skilldesk.parse.TokenCounter;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.Severity;
import dev.skilldesk.skill.ValidationIssue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Validation of every skill folder under some paths, without importing anything. */
public final class ValidationReport {
    /** One SKILL.md and what the validator found. */
    public record FileResult(String path, List<ValidationIssue> issues) {
    }

    private final List<FileResult> files;

    private ValidationReport(List<FileResult> files) {
        this.files = List.copyOf(files);
    }

    public static ValidationReport of(List<Path> roots, ValidationProfile profile) throws IOException {
        SkillValidator validator = new SkillValidator(new TokenCounter());
        List<FileResult> out = new ArrayList<>();
        for (Path root : roots) {
            Path dir = Files.isRegularFile(root) ? root.toAbsolutePath().getParent() : root;
            for (Path folder : SkillFolderReader.findSkillFolders(dir)) {
                Path md = folder.resolve("SKILL.md");
                String content;
                try {
                    content = SkillFolderReader.decodeUtf8(md, Files.readAllBytes(md));
                } catch (PackageRefusedException e) {
                    out.add(new FileResult(md.toString(), List.of(new ValidationIssue(Rules.ENCODING_UTF8,
                            Severity.ERROR, 1, "not valid UTF-8"))));
                    continue;
                }
                String folderName = folder.getFileName() == null ? null : folder.getFileName().toString();
                out.add(new FileResult(md.toString(), validator.validate(content, folderName, profile).issues()));
            }
        }
        return new ValidationReport(out);
    }

    public List<FileResult> files() {
        return files;
    }

    /** rule id → {errors, warnings}, sorted by rule id. */
    public Map<String, long[]> countsByRule() {
        Map<String, long[]> counts = new TreeMap<>();
        for (FileResult f : files) {
            for (ValidationIssue i : f.issues()) {
                long[] c = counts.computeIfAbsent(i.ruleId(), k -> new long[2]);
                if (i.severity() == Severity.ERROR) {
                    c[0]++;
                } else if (i.severity() == Severity.WARNING) {
                    c[1]++;
                }
            }
        }
        return counts;
    }

    public long errorCount() {
        return files.stream().flatMap(f -> f.issues().stream()).filter(i -> i.severity() == Severity.ERROR).count();
    }

    public long warningCount() {
        return files.stream().flatMap(f -> f.issues().stream()).filter(i -> i.severity() == Severity.WARNING).count();
    }

    public long cleanCount() {
        return files.stream().filter(f -> f.issues().isEmpty()).count();
    }
}
