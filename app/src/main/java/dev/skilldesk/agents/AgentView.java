package dev.skilldesk.agents;

import dev.skilldesk.library.AgentFolders;
import dev.skilldesk.library.AgentTargets;
import dev.skilldesk.library.AgentTargets.Agent;
import dev.skilldesk.library.AgentTargets.ListingRule;
import dev.skilldesk.library.AgentTargets.Root;
import dev.skilldesk.parse.ParsedSkillMd;
import dev.skilldesk.parse.SkillMdParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What an agent sees in a place: every skill folder in the folders it reads (installed by SkillDesk or not), which of
 * two same-named copies it loads by its documented precedence, the override its own switch sets (or the keep), and
 * what its listing of skills does with each at its real budget (Claude Code: 1 % of the context window in characters
 * at four per token, each entry cut at 1,536 characters, descriptions dropped beyond the budget, names kept; Codex: 2 %
 * of the window, or 8,000 characters when it is not known, descriptions shortened, then removed, then skills left
 * out). Agents whose docs give no budget list every skill they load in full.
 */
public final class AgentView {
    /** Folders per read folder beyond this many are not read (a skills folder is not that large). */
    public static final int MAX_SKILLS_PER_FOLDER = 5_000;
    /** The context window assumed when none is given: Claude Code's and Codex's default models' 200,000 tokens. */
    public static final int DEFAULT_CONTEXT_TOKENS = 200_000;

    /** What the listing does with a skill. */
    public enum Listing {
        FULL("full"), CUT("cut"), NAME_ONLY("name-only"), DROPPED("dropped");

        private final String label;

