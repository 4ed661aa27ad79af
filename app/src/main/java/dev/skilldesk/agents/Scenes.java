package dev.skilldesk.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skilldesk.library.AgentTargets.Agent;
import dev.skilldesk.library.WriteRoot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scene: a set of skills (a profile's) switched on or off for chosen agents in one action, by each agent's own
 * switch or the keep ({@link SkillSwitches}), never by deleting. It is planned whole first (every file and folder it
 * changes, so a front end shows it before anything is written), applied whole, and undone whole: the last scene's
 * changes are kept in the keep ({@code last-scene.json}) until undone, so the CLI can undo what the window did and the
 * other way round. Undo puts every settings file back to its bytes and every folder back where it was.
 */
public final class Scenes {
    static final String JOURNAL = ".last-scene.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A planned scene: what it switches, each change (one per file, however many switches edit it), and notes. */
    public record Scene(String name, SkillSwitches.Mode mode, List<Agent> agents, Path project, List<String> skills,
                        List<SkillSwitches.Change> changes, List<String> notes) {
        public boolean on() {
            return mode == SkillSwitches.Mode.ON;
        }
    }

    private final SkillSwitches switches;

    public Scenes(SkillSwitches switches) {
        this.switches = switches;
    }

    /**
     * Plans switching {@code skills} on or off for {@code agents} in {@code project} (null: globally). A skill an agent
     * has no copy of (for an agent whose switch is the keep) is a note, not a refusal.
     */
    public Scene plan(String name, List<String> skills, boolean on, List<Agent> agents, Path project) throws IOException {
        return plan(name, skills, on ? SkillSwitches.Mode.ON : SkillSwitches.Mode.OFF, agents, project, true);
    }

    /**
     * Plans many switches as one: each settings file changed once, from its bytes now to the bytes after every switch
     * of it, described by all of them. {@code lenient}: a skill an agent has no copy of is a note (a scene); else the
     * refusal stands (a switch the author named skill by skill).
     */
    public Scene plan(String name, List<String> skills, SkillSwitches.Mode mode, List<Agent> agents, Path project,
                      boolean lenient) throws IOException {
        Map<Path, byte[]> pending = new LinkedHashMap<>();
        Map<Path, byte[]> firstBefore = new LinkedHashMap<>();
        Map<Path, SkillSwitches.Change> lastFileChange = new LinkedHashMap<>();
        Map<Path, List<String>> whats = new LinkedHashMap<>();
        List<SkillSwitches.Change> moves = new ArrayList<>();
        Set<Path> moved = new LinkedHashSet<>();
        List<String> notes = new ArrayList<>();
        for (Agent a : agents) {
            for (String skill : skills) {
                SkillSwitches.Plan p;
                try {
                    p = switches.plan(skill, a, project, mode, pending);
                } catch (SkillSwitches.Refused r) {
                    if (lenient && (r.getMessage().startsWith("no skill folder") || r.getMessage().startsWith("no copy of"))) {
                        notes.add(a.name() + ": " + r.getMessage());
                        continue;
                    }
                    throw r;
                }
                for (SkillSwitches.Change c : p.changes()) {
                    if (c.isMove()) {
                        if (moved.add(c.from())) {
                            moves.add(c);
                        }
                    } else {
                        if (!firstBefore.containsKey(c.path())) { // putIfAbsent would replace a null (no file before)
                            firstBefore.put(c.path(), c.before());
                        }
                        pending.put(c.path(), c.after());
                        lastFileChange.put(c.path(), c);
                        List<String> w = whats.computeIfAbsent(c.path(), k -> new ArrayList<>());
                        if (!w.contains(c.what())) {
                            w.add(c.what());
                        }
                    }
                }
                for (String n : p.notes()) {
                    if (!notes.contains(n)) {
                        notes.add(n);
                    }
                }
            }
        }
        List<SkillSwitches.Change> changes = new ArrayList<>();
        lastFileChange.forEach((f, c) -> {
            byte[] before = firstBefore.get(f);
            if (!java.util.Arrays.equals(before, c.after())) {
                changes.add(new SkillSwitches.Change(String.join("; ", whats.get(f)), f, before, c.after(), null, null,
                        c.root(), null, before == null ? SkillSwitches.topMissing(f, c.root())
                        : c.after() == null ? c.madeDir() : null));
            }
        });
        changes.addAll(moves);
        return new Scene(name, mode, List.copyOf(agents), project, List.copyOf(skills), List.copyOf(changes), List.copyOf(notes));
    }

    /** Applies the scene whole (a failure undoes what it had done) and keeps it for {@link #undoLast()}. */
    public List<SkillSwitches.Change> apply(Scene scene) throws IOException {
        if (scene.changes().isEmpty()) {
            return List.of(); // nothing done: the last scene stays the one to undo
        }
        List<SkillSwitches.Change> done = switches.apply(scene.changes());
        writeJournal(scene, done);
        return done;
    }

    /** Undoes the last scene applied (by the window or the CLI); empty when there is none. */
    public List<SkillSwitches.Change> undoLast() throws IOException {
        Path j = switches.keep().resolve(JOURNAL);
        if (!Files.isRegularFile(j)) {
            return List.of();
        }
        List<SkillSwitches.Change> done = readJournal(j);
        switches.undo(done);
        WriteRoot.of(switches.keep().getParent()).delete(j);
        return done;
    }

    /** What the last scene applied was, in words (null: none to undo). */
    public String last() throws IOException {
        Path j = switches.keep().resolve(JOURNAL);
        if (!Files.isRegularFile(j)) {
            return null;
        }
        return JSON.readTree(j.toFile()).path("title").asText(null);
    }

    private void writeJournal(Scene scene, List<SkillSwitches.Change> done) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("title", title(scene));
        ArrayNode list = root.putArray("changes");
        Base64.Encoder b64 = Base64.getEncoder();
        for (SkillSwitches.Change c : done) {
            ObjectNode o = list.addObject();
            o.put("what", c.what());
            o.put("root", c.root().toString());
            if (c.isMove()) {
                o.put("from", c.from().toString());
                o.put("to", c.to().toString());
                o.put("keepRoot", c.keepRoot().toString());
            } else {
                o.put("path", c.path().toString());
                o.put("before", c.before() == null ? null : b64.encodeToString(c.before()));
                o.put("after", c.after() == null ? null : b64.encodeToString(c.after()));
                if (c.madeDir() != null) {
                    o.put("madeDir", c.madeDir().toString());
                }
            }
        }
        WriteRoot.of(switches.keep().getParent()).write(switches.keep().resolve(JOURNAL),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    /** "Switched off 3 skills of writing for Claude Code, Codex in /p". */
    public static String title(Scene s) {
        return title(s, true);
    }

    /** The scene in words, done ("Switched off …") or to do ("Switch off …"). */
    public static String title(Scene s, boolean done) {
        String verb = s.mode() == SkillSwitches.Mode.ON ? "on" : s.mode() == SkillSwitches.Mode.OFF ? "off"
                : s.mode().label();
        String which = s.name() != null ? s.skills().size() + " skill" + (s.skills().size() == 1 ? "" : "s") + " of " + s.name()
                : s.skills().size() <= 3 ? String.join(", ", s.skills())
                : String.join(", ", s.skills().subList(0, 3)) + " and " + (s.skills().size() - 3) + " more";
        return (done ? "Switched " : "Switch ") + verb + " " + which + " for "
                + String.join(", ", s.agents().stream().map(Agent::name).toList())
                + (s.project() == null ? "" : " in " + s.project());
    }

    private static List<SkillSwitches.Change> readJournal(Path j) throws IOException {
        JsonNode root = JSON.readTree(Files.readString(j, StandardCharsets.UTF_8));
        Base64.Decoder b64 = Base64.getDecoder();
        List<SkillSwitches.Change> out = new ArrayList<>();
        for (JsonNode o : root.path("changes")) {
            Path r = Path.of(o.path("root").asText());
            if (o.has("from")) {
                out.add(new SkillSwitches.Change(o.path("what").asText(), null, null, null, Path.of(o.get("from").asText()),
                        Path.of(o.get("to").asText()), r, Path.of(o.get("keepRoot").asText()), null));
            } else {
                out.add(new SkillSwitches.Change(o.path("what").asText(), Path.of(o.get("path").asText()),
                        o.get("before").isNull() ? null : b64.decode(o.get("before").asText()),
                        o.get("after").isNull() ? null : b64.decode(o.get("after").asText()), null, null, r, null,
                        o.hasNonNull("madeDir") ? Path.of(o.get("madeDir").asText()) : null));
            }
        }
        return out;
    }
}
