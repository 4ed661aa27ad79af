package dev.skilldesk.library;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class StarterLibraryTest {
    @TempDir
    Path dir;

    @Test
    void theIndexListsEveryStarterFile() throws IOException {
        Path root = Path.of("data/starter");
        try (Stream<Path> s = Files.walk(root)) {
            List<String> files = s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .filter(p -> !p.equals("INDEX")).sorted().toList();
            assertThat(StarterLibrary.index()).containsExactlyElementsOf(files);
        }
    }

    @Test
    void loadsOnceIntoANewLibraryAndPassesStrictValidation() {
        Principal me = new Principal("me", "default");
        try (SkillDeskCore core = SkillDeskCore.openWithStarter(dir, me)) {
            List<String> names = core.library().list(me, SkillQuery.all()).stream().map(s -> s.name()).toList();
            assertThat(names).contains("writing-skill-descriptions", "skilldesk-cli", "packaging-skills").hasSize(5);
            core.library().delete(me, "default", "skilldesk-cli");
        }
        try (SkillDeskCore again = SkillDeskCore.openWithStarter(dir, me)) {
            assertThat(again.library().list(me, SkillQuery.all())).hasSize(4); // not re-added
        }
    }
}
