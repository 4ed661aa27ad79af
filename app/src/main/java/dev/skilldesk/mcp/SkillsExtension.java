package dev.skilldesk.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.library.Activations;
import dev.skilldesk.library.ContentHash;
import dev.skilldesk.library.SkillLibrary;
import dev.skilldesk.library.SkillNeedsFixesException;
import dev.skilldesk.skill.Activation;
import dev.skilldesk.skill.ActiveSkill;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.SkillFile;
import dev.skilldesk.skill.SkillQuery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * MCP's Skills Extension (the final text: {@code specification/stable/skills.mdx} of modelcontextprotocol/ext-skills at
 * commit 0682b7b6, on base revision 2026-07-28; served on the 2025-11-25 lane too, whose clients ignore the added fields):
 * each skill served over the Resources primitive at {@code skill://<namespace>/<name>/SKILL.md}, each of its
 * files at {@code skill://<namespace>/<name>/<path>}; {@code skills/list} and {@code skills/get} with every
 * file's SHA-256 digest and size ({@code skills/get} answers {@code {"skill": …}}; both carry {@code resultType},
 * {@code ttlMs} and {@code cacheScope}); {@code resources/list}, {@code resources/templates/list} and
 * {@code resources/read}. The Java SDK has no handlers for methods it does not know, so the transport asks
 * this class first. Access rules hold throughout: a skill the agent may not read is answered exactly as one
 * that does not exist. Reading a SKILL.md records an activation as get_skill's layer 2 does, outcome unknown.
 */
final class SkillsExtension {
    /** The extension's identifier under {@code capabilities.extensions}. */
    static final String ID = "io.modelcontextprotocol/skills";
    static final String SCHEME = "skill://";
    /**
     * An unknown resource: the extension answers it with -32602 (Invalid params), as the TypeScript SDK's
     * resources/read does, for resources/read and resources/directory/read alike.
     */
    static final int NOT_FOUND = -32602;
    static final String DIRECTORY = "inode/directory";
    static final int INVALID_PARAMS = -32602;
    static final int PAGE = 50;
    static final Set<String> METHODS = Set.of("skills/list", "skills/get", "resources/list", "resources/read",
            "resources/templates/list", "resources/directory/read");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A JSON-RPC error to answer with. */
    static final class Failure extends RuntimeException {
        final int code;
        /** The error's data: for an unknown resource {@code {"uri": …}}, as MCP's resource-not-found error has it. */
        final transient Object data;

        Failure(int code, String message) {
            this(code, message, null);
        }

        Failure(int code, String message, Object data) {
            super(message);
            this.code = code;
            this.data = data;
        }

        /** An unknown resource (or one this agent may not read: the same answer). */
        static Failure notFound(String uri, String message) {
            return new Failure(NOT_FOUND, message, Map.of("uri", uri));
        }
    }

    private final SkillLibrary library;
    private final Activations activations;
    private final Principal who;
    private final Clock clock;
    /** The conformance suite's fixtures, listed beside the skills; null (the default): none. */
    private final ConformanceFixtures fixtures;

    SkillsExtension(SkillLibrary library, Activations activations, Principal who, Clock clock) {
        this(library, activations, who, clock, null);
    }

    SkillsExtension(SkillLibrary library, Activations activations, Principal who, Clock clock,
                    ConformanceFixtures fixtures) {
        this.library = library;
        this.activations = activations;
        this.who = who;
        this.clock = clock;
        this.fixtures = fixtures;
    }

    /**
     * The SHA-256 digest of the resource at {@code uri} as this agent reads it now; a {@link Failure} as
     * resources/read gives when there is none (or the agent may not read it).
     */
    String digest(String uri) {
        Target t = target(uri);
        if (t.path().equals("SKILL.md")) {
            return ContentHash.sha256(t.skill().version().content().getBytes(StandardCharsets.UTF_8));
        }
        return library.files(t.skill()).stream().filter(f -> f.path().equals(t.path())).findFirst()
                .map(SkillFile::sha256).orElseThrow(() -> Failure.notFound(uri, "resource not found: " + uri));
    }

    /** The result of {@code method} with {@code params}, or a {@link Failure}. */
    Object answer(String method, JsonNode params) {
        JsonNode p = params == null ? JSON.createObjectNode() : params;
        return switch (method) {
            case "skills/list" -> cacheable(list(p));
            case "skills/get" -> cacheable(new LinkedHashMap<>(Map.of("skill", entry(skillOf(uri(p), true)))));
            case "resources/list" -> resources(p);
            case "resources/templates/list" -> Map.of("resourceTemplates", withFixtureTemplates(List.of(
                    Map.of("uriTemplate", SCHEME + "{namespace}/{name}/SKILL.md", "name", "skill",
                            "description", "A skill's SKILL.md", "mimeType", "text/markdown"),
                    Map.of("uriTemplate", SCHEME + "{namespace}/{name}/{+path}", "name", "skill-file",
                            "description", "A file of a skill (scripts/, references/, assets/ …)"))));
            case "resources/read" -> read(uri(p));
            case "resources/directory/read" -> cacheable(directory(uri(p), p));
            default -> throw new Failure(-32601, "method not found: " + method);
        };
    }

    /**
     * The final text's result fields, on both lanes (older clients ignore them): {@code resultType}, and the caching
     * hints, private since what a listing holds depends on who asks; short, since another process may write at any
     * time (a client that must know at once listens).
     */
    private static Map<String, Object> cacheable(Map<String, Object> result) {
        result.put("resultType", "complete");
        result.put("ttlMs", ModernLane.LIBRARY_TTL_MS);
        result.put("cacheScope", "private");
        return result;
    }

    private List<Object> withFixtureTemplates(List<Object> ours) {
        if (fixtures == null) {
            return ours;
        }
        List<Object> all = new ArrayList<>(ours);
        all.addAll(fixtures.templates());
        return all;
    }

    private static String uri(JsonNode p) {
        JsonNode u = p.get("uri");
        if (u == null || !u.isTextual() || u.asText().isBlank()) {
            throw new Failure(INVALID_PARAMS, "invalid params: \"uri\" (a string) is required");
        }
        return u.asText();
    }

    /** The skills the agent may read (those that pass the library's rules), in a stable order (namespace, name). */
    private List<Skill> visible() {
        List<Skill> all = new ArrayList<>(library.list(who, SkillQuery.all().passingOnly()));
        all.removeIf(Skill::deleted);
        all.sort(Comparator.comparing(Skill::namespace).thenComparing(Skill::name));
        return all;
    }

    private static int cursor(JsonNode p) {
        JsonNode c = p.get("cursor");
        if (c == null || c.isNull()) {
            return 0;
        }
        try {
            int at = Integer.parseInt(c.asText());
            if (at < 0) {
                throw new NumberFormatException();
            }
            return at;
        } catch (NumberFormatException e) {
            throw new Failure(INVALID_PARAMS, "invalid params: \"cursor\" is not one this server gave");
        }
    }

    private Map<String, Object> list(JsonNode p) {
        List<Skill> all = visible();
        int from = Math.min(cursor(p), all.size());
        int to = Math.min(all.size(), from + PAGE);
        List<Object> entries = new ArrayList<>();
        for (Skill s : all.subList(from, to)) {
            library.get(who, s.namespace(), s.name()).ifPresent(a -> entries.add(entry(a)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("skills", entries);
        if (to < all.size()) {
            out.put("nextCursor", Integer.toString(to));
        }
        return out;
    }

    private Map<String, Object> resources(JsonNode p) {
        List<Skill> all = visible();
        int from = Math.min(cursor(p), all.size());
        int to = Math.min(all.size(), from + PAGE);
        List<Object> out = new ArrayList<>();
        for (Skill s : all.subList(from, to)) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("uri", skillUri(s));
            r.put("name", s.name());
            r.put("title", s.displayName() == null || s.displayName().isBlank() ? s.name() : s.displayName());
            r.put("description", s.description());
            r.put("mimeType", "text/markdown");
            out.add(r);
        }
        if (fixtures != null && from == 0) {
            out.addAll(fixtures.resources());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("resources", out);
        if (to < all.size()) {
            result.put("nextCursor", Integer.toString(to));
        }
        return result;
    }

    static String skillUri(Skill s) {
        return SCHEME + s.ref() + "/SKILL.md";
    }

    /** The skill a URI names and the file in it ("SKILL.md" or a stored path). */
    private record Target(ActiveSkill skill, String path) {
    }

    private Target target(String uri) {
        if (!uri.startsWith(SCHEME)) {
            throw Failure.notFound(uri, "resource not found: " + uri);
        }
        String rest = uri.substring(SCHEME.length());
        String[] parts = rest.split("/", 3);
        if (parts.length < 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw Failure.notFound(uri, "resource not found: " + uri + " (a skill's files are at"
                    + " skill://<namespace>/<name>/<path>)");
        }
        Optional<ActiveSkill> a = library.get(who, parts[0], parts[1]).filter(x -> !x.skill().deleted());
        if (a.isEmpty()) {
            throw Failure.notFound(uri, "resource not found: " + uri);
        }
        return new Target(passing(a.get(), uri), parts[2]);
    }

    /**
     * The skill, when it passes the library's rules; else the resource is not served, and the error names the
     * findings (the agent may see the skill: it is told why it cannot have it).
     */
    private ActiveSkill passing(ActiveSkill a, String uri) {
        try {
            return library.requirePasses(a);
        } catch (SkillNeedsFixesException e) {
            throw Failure.notFound(uri, "resource not served: " + uri + ": " + e.getMessage());
        }
    }

    private ActiveSkill skillOf(String uri, boolean mustBeSkillMd) {
        Target t = target(uri);
        if (mustBeSkillMd && !t.path().equals("SKILL.md")) {
            throw Failure.notFound(uri, "not a skill: " + uri + " (a skill's URI ends in /SKILL.md)");
        }
        return t.skill();
    }

    /** A listing entry: the SKILL.md's URI, its frontmatter verbatim, and every file with digest and size. */
    private Map<String, Object> entry(ActiveSkill a) {
        Map<String, Object> e = new LinkedHashMap<>();
        String uri = skillUri(a.skill());
        e.put("uri", uri);
        e.put("frontmatter", frontmatter(a));
        List<Object> files = new ArrayList<>();
        byte[] md = a.version().content().getBytes(StandardCharsets.UTF_8);
        files.add(file(uri, ContentHash.sha256(md), md.length));
        for (SkillFile f : library.files(a)) {
            files.add(file(SCHEME + a.skill().ref() + "/" + f.path(), f.sha256(), f.size()));
        }
        e.put("resources", files);
        return e;
    }

    private static Map<String, Object> file(String uri, String sha256Hex, long size) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uri", uri);
        m.put("digest", "sha256:" + sha256Hex);
        m.put("size", size);
        return m;
    }

    private static Object frontmatter(ActiveSkill a) {
        try {
            return JSON.readValue(a.version().metadataJson(), Map.class);
        } catch (java.io.IOException e) {
            return Map.of("name", a.skill().name(), "description", a.skill().description());
        }
    }

    private Map<String, Object> read(String uri) {
        Target t = target(uri);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("uri", uri);
        if (t.path().equals("SKILL.md")) {
            ActiveSkill a = t.skill();
            content.put("mimeType", "text/markdown");
            content.put("text", a.version().content());
            // loading a skill through resources is an activation, as get_skill's layer 2 is; outcome unknown
            activations.log(new Activation(a.skill().id(), a.version().version(), who.agentId(), who.namespace(),
                    "mcp_resource", 2, a.version().tokens().layer2(), clock.instant(), 0, null, null,
                    SkillTools.KEY_PREFIX + UUID.randomUUID()));
        } else {
            SkillFile f = library.files(t.skill()).stream().filter(x -> x.path().equals(t.path())).findFirst()
                    .orElseThrow(() -> Failure.notFound(uri, "resource not found: " + uri));
            content.put("mimeType", mimeType(f.path(), f.text()));
            if (f.text()) {
                content.put("text", new String(f.bytes(), StandardCharsets.UTF_8));
            } else {
                content.put("blob", Base64.getEncoder().encodeToString(f.bytes()));
            }
        }
        return Map.of("contents", List.of(content));
    }

    /**
     * {@code resources/directory/read}: the direct children of a directory resource, files with their metadata
     * and folders as {@value #DIRECTORY}. Directories are a skill's root ({@code skill://ns/name}), each folder
     * in it, and a namespace ({@code skill://ns}, whose children are the skills the agent may read there).
     * Anything else, a hidden skill's folders included, is an unknown resource.
     */
    private Map<String, Object> directory(String uri, JsonNode p) {
        if (!uri.startsWith(SCHEME) || uri.endsWith("/")) {
            throw Failure.notFound(uri, "not a directory: " + uri + " (directories are written without a"
                    + " trailing slash, e.g. skill://<namespace>/<name>/scripts)");
        }
        String[] parts = uri.substring(SCHEME.length()).split("/", 3);
        List<Map<String, Object>> children = new ArrayList<>();
        if (parts.length == 1 && !parts[0].isEmpty()) {
            for (Skill s : visible()) {
                if (s.namespace().equals(parts[0])) {
                    children.add(child(SCHEME + s.ref(), s.name(), DIRECTORY));
                }
            }
            if (children.isEmpty()) {
                throw Failure.notFound(uri, "not a directory: " + uri);
            }
        } else if (parts.length >= 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
            ActiveSkill a = passing(library.get(who, parts[0], parts[1]).filter(x -> !x.skill().deleted())
                    .orElseThrow(() -> Failure.notFound(uri, "not a directory: " + uri)), uri);
            String root = SCHEME + parts[0] + "/" + parts[1];
            String prefix = parts.length == 3 ? parts[2] + "/" : "";
            java.util.TreeMap<String, Map<String, Object>> byName = new java.util.TreeMap<>();
            if (prefix.isEmpty()) {
                byName.put("SKILL.md", child(root + "/SKILL.md", "SKILL.md", "text/markdown"));
            }
            for (SkillFile f : library.files(a)) {
                if (!f.path().startsWith(prefix)) {
                    continue;
                }
                String rest = f.path().substring(prefix.length());
                int slash = rest.indexOf('/');
                if (slash < 0) {
                    Map<String, Object> c = child(root + "/" + f.path(), rest, mimeType(f.path(), f.text()));
                    c.put("size", f.size());
                    byName.put(rest, c);
                } else {
                    String dir = rest.substring(0, slash);
                    byName.putIfAbsent(dir + "/", child(root + "/" + prefix + dir, dir, DIRECTORY));
                }
            }
            if (!prefix.isEmpty() && byName.isEmpty()) {
                throw Failure.notFound(uri, "not a directory: " + uri);
            }
            children.addAll(byName.values());
        } else {
            throw Failure.notFound(uri, "not a directory: " + uri);
        }
        int from = Math.min(cursor(p), children.size());
        int to = Math.min(children.size(), from + PAGE * 4);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("resources", new ArrayList<>(children.subList(from, to)));
        if (to < children.size()) {
            result.put("nextCursor", Integer.toString(to));
        }
        return result;
    }

    private static Map<String, Object> child(String uri, String name, String mimeType) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uri", uri);
        m.put("name", name);
        m.put("mimeType", mimeType);
        return m;
    }

    static String mimeType(String path, boolean text) {
        String p = path.toLowerCase(java.util.Locale.ROOT);
        if (p.endsWith(".md")) {
            return "text/markdown";
        }
        if (p.endsWith(".py")) {
            return "text/x-python";
        }
        if (p.endsWith(".sh")) {
            return "text/x-shellscript";
        }
        if (p.endsWith(".json")) {
            return "application/json";
        }
        if (p.endsWith(".png")) {
            return "image/png";
        }
        if (p.endsWith(".jpg") || p.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (p.endsWith(".pdf")) {
            return "application/pdf";
        }
        return text ? "text/plain" : "application/octet-stream";
    }
}
