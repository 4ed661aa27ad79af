package dev.skilldesk.reliability;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.TestSkills;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.search.SearchMode;
import dev.skilldesk.search.SearchRequest;
import dev.skilldesk.skill.Activation;
import dev.skilldesk.skill.Principal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One side of the two-process test: for {@code seconds}, saves new versions of its own skills, logs
 * activations and searches, printing "C name version" per committed save, "A n" for activations
 * logged, and "ERR message" for any error that would reach a user. Prints "DONE" after a clean close.
 */
public final class MixedLoadWorker {
    private MixedLoadWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String who = args[1];
        long seconds = Long.parseLong(args[2]);
        run(dir, who, seconds, System.out);
        System.out.println("DONE");
        System.out.flush();
    }

    static void run(Path dir, String who, long seconds, java.io.PrintStream out) {
        Principal me = new Principal(who, "default");
        long activations = 0;
        try (SkillDeskCore core = SkillDeskCore.open(dir, me, Map.of())) {
            long end = System.currentTimeMillis() + seconds * 1000;
            for (int i = 0; System.currentTimeMillis() < end; i++) {
                String name = who + "-skill-" + (i % 20);
                try {
                    SaveOutcome o = core.library().save(me, new SkillDraft("load", name,
                            TestSkills.skillMd(name, "Skill " + i + " of " + who, "Body " + i), List.of()),
                            SaveOptions.defaults("default"));
                    if (o.stored()) {
                        out.println("C " + name + " " + o.version().version());
                    }
                    for (int a = 0; a < 50; a++) {
                        core.activations().log(new Activation(o.skill().id(), o.skill().activeVersion(), who, "default",
                                "load", 2, 10, Instant.now(), 1, true, null));
                        activations++;
                    }
                    if (i % 10 == 0) {
                        core.store().list(me, dev.skilldesk.skill.SkillQuery.all());
                        core.search().search(me, new SearchRequest("skill " + i, SearchMode.KEYWORD, null, null, 5));
                    }
                } catch (RuntimeException e) {
                    out.println("ERR " + e);
                }
            }
            out.println("A " + activations);
        }
        out.flush();
    }
}
