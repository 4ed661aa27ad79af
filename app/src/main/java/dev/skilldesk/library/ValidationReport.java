package dev.skilldesk.library;

import dev.skilldesk.parse.SkillMdParser;
import dev.skilldesk.parse.Limits;
import dev.skilldesk.parse.Rules;
import dev.skilldesk.parse.SkillValidator;
import dev.skilldesk.parse.TokenCounter;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.Severity;
import dev.skilldesk.skill.ValidationIssue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
            BasicFileAttributes a = SkillFolderReader.attributes(root);
            if (a == null) {
                out.add(problem(root, Rules.FILE_UNREADABLE, "no such file or folder"));
                continue;
            }
            if (a.isSymbolicLink() && root.getFileName() != null && root.getFileName().toString().equals("SKILL.md")) {
                out.add(problem(root, FileNames.RULE_LINK, "SKILL.md is a symbolic link; links are not read"));
                continue;
            }
            if (!a.isDirectory() && !a.isRegularFile() && !a.isSymbolicLink()) {
                out.add(problem(root, FileNames.RULE_NOT_REGULAR, "not a regular file or a folder ("
                        + SkillFolderReader.kind(a) + ")"));
                continue;
            }
            if (a.isRegularFile() && Importer.isPackage(root)) {
                out.addAll(ofPackage(root, profile));
                continue;
            }
            if (a.isRegularFile() && !root.getFileName().toString().equals("SKILL.md")) {
                out.add(problem(root, Rules.FILE_UNREADABLE, "not a SKILL.md, a skill folder or a .skill/.zip package"));
                continue;
            }
            Path dir = Files.isRegularFile(root) ? root.toAbsolutePath().getParent() : root;
            SkillFolderReader.Scan scan = SkillFolderReader.scan(dir);
            for (SkillFolderReader.Skipped r : scan.refused()) {
                String rule = r.reason().contains(FileNames.RULE_LINK) ? FileNames.RULE_LINK : FileNames.RULE_NOT_REGULAR;
                out.add(problem(r.path(), rule, r.reason()));
            }
            for (SkillFolderReader.Skipped r : scan.skipped()) {
                out.add(problem(r.path(), Rules.FILE_UNREADABLE, r.reason()));
            }
            if (scan.folders().isEmpty() && scan.refused().isEmpty() && scan.skipped().isEmpty()) {
                out.add(problem(dir.resolve("SKILL.md"), Rules.FILE_UNREADABLE, "no SKILL.md found under " + dir
                        + " (searched " + SkillFolderReader.MAX_DEPTH + " levels deep)"));
            }
            for (Path folder : scan.folders()) {
                Path md = folder.resolve("SKILL.md");
                String content;
                try {
                    content = SkillFolderReader.readSkillMd(md);
                } catch (PackageRefusedException e) {
                    String msg = e.getMessage();
                    String rule = msg.contains("(rule: ") ? msg.substring(msg.lastIndexOf("(rule: ") + 7, msg.length() - 1)
                            : Rules.ENCODING_UTF8;
                    out.add(new FileResult(md.toString(), List.of(new ValidationIssue(rule, Severity.ERROR, 1,
                            msg.startsWith(md.toString()) ? msg.substring(md.toString().length()).replaceFirst("^: ", "") : msg))));
                    continue;
                } catch (IOException e) {
                    out.add(problem(md, Rules.FILE_UNREADABLE, "cannot be read: " + e.getMessage()));
                    continue;
                }
                String folderName = folder.getFileName() == null ? null : folder.getFileName().toString();
                // the folder's other files count too (the limits on their number and size), read as import reads them
                List<dev.skilldesk.skill.SkillFile> files = List.of();
                List<ValidationIssue> readProblems = new ArrayList<>();
                try {
                    files = SkillFolderReader.read(folder).files();
                } catch (PackageRefusedException e) {
                    readProblems.add(new ValidationIssue(Rules.FILE_UNREADABLE, Severity.ERROR, 0, e.getMessage()));
                } catch (IOException e) {
                    readProblems.add(new ValidationIssue(Rules.FILE_UNREADABLE, Severity.ERROR, 0,
                            "the folder's files cannot be read: " + e.getMessage()));
                }
                List<ValidationIssue> issues = new ArrayList<>(content.length() > Limits.CONTENT_HARD_CHARS
                        ? validator.validate(content, folderName, profile).issues()
                        : validator.validate(content, new SkillMdParser().parse(content), files, folderName, profile).issues());
                issues.addAll(readProblems);
                out.add(new FileResult(md.toString(), issues));
            }
        }
        return new ValidationReport(out);
    }

    /**
     * A package is unpacked, by the same rules as import, into a fresh temp folder of its own and its skills
     * checked there; they are reported as {@code PACKAGE!/path/SKILL.md}. A refused package is one error.
     */
    private static List<FileResult> ofPackage(Path pkg, ValidationProfile profile) throws IOException {
        Path temp = Files.createTempDirectory("skilldesk-validate-");
        try {
            Path into = temp.resolve("package");
            Files.createDirectory(into);
            try {
                SafeZip.extract(pkg, into);
            } catch (PackageRefusedException e) {
                String msg = e.getMessage();
                String rule = msg.contains("(rule: ") ? msg.substring(msg.lastIndexOf("(rule: ") + 7, msg.indexOf(')',
                        msg.lastIndexOf("(rule: "))) : "package.refused";
                return List.of(problem(pkg, rule, msg));
            }
            List<FileResult> inner = of(List.of(into), profile).files();
            List<FileResult> out = new ArrayList<>(inner.size());
            for (FileResult f : inner) {
                String shown = f.path().startsWith(into.toString())
                        ? pkg + "!" + f.path().substring(into.toString().length()) : f.path();
                out.add(new FileResult(shown, f.issues()));
            }
            return out;
        } finally {
            FileTrees.deleteQuietly(temp);
        }
    }

    private static FileResult problem(Path path, String rule, String message) {
        return new FileResult(FileNames.printable(path.toString()), List.of(new ValidationIssue(rule, Severity.ERROR, 1, message)));
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
