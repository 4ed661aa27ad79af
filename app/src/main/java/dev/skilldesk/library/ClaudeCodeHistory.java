package dev.skilldesk.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.skill.Activation;
import dev.skilldesk.skill.ActiveSkill;
import dev.skilldesk.skill.Layer;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillVersion;
import dev.skilldesk.store.ActivationStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Imports Claude Code's own record of skill use: the session transcripts under
 * {@code ~/.claude/projects/<project>/<session>.jsonl} (and their subagents' transcripts below them). Each
 * call of the {@code Skill} tool there, an assistant entry's {@code tool_use} block with
 * {@code "name":"Skill"} and {@code input.skill} (older versions: {@code input.command}), becomes an
 * activation of type {@code claude_code} of the library skill of that name, layer 2, at the entry's
 * timestamp; the matching {@code tool_result} says whether it failed and how long it took. The tool_use id
 * is the activation's key, so importing the same transcripts again (or a resumed session that repeats
 * earlier entries) adds nothing.
 */
public final class ClaudeCodeHistory {
    public static final String ACTIVATION_TYPE = "claude_code";
    static final String KEY_PREFIX = "claude-code:";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One call of the Skill tool, as read from a transcript.
     *
     * @param key        the activation key: {@code claude-code:<tool_use id>}
     * @param skill      the skill name as Claude Code called it (a plugin's skill as {@code plugin:name})
     * @param success    false when the tool result was an error, true when it was not, null (unknown) when the
     *                   transcript has no result for the call
     * @param error      the tool result's text when it was an error
     * @param durationMs from the call to its result (0 when there is no result)
     */
    public record SkillUse(String key, String skill, Instant at, String sessionId, Path transcript, int line,
                           Boolean success, String error, long durationMs) {
    }

    /**
     * What an import did.
     *
     * @param transcripts transcript files read
     * @param uses        Skill tool calls found (each counted once)
     * @param added       activations recorded now
     * @param already     of the matched calls, those recorded by an earlier import
     * @param unmatched   skill names with no library skill the importing principal may see, with counts
     * @param problems    lines that could not be read, as {@code file:line: reason}
     */
    public record Report(int transcripts, int uses, int added, int already, Map<String, Integer> unmatched,
                         List<String> problems) {
    }

    private final SkillLibrary library;
    private final ActivationStore activations;

    public ClaudeCodeHistory(SkillLibrary library, ActivationStore activations) {
        this.library = library;
        this.activations = activations;
    }

    /** Where Claude Code keeps its transcripts: {@code $CLAUDE_CONFIG_DIR/projects}, default {@code ~/.claude/projects}. */
    public static Path defaultDir(java.util.Map<String, String> env) {
        return AgentFolders.claudeConfigDir(env).resolve("projects");
    }

    /** Reads every transcript under {@code projectsDir} and records the skill uses it can match. */
    public Report importFrom(Principal who, Path projectsDir) throws IOException {
        if (!Files.isDirectory(projectsDir)) {
            throw new IOException(projectsDir + ": no such folder (Claude Code keeps its transcripts in"
                    + " ~/.claude/projects)");
        }
        List<Path> files = transcripts(projectsDir);
        List<String> problems = new ArrayList<>();
        Map<String, SkillUse> uses = new LinkedHashMap<>();
        for (Path f : files) {
            for (SkillUse u : read(f, problems)) {
                uses.putIfAbsent(u.key(), u);
            }
        }
        Map<String, Integer> unmatched = new TreeMap<>();
        Map<String, ActiveSkill> resolved = new HashMap<>();
        Map<Long, List<SkillVersion>> versions = new HashMap<>();
        List<Activation> rows = new ArrayList<>();
        for (SkillUse u : uses.values()) {
            ActiveSkill skill = resolve(who, u.skill(), resolved);
            if (skill == null) {
                unmatched.merge(u.skill(), 1, Integer::sum);
                continue;
            }
            SkillVersion v = versionAt(skill, u.at(), versions.computeIfAbsent(skill.skill().id(),
                    id -> library.versionsOf(id)));
            rows.add(new Activation(skill.skill().id(), v.version(), who.agentId(), who.namespace(), ACTIVATION_TYPE,
                    Layer.CORE.number(), v.tokens().of(Layer.CORE), u.at(), u.durationMs(), u.success(), u.error(),
                    u.key()));
        }
        int added = activations.insertNew(rows);
        return new Report(files.size(), uses.size(), added, rows.size() - added, unmatched, problems);
    }

    /** The transcript files under {@code projectsDir}: project folders, and subagent folders below them. */
    static List<Path> transcripts(Path projectsDir) throws IOException {
        try (Stream<Path> s = Files.walk(projectsDir, 4)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p))
                    .sorted().toList();
        }
    }

    /**
     * The Skill tool calls in one transcript, joined with their results. A line that is not JSON (a session
     * being written, a truncated copy) is noted in {@code problems} and skipped.
     */
    /** A transcript line longer than this is skipped and reported, never read into memory whole. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    public static List<SkillUse> read(Path transcript, List<String> problems) throws IOException {
        record Call(String key, String skill, Instant at, String sessionId, int line) {
        }
        record Result(boolean error, String text, Instant at) {
        }
        List<Call> calls = new ArrayList<>();
        Map<String, Result> results = new HashMap<>();
        try (BoundedLineReader in = new BoundedLineReader(Files.newInputStream(transcript, LinkOption.NOFOLLOW_LINKS),
                MAX_LINE_BYTES)) {
            BoundedLineReader.Line next;
            int lineNo = 0;
            while ((next = in.next()) != null) {
                lineNo++;
                if (next.tooLong()) {
                    problems.add(transcript + ":" + lineNo + ": a line of " + next.length() + " bytes, over the limit of "
                            + MAX_LINE_BYTES + "; skipped (rule: " + FileNames.RULE_TOO_LARGE + ")");
                    continue;
                }
                String text = next.text();
                if (text.isBlank() || !text.contains("tool_")) {
                    continue; // most lines are plain messages; no need to parse them
                }
                JsonNode entry;
                try {
                    entry = JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    problems.add(transcript + ":" + lineNo + ": not a JSON line (" + e.getOriginalMessage() + ")");
                    continue;
                }
                JsonNode content = entry.path("message").path("content");
                if (!content.isArray()) {
                    continue;
                }
                Instant at = instant(entry.path("timestamp").asText(null));
                String type = entry.path("type").asText("");
                int index = 0;
                for (JsonNode block : content) {
                    String blockType = block.path("type").asText("");
                    if (type.equals("assistant") && blockType.equals("tool_use")
                            && block.path("name").asText("").equals("Skill")) {
                        String skill = skillName(block.path("input"));
                        if (skill == null) {
                            problems.add(transcript + ":" + lineNo + ": a Skill call without input.skill or input.command");
                        } else if (dev.skilldesk.skill.Printable.hasControl(skill)) {
                            problems.add(transcript + ":" + lineNo + ": a Skill call whose name '"
                                    + dev.skilldesk.skill.Printable.line(skill) + "' holds a control or bidirectional"
                                    + " character; refused");
                        } else if (at == null) {
                            problems.add(transcript + ":" + lineNo + ": a Skill call without a timestamp");
                        } else {
                            String id = block.path("id").asText("");
                            String key = KEY_PREFIX + (!id.isEmpty() ? id
                                    : entry.path("uuid").asText(transcript.getFileName() + ":" + lineNo) + "#" + index);
                            calls.add(new Call(key, skill, at, entry.path("sessionId").asText(null), lineNo));
                        }
                    } else if (blockType.equals("tool_result") && block.hasNonNull("tool_use_id")) {
                        results.put(block.get("tool_use_id").asText(), new Result(block.path("is_error").asBoolean(false),
                                resultText(block.path("content")), at));
                    }
                    index++;
                }
            }
        }
        List<SkillUse> out = new ArrayList<>(calls.size());
        for (Call c : calls) {
            Result r = results.get(c.key().substring(KEY_PREFIX.length()));
            long ms = r == null || r.at() == null ? 0 : Math.max(0, Duration.between(c.at(), r.at()).toMillis());
            boolean failed = r != null && r.error();
            out.add(new SkillUse(c.key(), c.skill(), c.at(), c.sessionId(), transcript, c.line(), r == null ? null : !failed,
                    failed ? r.text() : null, ms));
        }
        return out;
    }

    /** {@code input.skill}, else {@code input.command}, without a leading slash or arguments. */
    private static String skillName(JsonNode input) {
        String raw = input.hasNonNull("skill") ? input.get("skill").asText() : input.path("command").asText(null);
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        while (s.startsWith("/") || s.startsWith("$")) {
            s = s.substring(1);
        }
        int space = s.indexOf(' ');
        if (space >= 0) {
            s = s.substring(0, space);
        }
        return s.isEmpty() ? null : s;
    }

    private static String resultText(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            if (part.hasNonNull("text")) {
                sb.append(sb.length() > 0 ? "\n" : "").append(part.get("text").asText());
            }
        }
        return sb.toString();
    }

    private static Instant instant(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The library skill a Skill call names, or null: the name as called, else (a plugin's
     * {@code plugin:name}) the part after the last colon; resolved as {@link SkillLibrary#resolve} does.
     */
    private ActiveSkill resolve(Principal who, String called, Map<String, ActiveSkill> cache) {
        if (cache.containsKey(called)) {
            return cache.get(called);
        }
        ActiveSkill found = null;
        List<String> candidates = called.contains(":")
                ? List.of(called.substring(called.lastIndexOf(':') + 1)) : List.of(called);
        for (String name : candidates) {
            try {
                found = library.resolve(who, name);
                break;
            } catch (SkillNotFoundException | IllegalArgumentException e) {
                // unmatched: counted by the caller
            }
        }
        cache.put(called, found);
        return found;
    }

    /**
     * The version in use at {@code at}: the newest created by then; when the skill came into the library
     * after the use (the usual case for a first import), the active version.
     */
    public static SkillVersion versionAt(ActiveSkill skill, Instant at, List<SkillVersion> versions) {
        SkillVersion best = null;
        for (SkillVersion v : versions) {
            if (!v.createdAt().isAfter(at)) {
                best = v;
            }
        }
        return best != null ? best : skill.version();
    }
}
