package dev.skilldesk.mcp;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.AccessDeniedException;
import dev.skilldesk.library.Activations;
import dev.skilldesk.library.LayerContent;
import dev.skilldesk.library.SkillLibrary;
import dev.skilldesk.library.SkillNeedsFixesException;
import dev.skilldesk.library.SkillNotFoundException;
import dev.skilldesk.search.IndexStatus;
import dev.skilldesk.search.SearchHit;
import dev.skilldesk.search.SearchMode;
import dev.skilldesk.search.SearchRequest;
import dev.skilldesk.search.SearchResponse;
import dev.skilldesk.search.Indexer;
import dev.skilldesk.search.SearchStack;
import dev.skilldesk.skill.Activation;
import dev.skilldesk.skill.ActiveSkill;
import dev.skilldesk.skill.Layer;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.SkillFile;
import dev.skilldesk.skill.SkillVersion;
import dev.skilldesk.skill.SkillQuery;
import dev.skilldesk.skill.StoreException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the MCP tools do, apart from the protocol: arguments in, a JSON-ready answer or an error message
 * out, always as the one principal the server was started for, so every read goes through the library's
 * and the search's access rules. Loading layer 2 or 3 records an activation (type {@code mcp_tool}) through
 * the batching writer and answers with its {@code activation_id}, a random UUID stored as the activation's
 * key; {@code record_outcome} finds the row by that key later, so the id is valid before the writer has
 * even written the row.
 */
public final class SkillTools {
    public static final String ACTIVATION_TYPE = "mcp_tool";
    static final String KEY_PREFIX = "mcp:";
    /** Larger files are refused rather than pushed through a stdio pipe into an agent's context. */
    static final int MAX_FILE_BYTES = 5 * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(SkillTools.class.getName());

    /** A tool's answer: a JSON-ready body, or an error message for the agent (never both). */
    public record Result(Map<String, Object> body, String error) {
        static Result ok(Map<String, Object> body) {
            return new Result(body, null);
        }

        static Result failed(String message) {
            return new Result(null, message);
        }

        public boolean isError() {
            return error != null;
        }
    }

    private final SkillLibrary library;
    private final Supplier<SearchStack> search;
    private final Activations activations;
    private final Principal who;
    private final Clock clock;
    private final Duration indexWait;

    public SkillTools(SkillLibrary library, Supplier<SearchStack> search, Activations activations, Principal who,
                      Clock clock, Duration indexWait) {
        this.library = library;
        this.search = search;
        this.activations = activations;
        this.who = who;
        this.clock = clock;
        this.indexWait = indexWait;
    }

    /** The tools over an open core, acting as {@code who}. */
    public static SkillTools of(SkillDeskCore core, Principal who) {
        return new SkillTools(core.library(), core::search, core.activations(), who, Clock.systemUTC(),
                Duration.ofSeconds(5));
    }

    /** The Skills Extension over the same library, agent and clock. */
    SkillsExtension extension() {
        return extension(null);
    }

    SkillsExtension extension(ConformanceFixtures fixtures) {
        return new SkillsExtension(library, activations, who, clock, fixtures);
    }

    /** The same tools acting as another principal (an HTTP request's, from its bearer token). */
    SkillTools as(Principal other) {
        return other.equals(who) ? this : new SkillTools(library, search, activations, other, clock, indexWait);
    }

    public Principal principal() {
        return who;
    }

    /** Runs a tool by name; whatever goes wrong comes back as an error result, never as an exception. */
    public Result call(String tool, Map<String, Object> args) {
        return call(tool, args, CallContext.NONE);
    }

