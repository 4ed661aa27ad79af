package dev.skilldesk.agents;

import dev.skilldesk.library.AgentTargets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.skilldesk.agents.SkillSwitchesTest.skill;
import static dev.skilldesk.agents.SkillSwitchesTest.tree;
import static org.assertj.core.api.Assertions.assertThat;

/** Who wins a name, by each agent's documented precedence; overrides; the listing at the agent's budget; scenes. */
class AgentViewTest {
    @TempDir
    Path dir;
    Path home;
    Path project;
    Map<String, String> env;
    SkillSwitches switches;
    AgentView view;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
        project = Files.createDirectories(dir.resolve("work/project"));
        env = Map.of("HOME", home.toString());
        switches = new SkillSwitches(env, dir.resolve("data"), Clock.systemUTC());
        view = new AgentView(env, switches);
    }

    private AgentView.Seen only(AgentView.View v, String name, Path folder) {
        return v.skills().stream().filter(s -> s.name().equals(name) && s.path().equals(folder)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " in " + folder + ": " + v.skills()));
    }

    @Test
    void claudeCodePersonalOverridesProject() throws Exception {
        skill(home.resolve(".claude/skills"), "deploy", "Personal deploy steps for any repository.");
        skill(project.resolve(".claude/skills"), "deploy", "This project's deploy steps.");
        skill(project.resolve(".claude/skills"), "lint", "Runs the project's linters.");
        skill(project.resolve(".agents/skills"), "not-read", "Claude Code does not read .agents/skills.");
        AgentView.View v = view.sees(AgentTargets.byId("claude-code"), project, null, Map.of());
        AgentView.Seen personal = only(v, "deploy", home.resolve(".claude/skills/deploy"));
        AgentView.Seen proj = only(v, "deploy", project.resolve(".claude/skills/deploy"));
        assertThat(personal.wins()).isTrue();
        assertThat(personal.scope()).isEqualTo("personal");
        assertThat(personal.listing()).isEqualTo(AgentView.Listing.FULL);
        assertThat(proj.wins()).isFalse();
        assertThat(proj.scope()).isEqualTo("project");
        assertThat(proj.listing()).isEqualTo(AgentView.Listing.DROPPED);
        assertThat(proj.sameName()).containsExactly(personal.path());
        assertThat(v.skills()).extracting(AgentView.Seen::name).doesNotContain("not-read");
        assertThat(v.budgetChars()).isEqualTo(8_000);

        // overrides from the settings files, the project's local file last
        switches.apply(switches.plan("lint", AgentTargets.byId("claude-code"), project, SkillSwitches.Mode.NAME_ONLY));
        Files.writeString(project.resolve(".claude/settings.local.json"), "{\"skillOverrides\": {\"deploy\": \"off\"}}");
        v = view.sees(AgentTargets.byId("claude-code"), project, null, Map.of());
        assertThat(only(v, "lint", project.resolve(".claude/skills/lint")).listing()).isEqualTo(AgentView.Listing.NAME_ONLY);
        assertThat(only(v, "deploy", home.resolve(".claude/skills/deploy")).override()).isEqualTo("off");
        assertThat(only(v, "deploy", home.resolve(".claude/skills/deploy")).listing()).isEqualTo(AgentView.Listing.DROPPED);
        assertThat(view.overrideSource(AgentTargets.byId("claude-code"), project, only(v, "deploy", home.resolve(".claude/skills/deploy"))))
                .as("switched on where it is set").isEqualTo(project.resolve(".claude/settings.local.json"));
        // switching on in the project lifts the project's overrides, and names one of your own it cannot lift there
        Files.writeString(home.resolve(".claude/settings.json"), "{\"skillOverrides\": {\"deploy\": \"off\"}}");
        SkillSwitches.Plan on = switches.plan("deploy", AgentTargets.byId("claude-code"), project, SkillSwitches.Mode.ON);
        assertThat(on.changes()).extracting(SkillSwitches.Change::path).containsExactly(project.resolve(".claude/settings.local.json"));
        assertThat(on.notes()).anyMatch(n -> n.contains("still off in your own " + home.resolve(".claude/settings.json")));
    }

    @Test
    void codexListsEveryCopyOfAName() throws Exception {
        skill(project.resolve(".agents/skills"), "deploy", "Repo deploy.");
        skill(home.resolve(".agents/skills"), "deploy", "User deploy.");
        skill(home.resolve(".codex/skills"), "old", "In the deprecated user folder, still read.");
        AgentView.View v = view.sees(AgentTargets.byId("codex"), project, null, Map.of());
        assertThat(only(v, "deploy", project.resolve(".agents/skills/deploy")).wins()).isTrue();
        assertThat(only(v, "deploy", home.resolve(".agents/skills/deploy")).wins()).isTrue();
        assertThat(only(v, "deploy", project.resolve(".agents/skills/deploy")).scope()).isEqualTo("repo");
        assertThat(only(v, "old", home.resolve(".codex/skills/old")).scope()).isEqualTo("user");
        assertThat(v.budgetChars()).as("8,000 characters when the window is unknown").isEqualTo(8_000);
        switches.apply(switches.plan("deploy", AgentTargets.byId("codex"), null, SkillSwitches.Mode.OFF));
        v = view.sees(AgentTargets.byId("codex"), project, null, Map.of());
        assertThat(only(v, "deploy", home.resolve(".agents/skills/deploy")).override()).isEqualTo("off");
    }

    @Test
    void geminiCliWorkspaceOverUserAndAgentsAliasFirst() throws Exception {
        skill(project.resolve(".agents/skills"), "review", "Workspace review.");
        skill(project.resolve(".gemini/skills"), "review", "Workspace review, older folder.");
        skill(home.resolve(".agents/skills"), "review", "User review.");
        skill(home.resolve(".gemini/skills"), "review", "User review, older folder.");
        AgentView.View v = view.sees(AgentTargets.byId("gemini-cli"), project, null, Map.of());
        assertThat(v.skills()).filteredOn(AgentView.Seen::wins).singleElement()
                .satisfies(s -> assertThat(s.path()).isEqualTo(project.resolve(".agents/skills/review")));
        assertThat(v.skills()).hasSize(4);
        // outside the project, the user's .agents/skills wins
        v = view.sees(AgentTargets.byId("gemini-cli"), null, null, Map.of());
        assertThat(v.skills()).filteredOn(AgentView.Seen::wins).singleElement()
                .satisfies(s -> assertThat(s.path()).isEqualTo(home.resolve(".agents/skills/review")));
    }

    @Test
    void aUniversalAgentWithoutDocsProjectFirstAndKeptCopiesShownOff() throws Exception {
        AgentTargets.Agent cursor = AgentTargets.byId("cursor");
        skill(project.resolve(".agents/skills"), "fmt", "Project formatter.");
        skill(home.resolve(".agents/skills"), "fmt", "Global formatter.");
        AgentView.View v = view.sees(cursor, project, null, Map.of());
        assertThat(only(v, "fmt", project.resolve(".agents/skills/fmt")).wins()).isTrue();
        assertThat(only(v, "fmt", home.resolve(".agents/skills/fmt")).wins()).isFalse();
        SkillSwitches.Plan p = switches.plan("fmt", cursor, project, SkillSwitches.Mode.OFF);
        assertThat(p.notes()).anyMatch(n -> n.contains("also read by") && n.contains("Codex"));
        switches.apply(p);
        v = view.sees(cursor, project, null, Map.of());
        assertThat(only(v, "fmt", home.resolve(".agents/skills/fmt")).wins()).as("the global copy now").isTrue();
        assertThat(v.skills()).filteredOn(AgentView.Seen::kept).singleElement()
                .satisfies(s -> assertThat(s.override()).isEqualTo("off"));
    }

    @Test
    void listingAtTheRealBudget() throws Exception {
        Map<String, Long> used = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            String name = String.format("skill-%02d", i);
            skill(home.resolve(".claude/skills"), name, "Does thing " + i + " " + "with care ".repeat(25));
            used.put(name, (long) i);
        }
        skill(home.resolve(".claude/skills"), "long-one", "x".repeat(2_000));
        used.put("long-one", 100L);
        AgentView.View v = view.sees(AgentTargets.byId("claude-code"), null, null, used);
        assertThat(v.skills().stream().filter(s -> s.name().equals("long-one")).findFirst().orElseThrow().listing())
                .isEqualTo(AgentView.Listing.CUT);
        assertThat(v.count(AgentView.Listing.NAME_ONLY)).isPositive();
        assertThat(v.count(AgentView.Listing.DROPPED)).as("Claude Code keeps every name").isZero();
        // the least used lose their descriptions first
        assertThat(v.skills().stream().filter(s -> s.name().equals("skill-00")).findFirst().orElseThrow().listing())
                .isEqualTo(AgentView.Listing.NAME_ONLY);
        assertThat(v.skills().stream().filter(s -> s.name().equals("skill-39")).findFirst().orElseThrow().listing())
                .isEqualTo(AgentView.Listing.FULL);
        // a bigger window: everything fits
        assertThat(view.sees(AgentTargets.byId("claude-code"), null, 1_000_000, used).count(AgentView.Listing.NAME_ONLY)).isZero();

        for (int i = 0; i < 200; i++) {
            skill(home.resolve(".agents/skills"), String.format("c-%03d", i), "Codex skill " + i + " " + "words ".repeat(20));
        }
        AgentView.View codex = view.sees(AgentTargets.byId("codex"), null, null, Map.of());
        assertThat(codex.count(AgentView.Listing.DROPPED)).as("over 8,000 characters some are left out").isPositive();
        assertThat(codex.count(AgentView.Listing.NAME_ONLY)).isPositive();
        assertThat(codex.count(AgentView.Listing.FULL)).isZero();
        AgentView.View roomy = view.sees(AgentTargets.byId("codex"), null, 1_000_000, Map.of());
        assertThat(roomy.budgetChars()).isEqualTo(80_000);
        assertThat(roomy.count(AgentView.Listing.DROPPED)).isZero();
    }

    @Test
    void aSceneSwitchedAndUndoneLeavesEveryFolderAndSettingsFileByteIdentical() throws Exception {
        Files.createDirectories(home.resolve(".claude"));
        Files.writeString(home.resolve(".claude/settings.json"), "{\n  \"model\": \"opus\"\n}\n");
        Files.createDirectories(home.resolve(".codex"));
        Files.writeString(home.resolve(".codex/config.toml"), "model = \"o3\"\n");
        for (String s : List.of("pdf", "csv", "deploy")) {
            skill(home.resolve(".claude/skills"), s, "Skill " + s + " for Claude.");
            skill(home.resolve(".agents/skills"), s, "Skill " + s + " shared.");
            skill(home.resolve(".codeium/windsurf/skills"), s, "Skill " + s + " for Windsurf.");
        }
        Map<String, String> before = tree(home);
        List<AgentTargets.Agent> agents = List.of(AgentTargets.byId("claude-code"), AgentTargets.byId("codex"),
                AgentTargets.byId("gemini-cli"), AgentTargets.byId("windsurf"));
        Scenes scenes = new Scenes(switches);
        Scenes.Scene scene = scenes.plan("writing", List.of("pdf", "csv", "missing"), false, agents, null);
        assertThat(scene.changes()).extracting(c -> c.isMove() ? c.from().toString() : c.path().toString())
                .contains(home.resolve(".claude/settings.json").toString(), home.resolve(".codex/config.toml").toString(),
                        home.resolve(".gemini/settings.json").toString(),
                        home.resolve(".codeium/windsurf/skills/pdf").toString());
        assertThat(scene.changes()).filteredOn(c -> !c.isMove()).extracting(SkillSwitches.Change::path)
                .as("one change per file").doesNotHaveDuplicates();
        assertThat(scene.notes()).anyMatch(n -> n.contains("missing"));
        scenes.apply(scene);
        assertThat(tree(home)).isNotEqualTo(before);
        assertThat(AgentViewTest.this.view.sees(AgentTargets.byId("claude-code"), null, null, Map.of()).skills())
                .filteredOn(s -> s.name().equals("pdf")).allSatisfy(s -> assertThat(s.override()).isEqualTo("off"));
        assertThat(scenes.last()).contains("Switched off 3 skills of writing");
        assertThat(view.sees(AgentTargets.byId("windsurf"), null, null, Map.of()).skills())
                .as("the scene's record in the keep is no kept copy").filteredOn(AgentView.Seen::kept).hasSize(2);

        // undo from a new instance, as the CLI would after the window switched it
        new Scenes(new SkillSwitches(env, dir.resolve("data"), Clock.systemUTC())).undoLast();
        assertThat(tree(home)).isEqualTo(before);
        assertThat(scenes.last()).isNull();
    }
}
