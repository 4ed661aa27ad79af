package dev.skilldesk.library;

import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillInstall;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code skilldesk watch} does with a skill folder that changed: a recorded install goes back to its own
 * skill (in that skill's namespace) as a new version and its install record follows; any other folder is
 * imported as {@code skilldesk import} would. Identical content adds no version.
 */
public final class WatchedFolderImporter {
    private final Importer importer;
    private final Installs installs;
    private final Principal who;
    private final ImportOptions options;

    public WatchedFolderImporter(Importer importer, Installs installs, Principal who, ImportOptions options) {
        this.importer = importer;
        this.installs = installs;
        this.who = who;
        this.options = options;
    }

    /** Imports one changed skill folder; never throws for a bad folder, the entry says what happened. */
    public List<ImportReport.Entry> importFolder(Path folder) {
        String where = folder.resolve("SKILL.md").toString();
        Optional<SkillInstall> install = installs.byFolder(folder);
        if (install.isEmpty()) {
            return importer.importPath(who, folder, options).entries();
        }
        try {
            SaveOutcome o = installs.importEdits(who, install.get());
            return List.of(new ImportReport.Entry(where, o.skill() != null ? o.skill().name() : null, o.status(),
                    o.version() != null ? o.version().version() : 0,
                    o.validation() == null ? List.of() : o.validation().issues(), o.reason()));
        } catch (IOException | RuntimeException e) {
            return List.of(new ImportReport.Entry(where, null, SaveOutcome.Status.REJECTED, 0, List.of(),
                    e.getMessage()));
        }
    }
}
