package dev.skilldesk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small SKILL.md builders for tests. */
public final class TestSkills {
    private TestSkills() {
    }

    public static String skillMd(String name, String description, String body) {
        String quoted = "'" + description.replace("'", "''") + "'"; // any text is a valid YAML scalar this way
        return "---\nname: " + name + "\ndescription: " + quoted + "\n---\n\n" + body + "\n";
    }

    /** Writes {@code parent/name/SKILL.md} and returns the folder. */
    public static Path writeSkill(Path parent, String name, String description, String body) throws IOException {
        Path dir = parent.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("SKILL.md"), skillMd(name, description, body), StandardCharsets.UTF_8);
        return dir;
    }
}
