package dev.skilldesk.reliability;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.bench.SyntheticCorpus;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.skill.Activation;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A child JVM for the crash tests: works on a library until it is killed with SIGKILL, printing what
 * it knows to be committed. {@code import DIR SEED} saves skills (with a resource file) and prints
 * "C name version hash" after each save returns; {@code activations DIR} logs activations as fast as
 * it can and prints "E count epochMillis" every 500; {@code install DIR AGENT} saves two versions of a skill
 * and installs them in turn into AGENT, printing "I version" after each install returns.
 */
public final class CrashWorker {
    private CrashWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        Principal me = new Principal("crash", "default");
        SkillDeskCore core = SkillDeskCore.open(dir, me, Map.of());
        System.out.println("READY");
        System.out.flush();
        if (args[0].equals("install")) {
            // two versions of one skill, installed in turn into an agent folder until the kill
            Path agent = Path.of(args[2]);
            for (int v = 1; v <= 2; v++) {
                List<SkillFile> files = new java.util.ArrayList<>();
                for (int f = 0; f < 20 * v; f++) {
                    byte[] b = ("file " + f + " of version " + v + "\n").repeat(200).getBytes(StandardCharsets.UTF_8);
                    files.add(new SkillFile("references/part-" + f + ".md", b, dev.skilldesk.library.ContentHash.sha256(b), true));
                }
                core.library().save(me, new SkillDraft("crash", "kill-target", dev.skilldesk.TestSkills.skillMd("kill-target",
                        "Installed again and again until killed.", "version " + v), files), SaveOptions.defaults("default"));
            }
            System.out.println("SAVED");
            System.out.flush();
            for (int i = 0; ; i++) {
                core.installs().install(me, "default", "kill-target", 1 + i % 2, agent);
                System.out.println("I " + (1 + i % 2));
                System.out.flush();
            }
        } else if (args[0].equals("import")) {
            long seed = Long.parseLong(args[2]);
            for (int i = 0; ; i++) {
                SyntheticCorpus.GeneratedSkill g = SyntheticCorpus.skill(seed, i % 200);
                String content = i < 200 ? g.content() : SyntheticCorpus.revise(g.content(), i);
                byte[] script = ("print(" + i + ")\n").getBytes(StandardCharsets.UTF_8);
                SaveOutcome o = core.library().save(me, new SkillDraft("crash", g.name(), content,
                        List.of(new SkillFile("scripts/run.py", script, dev.skilldesk.library.ContentHash.sha256(script), true))),
                        SaveOptions.defaults("default"));
                if (o.stored()) {
                    System.out.println("C " + g.name() + " " + o.version().version() + " " + o.version().contentHash());
                    System.out.flush();
                }
            }
        } else {
            SyntheticCorpus.GeneratedSkill g = SyntheticCorpus.skill(1, 0);
            long skillId = core.library().save(me, new SkillDraft("crash", g.name(), g.content(), List.of()),
                    SaveOptions.defaults("default")).skill().id();
            for (long n = 1; ; n++) {
                core.activations().log(new Activation(skillId, 1, "crash", "default", "test", 2, 100, Instant.now(), 1, true, null));
                if (n % 500 == 0) {
                    System.out.println("E " + n + " " + System.currentTimeMillis());
                    System.out.flush();
                    Thread.sleep(2); // ~250,000 rows/s at most: a burst, not a flood the test cannot follow
                }
            }
        }
    }
}
