package dev.skilldesk.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skilldesk.library.SkillLibrary;
import dev.skilldesk.library.SkillTriggerReport;
import dev.skilldesk.library.TriggerLab;
import dev.skilldesk.library.TriggerResult;
import dev.skilldesk.search.EmbeddingCache;
import dev.skilldesk.search.Indexer;
import dev.skilldesk.search.LocalVectorIndex;
import dev.skilldesk.search.SearchStack;
import dev.skilldesk.search.VectorEntry;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.SkillQuery;
import dev.skilldesk.skill.Trigger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The semantic map of the library and its confusable skills, over the vectors the search already has (the map)
 * and over the embeddings of each skill's "name: description" (the overlaps, since that is what an agent reads).
 * The layout is cached under the data folder, by skill and version: a few saves move only the skills saved; many
 * changes (a fifth of the library or more) or another model lay it out again. SQLite stays the source of truth:
 * the cache can be deleted at any time.
 */
public final class SkillMap {
    /** A skill on the map. */
    public record Point(long skillId, String ref, String namespace, String persona, double x, double y) {
    }

    /**
     * The layout and how it was made (laid out from scratch, or a few skills placed into the last one), with each
     * point's unit vector (same order), so that a request's vector can be placed among them.
     */
    public record Layout(List<Point> points, String how, long millis, float[][] vectors) {
        public static final Layout EMPTY = new Layout(List.of(), "empty", 0, new float[0][]);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SkillLibrary library;
    private final Supplier<SearchStack> search;
    private final Supplier<TriggerLab> triggers;
    private final Path cacheFile;

    public SkillMap(SkillLibrary library, Supplier<SearchStack> search, Supplier<TriggerLab> triggers, Path dataDir) {
        this.library = library;
        this.search = search;
        this.triggers = triggers;
        this.cacheFile = dataDir.resolve("map").resolve("layout.json");
    }

    /** The skills {@code who} sees, by id (deleted ones left out). */
    private Map<Long, Skill> visible(Principal who) {
        Map<Long, Skill> out = new LinkedHashMap<>();
        for (Skill s : library.list(who, SkillQuery.all())) {
            out.put(s.id(), s);
        }
        return out;
    }

    /**
     * The layout of the skills {@code who} sees, once the index has their vectors (waits up to {@code wait} for
     * it). Skills without a vector yet are left off the map until they have one.
     */
    public Layout layout(Principal who, Duration wait) throws IOException, InterruptedException {
        SearchStack s = search.get();
        s.indexer().awaitSettled(Indexer.Settled.INDEXED, wait, st -> { });
        if (!(s.indexer().index() instanceof LocalVectorIndex local)) {
            throw new IllegalStateException("the map reads the in-process vector index; this library's search uses a"
                    + " server's (set the vector backend back to embedded to see the map)");
        }
        Map<Long, Skill> skills = visible(who);
        List<VectorEntry> entries = new ArrayList<>();
        for (VectorEntry e : local.entries()) {
            if (skills.containsKey(e.skillId())) {
                entries.add(e);
            }
        }
        entries.sort(java.util.Comparator.comparingLong(VectorEntry::skillId)); // a fixed order: the same layout
        return layout(entries, skills, s.embedder().modelId());
    }

    synchronized Layout layout(List<VectorEntry> entries, Map<Long, Skill> skills, String model) throws IOException {
        long start = System.nanoTime();
        Map<String, double[]> cached = readCache(model);
        int n = entries.size();
        float[][] vectors = new float[n][];
        double[][] fixed = new double[n][];
        int missing = 0;
        for (int i = 0; i < n; i++) {
            VectorEntry e = entries.get(i);
            vectors[i] = Overlaps.normalized(e.vector());
            fixed[i] = cached.get(e.skillId() + "@" + e.version());
            missing += fixed[i] == null ? 1 : 0;
        }
        double[][] xy;
        String how;
        if (missing == 0) {
            xy = fixed;
            how = "cached";
        } else if (missing * 5 < n && n - missing > Umap.K) {
            xy = Umap.place(vectors, fixed);
            how = "placed " + missing + " into the last layout";
        } else {
            xy = Umap.layout(vectors);
            how = "laid out " + n + " skills";
        }
        List<Point> points = new ArrayList<>(n);
        Map<String, double[]> keep = new HashMap<>();
        for (int i = 0; i < n; i++) {
            VectorEntry e = entries.get(i);
            Skill k = skills.get(e.skillId());
            points.add(new Point(k.id(), k.ref().toString(), k.namespace(), k.persona(), xy[i][0], xy[i][1]));
            keep.put(e.skillId() + "@" + e.version(), xy[i]);
        }
        if (missing > 0) {
            writeCache(model, keep);
        }
        return new Layout(points, how, (System.nanoTime() - start) / 1_000_000, vectors);
    }

