package dev.skilldesk.library;

import dev.skilldesk.skill.Principal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    public Importer(SkillLibrary library) {
        this.library = library;
    }

    public ImportReport importPath(Principal author, Path path, ImportOptions options) {
        return importPath(author, path, options, (done, total) -> { });
    }

    /** Imports {@code path}; {@code progress} receives (done, total) after each skill. */
    public ImportReport importPath(Principal author, Path path, ImportOptions options,
                                   BiConsumer<Integer, Integer> progress) {
        ImportReport report = new ImportReport();
        if (!Files.exists(path)) {
            report.add(refused(path.toString(), "no such file or folder"));
            return report;
        }
        if (Files.isRegularFile(path) && isPackage(path)) {
            importPackage(author, path, options, report, progress);
        } else if (Files.isDirectory(path)) {
            importTree(author, path, options, report, progress);
        } else if (path.getFileName().toString().equals("SKILL.md")) {
            importTree(author, path.toAbsolutePath().getParent(), options, report, progress);
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

    private void importTree(Principal author, Path root, ImportOptions options, ImportReport report,
                            BiConsumer<Integer, Integer> progress) {
        SkillFolderReader.Scan scan;
        try {
            scan = SkillFolderReader.scan(root);
            if (!scan.installLeftovers().isEmpty()) {
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
        scan.refused().forEach(r -> report.add(refused(FileNames.printable(r.path().toString()), r.reason())));
        scan.skipped().forEach(r -> report.skip(FileNames.printable(r.path().toString()), r.reason()));
        List<Path> folders = scan.folders();
        if (folders.isEmpty() && scan.refused().isEmpty()) {
            report.add(refused(root.toString(), "no SKILL.md found (searched " + SkillFolderReader.MAX_DEPTH
                    + " levels deep)"));
        }
        int done = 0;
        for (Path folder : folders) {
            importFolder(author, folder, options, report);
            progress.accept(++done, folders.size());
        }
    }

    private void importFolder(Principal author, Path folder, ImportOptions options, ImportReport report) {
        String where = folder.resolve("SKILL.md").toString();
        try {
            SkillDraft draft = SkillFolderReader.read(folder);
            SaveOutcome outcome = library.save(author, draft, options.saveOptions());
            report.add(new ImportReport.Entry(where,
                    outcome.skill() != null ? outcome.skill().name() : null, outcome.status(),
                    outcome.version() != null ? outcome.version().version() : 0,
                    outcome.validation() == null ? List.of() : outcome.validation().issues(), outcome.reason()));
        } catch (PackageRefusedException e) {
            report.add(refused(where, withoutPrefix(e.getMessage(), where, folder.toString())));
        } catch (IOException e) {
            report.add(refused(where, "cannot read: " + e.getMessage()));
        } catch (RuntimeException e) {
            report.add(refused(where, e.getClass().getSimpleName() + ": " + e.getMessage()));
        } catch (OutOfMemoryError e) {
            // sizes are checked before reading, so this is a last resort: one skill never stops the others
            report.add(refused(where, "too large to read into memory (rule: " + FileNames.RULE_TOO_LARGE + ")"));
        }
    }

    private void importPackage(Principal author, Path zip, ImportOptions options, ImportReport report,
                               BiConsumer<Integer, Integer> progress) {
        Path temp = null;
        try {
            // a fresh folder of our own; the package's base name only names the folder inside it (a skill at
            // the package's root is checked against it), and only when it is a plain name
            temp = Files.createTempDirectory("skilldesk-import-");
            String base = zip.getFileName().toString().replaceFirst("\\.(?i)(skill|zip)$", "");
            Path into = FileNames.nameProblem(base) == null ? FileNames.child(temp, base) : temp.resolve("package");
            Files.createDirectory(into);
            SafeZip.extract(zip, into);
            importTree(author, into, options, report, progress);
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
        return new ImportReport.Entry(path, null, SaveOutcome.Status.REJECTED, 0, List.of(), reason);
    }

    static void deleteTree(Path root) {
        FileTrees.deleteQuietly(root);
    }
}
