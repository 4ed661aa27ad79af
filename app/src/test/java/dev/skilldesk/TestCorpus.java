package dev.skilldesk;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the shared corpus of third-party skills ({@code ../shared/corpus}). It is not copied into the
 * repository (17 MB of others' work); where it cannot be found the tests that need it are skipped
 * with a message, never silently passed.
 */
public final class TestCorpus {
    private TestCorpus() {
    }

    public static Path root() {
        List<Path> candidates = new ArrayList<>();
        String prop = System.getProperty("skilldesk.corpus");
        if (prop != null) {
            candidates.add(Path.of(prop));
        }
        String env = System.getenv("SKILLDESK_CORPUS");
        if (env != null) {
            candidates.add(Path.of(env));
        }
        candidates.add(Path.of("../shared/corpus"));
        candidates.add(Path.of("/work/shared/corpus"));
        for (Path p : candidates) {
            if (Files.isDirectory(p.resolve("anthropics-skills"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        Assumptions.abort("the shared skill corpus was not found (set SKILLDESK_CORPUS); looked in " + candidates);
        return null;
    }
}