        Listing(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A skill folder the agent reads: the name it knows it by, the folder, the scope, whether this copy is the one it
     * loads, the override ("on", "off", "name-only", "user-invocable-only"), its fate in the listing, the copies of the
     * same name elsewhere, and whether it sits in SkillDesk's keep (switched off by moving it).
     */
    public record Seen(String name, Path path, String scope, int rank, boolean wins, String override, Listing listing,
                       String description, List<Path> sameName, boolean kept) {
    }

    /** The whole picture: the agent, the place, each skill, the budget in characters (0: none documented), notes. */
    public record View(Agent agent, Path project, List<Seen> skills, int budgetChars, String budgetRule, String precedence,
                       List<String> notes) {
        public long count(Listing l) {
            return skills.stream().filter(s -> s.listing() == l).count();
        }
    }

    private final Map<String, String> env;
    private final SkillSwitches switches;
    private final SkillMdParser parser = new SkillMdParser();

    public AgentView(Map<String, String> env, SkillSwitches switches) {
        this.env = env;
        this.switches = switches;
    }

    /**
     * What {@code a} sees in {@code project} (null: outside any project), with a context window of
     * {@code contextTokens} (null: the default, or unknown for Codex) and how often each skill (by name) was used
     * lately (may be empty: then the longest descriptions go first).
     */
    public View sees(Agent a, Path project, Integer contextTokens, Map<String, Long> uses) throws IOException {
        Path p = project == null ? null : project.toAbsolutePath().normalize();
        List<String> notes = new ArrayList<>();
        List<Seen> found = new ArrayList<>();
        for (Root r : a.reads(env, p)) {
            for (Path dir : skillFolders(r.folder(), notes)) {
                ParsedSkillMd md = read(dir.resolve("SKILL.md"));
                String fm = md == null ? null : md.string("name");
                String name = a.id().equals("claude-code") || fm == null || fm.isBlank()
                        ? dir.getFileName().toString() : fm.strip();
                String desc = md == null ? "" : join(md.string("description"), md.string("when_to_use"));
                found.add(new Seen(name, dir, r.scope(), r.rank(), false, "on", Listing.FULL, desc, List.of(), false));
            }
            {
                // kept copies, whichever agent's switch moved them (a folder several agents read)
                for (Path k : switches.keptFrom(r.folder())) {
                    found.add(new Seen(k.getFileName().toString(), k, r.scope(), r.rank(), false, "off", Listing.DROPPED,
                            "", List.of(), true));
                }
            }
        }
        Overrides overrides = overrides(a, p, notes);
        // who wins a name
        Map<String, List<Seen>> byName = new LinkedHashMap<>();
        for (Seen s : found) {
            byName.computeIfAbsent(key(a, s.name()), k -> new ArrayList<>()).add(s);
        }
        List<Seen> out = new ArrayList<>();
        for (List<Seen> copies : byName.values()) {
            List<Seen> loaded = copies.stream().filter(s -> !s.kept()).sorted(Comparator.comparingInt(Seen::rank)).toList();
            for (Seen s : copies) {
                boolean wins = !s.kept() && (a.sameNameAllLoad() || (!loaded.isEmpty() && loaded.get(0) == s));
                List<Path> others = copies.stream().filter(o -> o != s).map(Seen::path).toList();
                String override = s.kept() ? "off" : overrides.of(s);
                out.add(new Seen(s.name(), s.path(), s.scope(), s.rank(), wins, override,
                        wins && !override.equals("off") && !override.equals("user-invocable-only") ? Listing.FULL : Listing.DROPPED,
                        s.description(), others, s.kept()));
            }
        }
        int budget = 0;
        String rule = "no listing budget documented: every skill it loads is listed";
        ListingRule lr = a.docs().listing();
        if (lr != null && lr.maxEntryChars() > 0) {
            String fixed = env.get("SLASH_COMMAND_TOOL_CHAR_BUDGET");
            int window = contextTokens == null ? DEFAULT_CONTEXT_TOKENS : contextTokens;
            budget = fixed != null && fixed.strip().matches("[0-9]{1,9}") ? Integer.parseInt(fixed.strip())
                    : (int) Math.round(window * lr.fraction() * 4);
            rule = fixed != null ? "SLASH_COMMAND_TOOL_CHAR_BUDGET=" + budget + " characters"
                    : String.format(Locale.ROOT, "%.0f%% of a %,d-token context window = %,d characters; each entry cut at %,d characters",
                    lr.fraction() * 100, window, budget, lr.maxEntryChars());
            out = claudeListing(out, budget, lr.maxEntryChars(), uses);
        } else if (lr != null) {
            budget = contextTokens == null ? lr.unknownWindowChars() : (int) Math.round(contextTokens * lr.fraction() * 4);
            rule = contextTokens == null ? String.format(Locale.ROOT, "%,d characters (the context window is not known)", budget)
                    : String.format(Locale.ROOT, "%.0f%% of a %,d-token context window = %,d characters", lr.fraction() * 100,
                    contextTokens, budget);
            out = codexListing(out, budget);
        }
        out.sort(Comparator.comparing((Seen s) -> s.name().toLowerCase(Locale.ROOT)).thenComparingInt(Seen::rank)
                .thenComparing(s -> s.path().toString()));
        return new View(a, p, List.copyOf(out), budget, rule, a.docs().precedence(), List.copyOf(notes));
    }

    private static String key(Agent a, String name) {
        return a.switchKind() == AgentTargets.Switch.GEMINI_CLI_SKILLS_DISABLED ? name.toLowerCase(Locale.ROOT) : name;
    }

    /** Claude Code: entries cut at the cap; over the budget, the least used ("invoked least") lose their descriptions. */
    private static List<Seen> claudeListing(List<Seen> in, int budget, int cap, Map<String, Long> uses) {
        List<Seen> out = new ArrayList<>(in);
        int total = 0;
        List<Integer> listed = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            Seen s = out.get(i);
            if (s.listing() == Listing.DROPPED) {
                continue;
            }
            if (s.override().equals("name-only")) {
                out.set(i, with(s, Listing.NAME_ONLY));
                total += s.name().length();
                continue;
            }
            int len = s.description().length();
            out.set(i, with(s, len > cap ? Listing.CUT : Listing.FULL));
            total += s.name().length() + 2 + Math.min(len, cap);
            listed.add(i);
        }
        listed.sort(Comparator.comparingLong((Integer i) -> uses.getOrDefault(out.get(i).name(), 0L))
                .thenComparing(i -> -out.get(i).description().length())
                .thenComparing(i -> out.get(i).name()));
        for (int i : listed) {
            if (total <= budget) {
                break;
            }
            Seen s = out.get(i);
            total -= 2 + Math.min(s.description().length(), cap);
            out.set(i, with(s, Listing.NAME_ONLY));
        }
        return out;
    }

