package dev.skilldesk.reliability;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.TestSkills;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Activation;
import dev.skilldesk.skill.ActiveSkill;
import dev.skilldesk.skill.Principal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Process B of the change-feed test: writes to a library on command, one line on stdin each ("save NAME
 * WORDS…", "activate NAME", "access NAME LEVEL", "delete NAME"), and prints "DONE …" once the write is
 * committed. Run with its clock shifted ({@code -Dskilldesk.test.clock-offset-ms}).
 */
public final class FeedWriter {
    private FeedWriter() {
    }

    public static void main(String[] args) throws Exception {
        Principal bob = new Principal("bob", "team-b");
        try (SkillDeskCore core = SkillDeskCore.open(Path.of(args[0]), bob, Map.of());
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println("READY");
            System.out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                String[] w = line.split(" ", 3);
                switch (w[0]) {
                    case "save" -> core.library().save(bob, new SkillDraft("feed", w[1], TestSkills.skillMd(w[1], w[2],
                            "## Core Instructions\n" + w[2]), List.of()), new SaveOptions("team-b", AccessLevel.PRIVATE,
                            null));
                    case "activate" -> {
                        ActiveSkill a = core.library().get(bob, "team-b", w[1]).orElseThrow();
                        core.activations().log(new Activation(a.skill().id(), a.version().version(), "bob", "team-b",
                                "manual", 2, 10, core.library().byId(a.skill().id()).orElseThrow().updatedAt(),
                                1, true, null));
                        core.activations().flush();
                    }
                    case "access" -> core.library().setAccess(bob, "team-b", w[1], AccessLevel.parse(w[2]));
                    case "delete" -> core.library().delete(bob, "team-b", w[1]);
                    default -> throw new IllegalArgumentException(line);
                }
                System.out.println("DONE " + line);
                System.out.flush();
            }
        }
    }
}