    /**
     * Runs a tool as {@link #call(String, Map)} does, telling {@code ctx} how it goes; a call the client
     * cancelled ends with {@link CallContext.Cancelled}, the one exception this lets through.
     */
    Result call(String tool, Map<String, Object> args, CallContext ctx) {
        try {
            Result r = switch (tool) {
                case McpSkillServer.SEARCH -> searchSkills(args, ctx);
                case McpSkillServer.GET -> getSkill(args);
                case McpSkillServer.LIST -> listSkills(args);
                case McpSkillServer.READ_FILE -> readSkillFile(args);
                case McpSkillServer.OUTCOME -> recordOutcome(args);
                default -> Result.failed("unknown tool '" + tool + "'; this server's tools are "
                        + String.join(", ", McpSkillServer.TOOLS));
            };
            if (r.isError()) {
                ctx.log(CallContext.Level.INFO, r.error());
            } else {
                ctx.log(CallContext.Level.DEBUG, tool + " answered as agent '" + who.agentId() + "'");
            }
            return r;
        } catch (CallContext.Cancelled e) {
            throw e;
        } catch (SkillNotFoundException | AccessDeniedException | SkillNeedsFixesException | IllegalArgumentException e) {
            ctx.log(CallContext.Level.INFO, e.getMessage());
            return Result.failed(e.getMessage());
        } catch (StoreException e) {
            LOG.log(Level.WARNING, tool + " failed", e);
            ctx.log(CallContext.Level.ERROR, tool + ": the library could not answer: " + e.getMessage());
            return Result.failed("the library could not answer: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, tool + " failed", e);
            ctx.log(CallContext.Level.ERROR, tool + " failed unexpectedly: " + e);
            return Result.failed(tool + " failed unexpectedly (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); details are in the server's log");
        }
    }

    Result searchSkills(Map<String, Object> raw) {
        return searchSkills(raw, CallContext.NONE);
    }

    Result searchSkills(Map<String, Object> raw, CallContext ctx) {
        ToolArgs a = new ToolArgs(McpSkillServer.SEARCH, raw, Set.of("query", "top_k", "mode", "persona"));
        String query = a.requiredString("query");
        int topK = a.integer("top_k", 5, 1, 50);
        String modeText = a.string("mode");
        SearchMode mode;
        try {
            mode = modeText == null ? SearchMode.HYBRID : SearchMode.parse(modeText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(McpSkillServer.SEARCH + ": " + e.getMessage());
        }
        String persona = blankToNull(a.string("persona"));
        SearchStack stack = search.get();
        ctx.checkCancelled();
        awaitIndex(stack, ctx);
        SearchResponse r = stack.search(who, new SearchRequest(query, mode, null, persona, topK).forAgents());
        List<Map<String, Object>> results = new ArrayList<>();
        int rank = 1;
        for (SearchHit h : r.hits()) {
            Map<String, Object> m = entry(h.skill());
            m.put("rank", rank++);
            m.put("relevance", Math.round(h.relevance() * 1000) / 1000.0); // 0..1, the number the window shows
            m.put("found_by", h.foundBy().stream().map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
            results.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("mode", r.mode().name().toLowerCase(Locale.ROOT));
        body.put("results", results);
        if (r.notice() != null) {
            body.put("notice", r.notice());
        }
        return Result.ok(body);
    }

    /**
     * Gives pending embeddings a moment, so a search right after start is not keyword-only; bounded. While it
     * waits, the client hears how far the index is (progress, when it asked for it) and may cancel.
     */
    private void awaitIndex(SearchStack stack, CallContext ctx) {
        boolean[] told = {false};
        try {
            IndexStatus end = stack.indexer().awaitSettled(Indexer.Settled.USABLE, indexWait, s -> {
                ctx.checkCancelled();
                String msg = "waiting for the index: " + s.indexed() + " of " + s.total() + " skills embedded";
                ctx.progress(s.indexed(), (double) Math.max(s.total(), s.indexed()), msg);
                if (!told[0]) {
                    ctx.log(CallContext.Level.INFO, McpSkillServer.SEARCH + ": " + msg + "; waiting up to "
                            + indexWait.toSeconds() + " s");
                    told[0] = true;
                }
            });
            ctx.checkCancelled();
            if (told[0]) {
                ctx.progress(end.indexed(), (double) Math.max(end.total(), end.indexed()), "searching with "
                        + end.indexed() + " of " + end.total() + " skills embedded");
                if (end.pending() > 0) {
                    ctx.log(CallContext.Level.NOTICE, McpSkillServer.SEARCH + ": " + end.pending() + " skills are"
                            + " not embedded yet; they are found by their words only");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Result getSkill(Map<String, Object> raw) {
        ToolArgs a = new ToolArgs(McpSkillServer.GET, raw, Set.of("name", "layer"));
        String ref = a.requiredString("name");
        Layer layer = Layer.of(a.integer("layer", 2, 1, 3));
        long t0 = System.nanoTime();
        ActiveSkill active = library.requirePasses(library.resolve(who, ref));
        Skill skill = active.skill();
        SkillVersion v = active.version();
        List<SkillFile> files = layer == Layer.FULL ? library.files(active) : List.of();
        LayerContent content = library.layer(active, layer, 0); // the same text every front end gets
        String text = content.text();
        int tokens = content.tokens();
        Map<String, Object> body = entry(skill);
        body.put("version", v.version());
        body.put("layer", layer.number());
        body.put("tokens", tokens);
        if (layer == Layer.FULL) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (SkillFile f : files) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("path", f.path());
                m.put("size", f.size());
                list.add(m);
            }
            body.put("files", list);
        }
        body.put("text", text);
        if (layer != Layer.METADATA) {
            String id = UUID.randomUUID().toString();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            activations.log(new Activation(skill.id(), v.version(), who.agentId(), who.namespace(), ACTIVATION_TYPE,
                    layer.number(), tokens, clock.instant(), ms, null, null, KEY_PREFIX + id)); // unknown until reported
            body.put("activation_id", id);
        }
        return Result.ok(body);
    }

    Result listSkills(Map<String, Object> raw) {
        ToolArgs a = new ToolArgs(McpSkillServer.LIST, raw, Set.of("persona", "tags", "limit", "offset"));
        String persona = blankToNull(a.string("persona"));
        List<String> tags = a.strings("tags");
        int limit = a.integer("limit", 50, 1, 500);
        int offset = a.integer("offset", 0, 0, Integer.MAX_VALUE);
        SkillQuery q = SkillQuery.all().withPersona(persona).passingOnly(); // agents get skills that pass
        List<Skill> page;
        int total;
        if (tags.size() <= 1) {
            if (tags.size() == 1) {
                q = q.withTag(tags.get(0));
            }
            total = library.count(who, q);
            page = library.list(who, q.page(limit, offset));
        } else {
            // SQL filters by one tag; the rest (all must match) are checked here
            List<Skill> all = library.list(who, q.withTag(tags.get(0))).stream()
                    .filter(s -> s.tags().containsAll(tags)).toList();
            total = all.size();
            page = all.subList(Math.min(offset, total), Math.min(total, (int) Math.min((long) offset + limit, total)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", total);
        body.put("offset", offset);
        body.put("limit", limit);
        body.put("skills", page.stream().map(SkillTools::entry).toList());
        return Result.ok(body);
    }

    Result readSkillFile(Map<String, Object> raw) {
        ToolArgs a = new ToolArgs(McpSkillServer.READ_FILE, raw, Set.of("name", "path"));
        String ref = a.requiredString("name");
        String path = checkRelativePath(a.requiredString("path"));
        ActiveSkill active = library.requirePasses(library.resolve(who, ref));
        SkillVersion v = active.version();
        String where = active.skill().ref() + " v" + v.version();
        byte[] bytes;
        boolean text;
        if (path.equals("SKILL.md")) {
            bytes = v.content().getBytes(StandardCharsets.UTF_8);
            text = true;
        } else {
            List<SkillFile> files = library.files(active);
            SkillFile file = files.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("no file '" + path + "' in " + where + "; its files: "
                            + (files.isEmpty() ? "SKILL.md only" : "SKILL.md, " + String.join(", ",
                            files.stream().limit(30).map(SkillFile::path).toList())
                            + (files.size() > 30 ? ", …" : ""))));
            bytes = file.bytes();
            text = file.text();
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(where + ": '" + path + "' has " + bytes.length
                    + " bytes; files over " + MAX_FILE_BYTES + " bytes are not sent");
        }
        Map<String, Object> body = entry(active.skill());
        body.put("version", v.version());
        body.put("path", path);
        body.put("size", bytes.length);
        body.put("encoding", text ? "utf-8" : "base64");
        body.put("content", text ? new String(bytes, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(bytes));
        return Result.ok(body);
    }

    /**
     * A stored file path as given: relative, '/'-separated, no '.' or '..' segments, nothing absolute. Paths
     * are only ever compared with the stored ones, never resolved on a file system; this makes a bad one
     * fail with a reason instead of "not found".
     */
    static String checkRelativePath(String path) {
        String why = null;
        if (path.indexOf('\0') >= 0) {
            why = "it contains a NUL character";
        } else if (path.startsWith("/") || path.startsWith("\\")) {
            why = "it is absolute";
        } else if (path.length() >= 2 && path.charAt(1) == ':') {
            why = "it names a drive";
        } else if (path.contains("\\")) {
            why = "it uses '\\'; use '/' between folders";
        } else {
            for (String seg : path.split("/", -1)) {
                if (seg.equals("..")) {
                    why = "it climbs out with '..'";
                    break;
                }
                if (seg.isEmpty() || seg.equals(".")) {
                    why = "it has an empty or '.' segment";
                    break;
                }
            }
        }
        if (why != null) {
            throw new IllegalArgumentException(McpSkillServer.READ_FILE + ": path '" + path + "' is refused: " + why
                    + "; give a file's path relative to the skill folder, as get_skill with layer 3 lists it");
        }
        return path;
    }

    Result recordOutcome(Map<String, Object> raw) {
        ToolArgs a = new ToolArgs(McpSkillServer.OUTCOME, raw, Set.of("activation_id", "success", "error"));
        String id = a.requiredString("activation_id").strip();
        boolean success = a.requiredBool("success");
        String error = blankToNull(a.string("error"));
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(McpSkillServer.OUTCOME + ": '" + id + "' is not an activation id;"
                    + " use the activation_id that get_skill returned for layer 2 or 3");
        }
        if (!activations.recordOutcome(KEY_PREFIX + id, who.agentId(), success, error, clock.instant())) {
            throw new IllegalArgumentException(McpSkillServer.OUTCOME + ": no activation '" + id + "' of agent '"
                    + who.agentId() + "'");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("activation_id", id);
        body.put("success", success);
        if (error != null) {
            body.put("error", error);
        }
        body.put("recorded", true);
        return Result.ok(body);
    }

    /** A layer-1 entry: what an agent needs to decide whether to load the skill. */
    private static Map<String, Object> entry(Skill s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.ref().toString());
        m.put("description", s.description());
        m.put("tags", s.tags());
        m.put("persona", s.persona());
        return m;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