    private Map<String, double[]> readCache(String model) {
        Map<String, double[]> out = new HashMap<>();
        try {
            if (!Files.isRegularFile(cacheFile)) {
                return out;
            }
            JsonNode root = JSON.readTree(cacheFile.toFile());
            if (!model.equals(root.path("model").asText())) {
                return out; // another model's vectors: another map
            }
            for (JsonNode p : root.path("points")) {
                out.put(p.path("key").asText(), new double[] {p.path("x").asDouble(), p.path("y").asDouble()});
            }
        } catch (IOException | RuntimeException e) {
            out.clear(); // a damaged cache is laid out again
        }
        return out;
    }

    private void writeCache(String model, Map<String, double[]> points) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model);
        ArrayNode arr = root.putArray("points");
        points.forEach((k, v) -> arr.addObject().put("key", k).put("x", v[0]).put("y", v[1]));
        Files.createDirectories(cacheFile.getParent());
        Path tmp = cacheFile.resolveSibling("layout.json.tmp");
        JSON.writeValue(tmp.toFile(), root);
        Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A request's unit vector, as the search embeds a query (to place it on the map). */
    public float[] queryVector(String request) {
        return Overlaps.normalized(search.get().embedder().embedQuery(request));
    }

    // ---- confusable skills -------------------------------------------------------------------

    /**
     * The confusable pairs among the skills {@code who} sees (with {@code namespace}: the pairs with at least one
     * skill in it), most similar first, at most {@code limit}; each with the trigger-lab requests that confuse it.
     */
    public List<Overlaps.Pair> overlaps(Principal who, double threshold, int limit, String namespace) {
        Map<Long, Skill> skills = visible(who);
        List<Skill> list = new ArrayList<>(skills.values());
        list.sort(java.util.Comparator.comparing((Skill k) -> k.namespace()).thenComparing(Skill::name));
        List<Overlaps.Item> items = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Skill k : list) {
            items.add(new Overlaps.Item(k.ref().toString(), k.description()));
            texts.add(k.name() + ": " + k.description());
        }
        float[][] vectors = embed(texts);
        List<Overlaps.Pair> pairs = Overlaps.find(items, vectors, threshold);
        if (namespace != null) {
            pairs = pairs.stream().filter(p -> p.a().startsWith(namespace + "/") || p.b().startsWith(namespace + "/")).toList();
        }
        pairs = pairs.stream().limit(Math.max(0, limit)).toList();
        return withRequests(who, pairs);
    }

    /** Each text's unit vector, from the passage cache where it has them, else embedded (and cached). */
    private float[][] embed(List<String> texts) {
        SearchStack s = search.get();
        String model = s.embedder().modelId();
        EmbeddingCache cache = s.cache();
        List<String> hashes = texts.stream().map(EmbeddingCache::sha256).toList();
        Map<String, float[]> have = new HashMap<>(cache.passages(model, hashes));
        List<String> todo = new ArrayList<>();
        List<String> todoHashes = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (!have.containsKey(hashes.get(i)) && !todoHashes.contains(hashes.get(i))) {
                todo.add(texts.get(i));
                todoHashes.add(hashes.get(i));
            }
        }
        Map<String, float[]> fresh = new HashMap<>();
        for (int from = 0; from < todo.size(); from += 64) {
            List<float[]> vs = s.embedder().embedPassages(todo.subList(from, Math.min(todo.size(), from + 64)));
            for (int j = 0; j < vs.size(); j++) {
                fresh.put(todoHashes.get(from + j), vs.get(j));
            }
        }
        if (!fresh.isEmpty()) {
            cache.putPassages(model, fresh, System.currentTimeMillis());
            have.putAll(fresh);
        }
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            out[i] = Overlaps.normalized(have.get(hashes.get(i)));
        }
        return out;
    }

    /** A request written for one skill of a pair that the other won (it ranked above). */
    private List<Overlaps.Pair> withRequests(Principal who, List<Overlaps.Pair> pairs) {
        if (pairs.isEmpty()) {
            return pairs;
        }
        TriggerLab lab = triggers.get();
        List<Skill> withTriggers = lab.skillsWithTriggers(who);
        if (withTriggers.isEmpty()) {
            return pairs;
        }
        java.util.Set<String> involved = new java.util.HashSet<>();
        pairs.forEach(p -> {
            involved.add(p.a());
            involved.add(p.b());
        });
        Map<String, List<TriggerResult>> results = new HashMap<>();
        for (Skill k : withTriggers) {
            String ref = k.ref().toString();
            if (involved.contains(ref)) {
                SkillTriggerReport r = lab.run(who, k.namespace(), k.name(), TriggerLab.DEFAULT_TOP_K);
                results.put(ref, r.results());
            }
        }
        List<Overlaps.Pair> out = new ArrayList<>();
        for (Overlaps.Pair p : pairs) {
            List<String> confusing = new ArrayList<>();
            confusing.addAll(confusing(results.get(p.a()), p.b()));
            confusing.addAll(confusing(results.get(p.b()), p.a()));
            out.add(confusing.isEmpty() ? p : Overlaps.withRequests(p, confusing));
        }
        return out;
    }

    private static List<String> confusing(List<TriggerResult> results, String other) {
        if (results == null) {
            return List.of();
        }
        return results.stream().filter(r -> r.trigger().expectation() == Trigger.Expectation.FIND
                && r.beatenBy().contains(other)).map(r -> r.trigger().request()).toList();
    }
}