    /** Codex: all in full if they fit; else descriptions shortened; else removed, and skills left out past the budget. */
    private static List<Seen> codexListing(List<Seen> in, int budget) {
        List<Seen> out = new ArrayList<>(in);
        List<Integer> listed = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).listing() != Listing.DROPPED) {
                listed.add(i);
            }
        }
        listed.sort(Comparator.comparingInt((Integer i) -> out.get(i).rank()).thenComparing(i -> out.get(i).name())
                .thenComparing(i -> out.get(i).path().toString()));
        long full = 0;
        long min = 0;
        for (int i : listed) {
            Seen s = out.get(i);
            int base = 2 + s.name().length() + " (file: ".length() + s.path().resolve("SKILL.md").toString().length() + 2;
            min += base;
            full += base + 2 + s.description().length();
        }
        if (full <= budget) {
            return out;
        }
        if (min <= budget && !listed.isEmpty()) {
            long each = (budget - min) / listed.size();
            for (int i : listed) {
                Seen s = out.get(i);
                out.set(i, with(s, s.description().length() + 2 <= each ? Listing.FULL : Listing.CUT));
            }
            return out;
        }
        long used = 0;
        for (int i : listed) {
            Seen s = out.get(i);
            int base = 2 + s.name().length() + " (file: ".length() + s.path().resolve("SKILL.md").toString().length() + 2;
            used += base;
            out.set(i, with(s, used <= budget ? Listing.NAME_ONLY : Listing.DROPPED));
        }
        return out;
    }

    private static Seen with(Seen s, Listing l) {
        return new Seen(s.name(), s.path(), s.scope(), s.rank(), s.wins(), s.override(), l, s.description(), s.sameName(),
                s.kept());
    }

    /** The overrides the agent's own switch sets, read from its files (a file that does not parse is a note). */
    private interface Overrides {
        String of(Seen s);

        /** The file that sets it (null: none, or not known). */
        default Path from(Seen s) {
            return null;
        }
    }

    /** Where the override of {@code s} (as {@link #sees} gave it) is set: a settings file, or null. */
    public Path overrideSource(Agent a, Path project, Seen s) {
        return overrides(a, project == null ? null : project.toAbsolutePath().normalize(), new ArrayList<>()).from(s);
    }

    private Overrides overrides(Agent a, Path p, List<String> notes) {
        switch (a.switchKind()) {
            case CLAUDE_CODE_SKILL_OVERRIDES -> {
                Map<String, String> merged = new HashMap<>();
                List<Path> files = new ArrayList<>(List.of(AgentFolders.claudeConfigDir(env).resolve("settings.json")));
                if (p != null) {
                    files.add(p.resolve(".claude/settings.json"));
                    files.add(p.resolve(".claude/settings.local.json"));
                }
                Map<String, Path> source = new HashMap<>();
                for (Path f : files) {
                    try {
                        Map<String, String> here = SkillSwitches.json(f, SkillSwitches.read(f)).stringMembers("skillOverrides");
                        merged.putAll(here);
                        here.keySet().forEach(k -> source.put(k, f));
                    } catch (IOException e) {
                        notes.add(e.getMessage());
                    }
                }
                return new Overrides() {
                    @Override
                    public String of(Seen s) {
                        return normal(merged.getOrDefault(s.name(), "on"));
                    }

                    @Override
                    public Path from(Seen s) {
                        return source.get(s.name());
                    }
                };
            }
            case CODEX_SKILLS_CONFIG -> {
                Path f = switches.settingsFile(a, null);
                CodexConfig cfg;
                try {
                    byte[] b = SkillSwitches.read(f);
                    cfg = SkillSwitches.codex(f, b == null ? "" : new String(b, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    notes.add(e.getMessage());
                    return s -> "on";
                }
                return s -> cfg.disabled(real(s.path().resolve("SKILL.md")), s.name()) ? "off" : "on";
            }
            case GEMINI_CLI_SKILLS_DISABLED -> {
                List<String> off = new ArrayList<>();
                List<Path> files = new ArrayList<>(List.of(switches.settingsFile(a, null)));
                if (p != null) {
                    files.add(switches.settingsFile(a, p));
                }
                Map<String, Path> source = new HashMap<>();
                for (Path f : files) {
                    try {
                        SkillSwitches.json(f, SkillSwitches.read(f)).strings("skills", "disabled").forEach(n -> {
                            off.add(n.toLowerCase(Locale.ROOT));
                            source.putIfAbsent(n.toLowerCase(Locale.ROOT), f);
                        });
                    } catch (IOException e) {
                        notes.add(e.getMessage());
                    }
                }
                return new Overrides() {
                    @Override
                    public String of(Seen s) {
                        return off.contains(s.name().toLowerCase(Locale.ROOT)) ? "off" : "on";
                    }

                    @Override
                    public Path from(Seen s) {
                        return source.get(s.name().toLowerCase(Locale.ROOT));
                    }
                };
            }
            default -> {
                return s -> "on";
            }
        }
    }

    private static String normal(String v) {
        return switch (v) {
            case "off", "name-only", "user-invocable-only" -> v;
            default -> "on";
        };
    }

    private static String real(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize().toString();
        }
    }

    /** The skill folders in {@code folder}: sub-folders (or links to them) with a SKILL.md, hidden ones skipped. */
    private static List<Path> skillFolders(Path folder, List<String> notes) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> out = s.filter(d -> !d.getFileName().toString().startsWith("."))
                    .filter(d -> Files.isRegularFile(d.resolve("SKILL.md"))).sorted().limit(MAX_SKILLS_PER_FOLDER + 1L)
                    .toList();
            if (out.size() > MAX_SKILLS_PER_FOLDER) {
                notes.add(folder + ": more than " + MAX_SKILLS_PER_FOLDER + " skill folders; the first "
                        + MAX_SKILLS_PER_FOLDER + " are shown");
                return out.subList(0, MAX_SKILLS_PER_FOLDER);
            }
            return out;
        } catch (IOException e) {
            notes.add(folder + ": cannot be read (" + e.getMessage() + ")");
            return List.of();
        }
    }

    private ParsedSkillMd read(Path md) {
        try (InputStream in = Files.newInputStream(md)) {
            byte[] b = in.readNBytes(256 * 1024);
            return parser.parse(new String(b, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String join(String a, String b) {
        String x = a == null ? "" : a.strip();
        String y = b == null ? "" : b.strip();
        return y.isEmpty() ? x : x.isEmpty() ? y : x + " " + y;
    }
}
