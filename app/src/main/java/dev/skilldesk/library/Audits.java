package dev.skilldesk.library;

import dev.skilldesk.audit.Auditor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The trust check over what {@code import} takes: a skill folder, a tree of them, a SKILL.md, or a .skill/.zip
 * package (unpacked by the same safe reader into a temporary folder, deleted after). Nothing is imported.
 */
public final class Audits {
    /** The reports of the skills found, and the paths that could not be read, with why. */
    public record Result(List<Auditor.Report> reports, List<String> unreadable) {
    }

    private Audits() {
    }

    public static Result ofPath(Path path) throws IOException {
        List<Auditor.Report> reports = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        if (!Files.exists(path)) {
            unreadable.add(path + ": no such file or folder");
        } else if (Files.isRegularFile(path) && Importer.isPackage(path)) {
            Path temp = Files.createTempDirectory("skilldesk-audit-");
            try {
                Path into = Files.createDirectory(temp.resolve("package"));
                SafeZip.extract(path, into);
                tree(into, path.toString(), reports, unreadable);
            } catch (PackageRefusedException e) {
                unreadable.add(path + ": the package is refused: " + e.getMessage());
            } finally {
                Importer.deleteTree(temp);
            }
        } else if (Files.isDirectory(path)) {
            tree(path, null, reports, unreadable);
        } else if (path.getFileName().toString().equals("SKILL.md")) {
            tree(path.toAbsolutePath().getParent(), null, reports, unreadable);
        } else {
            unreadable.add(path + ": not a folder, a SKILL.md, or a .skill/.zip package");
        }
        return new Result(reports, unreadable);
    }

    /** Every skill under {@code root}; {@code shownAs}: the package the root was unpacked from (its paths say so). */
    private static void tree(Path root, String shownAs, List<Auditor.Report> reports, List<String> unreadable)
            throws IOException {
        SkillFolderReader.Scan scan = SkillFolderReader.scan(root);
        for (Path folder : scan.folders()) {
            String shown = shownAs == null ? folder.toString()
                    : shownAs + (folder.equals(root) ? "" : "!/" + root.relativize(folder).toString().replace('\\', '/'));
            try {
                SkillDraft d = SkillFolderReader.read(folder);
                String name = folder.getFileName() == null ? shown : folder.getFileName().toString();
                var parsed = new dev.skilldesk.parse.SkillMdParser().parse(d.content());
                String declared = parsed.string("name");
                reports.add(Auditor.audit(declared == null || declared.isBlank() ? name : declared, shown, d.content(), d.files()));
            } catch (IOException | RuntimeException e) {
                unreadable.add(shown + ": " + e.getMessage());
            }
        }
        scan.refused().forEach(r -> unreadable.add(r.path() + ": " + r.reason()));
    }
}
