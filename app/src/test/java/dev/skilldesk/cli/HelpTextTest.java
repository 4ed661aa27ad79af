package dev.skilldesk.cli;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code skilldesk --help} is answered from a resource, before the command line is built (the launcher's constant
 * answers): it must be what picocli renders. When a command changes, this test writes the new text to the resource
 * in the source tree and fails once, so the change is seen and committed.
 */
class HelpTextTest {
    private static final Path SOURCE = Path.of("app/src/main/resources/dev/skilldesk/cli", SkillDeskCli.HELP_RESOURCE);

    @Test
    void theHelpAnsweredBeforeTheCliIsBuiltIsPicocliHelp() throws Exception {
        String rendered = SkillDeskCli.renderHelp(80);
        String kept;
        try (InputStream in = SkillDeskCli.class.getResourceAsStream(SkillDeskCli.HELP_RESOURCE)) {
            kept = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!kept.equals(rendered)) {
            Files.writeString(SOURCE, rendered, StandardCharsets.UTF_8);
        }
        assertThat(kept).as(SOURCE + " was out of date and has been rewritten: commit it").isEqualTo(rendered);
        assertThat(rendered).contains("Usage: skilldesk", "sees", "disable", "scene");
    }
}
