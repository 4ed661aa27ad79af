package dev.skilldesk.library;

import dev.skilldesk.parse.FrontmatterEdits;
import dev.skilldesk.parse.ParsedSkillMd;
import dev.skilldesk.parse.SkillMdParser;
import dev.skilldesk.parse.SkillMetadata;
import dev.skilldesk.skill.Principal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Imports skill folders, folder trees and {@code .skill}/{@code .zip} packages into the library. A skill
 * that cannot be taken is reported with its path and reason and the import goes on with the rest; a
 * package that breaks a safety rule is refused whole, before anything is stored.
 */
public final class Importer {
    private final SkillLibrary library;
    private final SkillMdParser parser = new SkillMdParser();

    public Importer(SkillLibrary library) {
        this.library = library;
    }

    public ImportReport importPath(Principal author, Path path, ImportOptions options) {
        return importPath(author, path, options, (done, total) -> { });
    }

    /** Imports {@code path}; {@code progress} receives (done, total) after each skill. */
    public ImportReport importPath(Principal author, Path path, ImportOptions options,
                                   BiConsumer<Integer, Integer> progress) {
        return run(author, path, options, progress, true);
    }

    /**
     * What {@link #importPath} would do, with nothing written: each skill's outcome (new, changed, unchanged or
     * refused, with the reason) and where it would land. Install leftovers are reported, not recovered.
     */
    public ImportReport preview(Principal author, Path path, ImportOptions options, BiConsumer<Integer, Integer> progress) {
        ImportReport report = run(author, path, options, progress, false);
        report.markPreview();
        return report;
    }

    private ImportReport run(Principal author, Path path, ImportOptions options, BiConsumer<Integer, Integer> progress,
                             boolean write) {
        Job job = new Job(author, options, write);
        ImportReport report = new ImportReport();
        if (!Files.exists(path)) {
            report.add(refused(path.toString(), "no such file or folder"));
            return report;
        }
        if (Files.isRegularFile(path) && isPackage(path)) {
            importPackage(job, path, report, progress);
        } else if (Files.isDirectory(path)) {
            importTree(job, path, report, progress);
        } else if (path.getFileName().toString().equals("SKILL.md")) {
            importTree(job, path.toAbsolutePath().getParent(), report, progress);
        } else {
            report.add(refused(path.toString(), "not a folder, a SKILL.md, or a .skill/.zip package"));
        }
        return report;
    }

    /**
     * Imports every path as one bulk job with {@code background} paused meanwhile (resumed however the
     * import ends); the report covers all the paths.
     */
    public ImportReport importAll(Principal author, List<Path> paths, ImportOptions options, BackgroundWork background,
                                  BiConsumer<Integer, Integer> progress) {
        ImportReport all = new ImportReport();
        background.pause();
        try {
            for (Path p : paths) {
                all.addAll(importPath(author, p, options, progress));
            }
        } finally {
            background.resume();
        }
        return all;
    }

