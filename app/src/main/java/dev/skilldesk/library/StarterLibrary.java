package dev.skilldesk.library;

import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.store.SkillStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The skills written for this project (about SkillDesk and skill authoring), shipped on the class path
 * from {@code data/starter} and loaded once into a library that has never held any.
 */
public final class StarterLibrary {
    static final String SETTING = "starter_library_loaded";
    private static final String ROOT = "/starter/";

    private StarterLibrary() {
    }

    /** Loads the starter skills when the library is new; returns the import report, or null if skipped. */
    public static ImportReport loadIfFirstStart(SkillStore store, Importer importer, Principal author) {
        if (store.setting(SETTING).isPresent()) {
            return null;
        }
        boolean empty = store.countAll() == 0;
        ImportReport report = null;
        if (empty) {
            report = load(importer, author);
        }
        store.putSetting(SETTING, "true");
        return report;
    }

    public static ImportReport load(Importer importer, Principal author) {
        Path temp = null;
        try {
            temp = Files.createTempDirectory("skilldesk-starter-");
            for (String file : index()) {
                try (InputStream in = StarterLibrary.class.getResourceAsStream(ROOT + file)) {
                    if (in == null) {
                        throw new IOException("starter file missing from the build: " + file);
                    }
                    Path out = temp.resolve(file).normalize();
                    Files.createDirectories(out.getParent());
                    Files.write(out, in.readAllBytes());
                }
            }
            // the starter skills have their own place, the default namespace, whatever namespace the first command
            // names (`--namespace team source add …` must not find them beside the source's skills)
            Principal owner = new Principal(author.agentId(), LocalIdentity.DEFAULT_NAMESPACE);
            return importer.importPath(owner, temp, new ImportOptions(LocalIdentity.DEFAULT_NAMESPACE, AccessLevel.PUBLIC,
                    "skill-author"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the starter library", e);
        } finally {
            Importer.deleteTree(temp);
        }
    }

    static List<String> index() throws IOException {
        try (InputStream in = StarterLibrary.class.getResourceAsStream(ROOT + "INDEX")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }
}
