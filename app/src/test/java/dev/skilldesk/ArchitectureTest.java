package dev.skilldesk;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ArchitectureTest {
    private static final Path MAIN = Path.of("app/src/main/java/dev/skilldesk");

    @Test
    void coreImportsNothingFromJavaFx() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !MAIN.relativize(p).toString().startsWith("ui"))
                    .filter(p -> {
                        try {
                            return Files.readString(p).contains("import javafx");
                        } catch (IOException e) {
                            throw new RuntimeException(e);
                        }
                    })
                    .map(Path::toString).toList();
            assertThat(offenders).as("javafx may only be imported under dev.skilldesk.ui").isEmpty();
        }
    }

    @Test
    void lowerLayersNeverCallUpward() throws IOException {
        // skill knows nothing; parse knows skill; store knows skill; nothing below library imports it.
        assertNoImport("skill", "dev.skilldesk.parse", "dev.skilldesk.store", "dev.skilldesk.library",
                "dev.skilldesk.cli");
        assertNoImport("parse", "dev.skilldesk.store", "dev.skilldesk.library", "dev.skilldesk.cli");
        assertNoImport("store", "dev.skilldesk.library", "dev.skilldesk.cli", "dev.skilldesk.analytics",
                "dev.skilldesk.search");
        // search may use the library (the trigger lab does); the library never uses search.
        assertNoImport("library", "dev.skilldesk.cli", "dev.skilldesk.search");
    }

    private static void assertNoImport(String pkg, String... forbidden) throws IOException {
        try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                try {
                    String src = Files.readString(p);
                    for (String f : forbidden) {
                        assertThat(src).as(p + " must not depend on " + f).doesNotContain("import " + f + ".");
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
        }
    }
}