    public static boolean isPackage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".skill") || n.endsWith(".zip");
    }

    /** One import or preview: who, how, and whether anything is written. */
    private record Job(Principal author, ImportOptions options, boolean write) {
    }

    private void importTree(Job job, Path root, ImportReport report, BiConsumer<Integer, Integer> progress) {
        SkillFolderReader.Scan scan;
        try {
            scan = SkillFolderReader.scan(root);
            if (!scan.installLeftovers().isEmpty() && !job.write()) {
                scan.installLeftovers().forEach(p -> report.skip(p.toString(),
                        "left by an install that was killed; the import puts the previous copy back"));
            } else if (!scan.installLeftovers().isEmpty()) {
                // an install killed half-way: put its previous copy back, remove the leftover, look again
                scan.installLeftovers().stream().map(Path::getParent).distinct()
                        .forEach(parent -> InstallLeftovers.recover(parent).forEach(said ->
                                report.skip(parent.toString(), said)));
                List<Path> still = scan.installLeftovers().stream().filter(Files::exists).toList();
                scan = SkillFolderReader.scan(root);
                still.forEach(p -> report.skip(p.toString(), "left by an install that is still running; not imported"));
            }
        } catch (IOException e) {
            report.add(refused(root.toString(), "cannot read the folder: " + e.getMessage()));
            return;
        }
        scan.refused().forEach(r -> report.add(refused(FileNames.printable(r.path().toString()), r.reason(),
                topFolder(root, r.path()))));
        scan.skipped().forEach(r -> report.skip(FileNames.printable(r.path().toString()), r.reason()));
        List<Path> folders = scan.folders();
        if (folders.isEmpty() && scan.refused().isEmpty()) {
            report.add(refused(root.toString(), "no SKILL.md found (searched " + SkillFolderReader.MAX_DEPTH
                    + " levels deep)"));
        }
        int done = 0;
        for (Path folder : folders) {
            importFolder(job, folder, topFolder(root, folder), report);
            progress.accept(++done, folders.size());
        }
    }

    /**
     * The first folder under {@code root} on the way to {@code path}, or "" when {@code path} is {@code root}
     * itself or a skill directly in it (a skill's own folder is not a top folder of a tree).
     */
    static String topFolder(Path root, Path path) {
        Path rel;
        try {
            rel = root.toAbsolutePath().normalize().relativize(path.toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            return "";
        }
        return rel.getNameCount() >= 2 ? rel.getName(0).toString() : "";
    }

    private void importFolder(Job job, Path folder, String top, ImportReport report) {
        String where = folder.resolve("SKILL.md").toString();
        SaveOptions so = job.options().saveOptions(top.isEmpty() ? null : top);
        try {
            SkillDraft draft = withTags(SkillFolderReader.read(folder), job.options().tags());
            if (!job.options().acceptRisk()) {
                dev.skilldesk.audit.Auditor.Report audit = dev.skilldesk.audit.Auditor.audit(nameOf(draft), where,
                        draft.content(), draft.files());
                if (audit.high()) {
                    report.add(refused(where, trustRefusal(audit), top));
                    return;
                }
            }
            SaveOutcome outcome = job.write() ? library.save(job.author(), draft, so) : library.check(job.author(), draft, so);
            String name = outcome.skill() != null ? outcome.skill().name() : nameOf(draft);
            report.add(new ImportReport.Entry(where, outcome.status() == SaveOutcome.Status.REJECTED ? null : name,
                    outcome.status(), outcome.version() != null ? outcome.version().version() : 0,
                    outcome.validation() == null ? List.of() : outcome.validation().issues(), outcome.reason(),
                    top, so.namespace(), so.persona()));
        } catch (PackageRefusedException e) {
            report.add(refused(where, withoutPrefix(e.getMessage(), where, folder.toString()), top));
        } catch (IOException e) {
            report.add(refused(where, "cannot read: " + e.getMessage(), top));
        } catch (RuntimeException e) {
            report.add(refused(where, e.getClass().getSimpleName() + ": " + e.getMessage(), top));
        } catch (OutOfMemoryError e) {
            // sizes are checked before reading, so this is a last resort: one skill never stops the others
            report.add(refused(where, "too large to read into memory (rule: " + FileNames.RULE_TOO_LARGE + ")", top));
        }
    }

    /** Why the trust check keeps a skill out: its high findings, one a line, each with file, line and rule. */
    public static String trustRefusal(dev.skilldesk.audit.Auditor.Report audit) {
        long n = audit.count(dev.skilldesk.audit.AuditSeverity.HIGH);
        return "refused by the trust check (" + n + " high finding" + (n == 1 ? "" : "s") + "):\n  "
                + audit.highLines().replace("\n", "\n  ");
    }

    /** The draft with {@code tags} added to its frontmatter's own (the same draft when there are none to add). */
    private SkillDraft withTags(SkillDraft draft, List<String> tags) {
        if (tags.isEmpty()) {
            return draft;
        }
        ParsedSkillMd parsed = parser.parse(draft.content());
        if (parsed.metadata().isEmpty() || !parsed.problems().isEmpty()) {
            return draft; // the validator says what is wrong with it; tags cannot be added to what does not parse
        }
        LinkedHashSet<String> all = new LinkedHashSet<>(SkillMetadata.of(parsed).tags());
        if (!all.addAll(tags)) {
            return draft;
        }
        return new SkillDraft(draft.source(), draft.folderName(), FrontmatterEdits.setTags(draft.content(),
                List.copyOf(all)), draft.files());
    }

    /** The name the draft is stored under (its own when valid, else what the quick fix makes of it). */
    private String nameOf(SkillDraft draft) {
        try {
            String declared = SkillMetadata.of(parser.parse(draft.content())).name();
            String stored = dev.skilldesk.parse.SkillValidator.storedName(declared);
            return stored != null ? stored : declared;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void importPackage(Job job, Path zip, ImportReport report, BiConsumer<Integer, Integer> progress) {
        Path temp = null;
        try {
            // a fresh folder of our own; the package's base name only names the folder inside it (a skill at
            // the package's root is checked against it), and only when it is a plain name
            temp = Files.createTempDirectory("skilldesk-import-");
            String base = zip.getFileName().toString().replaceFirst("\\.(?i)(skill|zip)$", "");
            Path into = FileNames.nameProblem(base) == null ? FileNames.child(temp, base) : temp.resolve("package");
            Files.createDirectory(into);
            SafeZip.extract(zip, into);
            importTree(job, into, report, progress);
        } catch (PackageRefusedException e) {
            report.add(refused(zip.toString(), e.getMessage()));
        } catch (IOException e) {
            report.add(refused(zip.toString(), "cannot read the package: " + e.getMessage()));
        } finally {
            deleteTree(temp);
        }
    }

    /** The reason without a leading "PATH: " that repeats the entry's own path. */
    private static String withoutPrefix(String reason, String... paths) {
        for (String p : paths) {
            if (reason.startsWith(p + ": ")) {
                return reason.substring(p.length() + 2);
            }
        }
        return reason;
    }

    private static ImportReport.Entry refused(String path, String reason) {
        return refused(path, reason, "");
    }

    private static ImportReport.Entry refused(String path, String reason, String top) {
        return new ImportReport.Entry(path, null, SaveOutcome.Status.REJECTED, 0, List.of(), reason, top, null, null);
    }

    /** Deletes a folder tree (links are removed, never followed); what cannot be deleted is left. */
    public static void deleteTree(Path root) {
        FileTrees.deleteQuietly(root);
    }
}
