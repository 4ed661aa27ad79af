package dev.skilldesk.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;

/**
 * A deterministic generator of realistic-looking skills at any size: names, descriptions that say
 * when to use the skill, tags, personas, namespaces and 2-10 KB bodies with a "Core Instructions"
 * section. The same seed and size always give the same skills (benchmarks and UI tests rely on it).
 */
public final class SyntheticCorpus {
    static final String[] VERBS = {"analyze", "build", "clean", "convert", "debug", "deploy", "design", "document",
            "extract", "format", "generate", "index", "lint", "migrate", "monitor", "optimize", "parse", "plan",
            "profile", "refactor", "render", "review", "scan", "schedule", "summarize", "test", "translate",
            "validate", "visualize", "write"};
    static final String[] OBJECTS = {"api", "chart", "csv", "dashboard", "dataset", "diagram", "docker", "email",
            "invoice", "json", "kubernetes", "log", "model", "notebook", "pdf", "pipeline", "poster", "query",
            "report", "schema", "slide", "spreadsheet", "sql", "terraform", "test-suite", "ticket", "website",
            "workflow", "xml", "yaml"};
    static final String[] DOMAINS = {"finance", "biology", "chemistry", "marketing", "security", "devops", "legal",
            "healthcare", "education", "retail", "research", "support", "design", "data", "web", "mobile"};
    static final String[] PERSONAS = {"analyst", "developer", "researcher", "writer", "designer", "operator",
            "scientist", "manager"};
    static final String[] NAMESPACES = {"default", "team-data", "team-web", "research", "ops"};
    static final String[] FILLER = ("the a to of and for with when this that each step output input file check "
            + "result review make sure first then finally always never keep use run open save read write list table "
            + "column value error warning note example section summary detail context agent user request task").split(" ");

    /** One generated skill. */
    public record GeneratedSkill(String namespace, String name, String persona, List<String> tags, String content) {
    }

    private SyntheticCorpus() {
    }

    public static GeneratedSkill skill(long seed, int index) {
        Random r = new Random(seed * 1_000_003L + index);
        String verb = VERBS[r.nextInt(VERBS.length)];
        String object = OBJECTS[r.nextInt(OBJECTS.length)];
        String domain = DOMAINS[r.nextInt(DOMAINS.length)];
        String name = verb + "-" + object + "-" + domain + "-" + index;
        String persona = PERSONAS[r.nextInt(PERSONAS.length)];
        String namespace = NAMESPACES[index % NAMESPACES.length];
        LinkedHashSet<String> tags = new LinkedHashSet<>(List.of(object, domain));
        tags.add(VERBS[r.nextInt(VERBS.length)]);
        String description = capitalize(verb) + " " + object.replace('-', ' ') + " files and artefacts for " + domain
                + " work: " + verb + "s, checks and reports " + object.replace('-', ' ') + " content. Use when the user asks to "
                + verb + " a " + object.replace('-', ' ') + " in a " + domain + " context, or mentions "
                + OBJECTS[r.nextInt(OBJECTS.length)].replace('-', ' ') + " and " + DOMAINS[r.nextInt(DOMAINS.length)] + ".";
        StringBuilder body = new StringBuilder();
        body.append("# ").append(capitalize(verb)).append(' ').append(object).append(" for ").append(domain).append("\n\n");
        body.append("## Core Instructions\n\n");
        int steps = 4 + r.nextInt(6);
        for (int s = 1; s <= steps; s++) {
            body.append(s).append(". ").append(sentence(r, 8 + r.nextInt(12), verb, object)).append('\n');
        }
        body.append("\n## Details\n\n");
        int target = 2_048 + r.nextInt(8 * 1024);
        while (body.length() < target) {
            body.append(sentence(r, 12 + r.nextInt(20), verb, object)).append(' ');
            if (r.nextInt(6) == 0) {
                body.append("\n\n### ").append(capitalize(FILLER[r.nextInt(FILLER.length)])).append("\n\n");
            }
        }
        String content = "---\nname: " + name + "\ndescription: \"" + description + "\"\nlicense: Apache-2.0\nmetadata:\n"
                + "  persona: " + persona + "\n  tags: " + String.join(", ", tags) + "\n---\n\n" + body.toString().strip() + "\n";
        return new GeneratedSkill(namespace, name, persona, List.copyOf(tags), content);
    }

    /** The same skill, edited: what a later version looks like. */
    public static String revise(String content, int version) {
        return content.replace("## Details", "## Details\n\nRevision " + version + ": tightened the steps above.");
    }

    private static String sentence(Random r, int words, String verb, String object) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            String w = r.nextInt(9) == 0 ? verb : r.nextInt(9) == 0 ? object : FILLER[r.nextInt(FILLER.length)];
            sb.append(i == 0 ? capitalize(w) : w).append(i == words - 1 ? "." : " ");
        }
        return sb.toString();
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Writes {@code size} skill folders under {@code out}/{namespace}/{name}/SKILL.md; returns the folders. */
    public static List<Path> write(Path out, int size, long seed) throws IOException {
        List<Path> dirs = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            GeneratedSkill g = skill(seed, i);
            Path d = out.resolve(g.name());
            Files.createDirectories(d);
            Files.writeString(d.resolve("SKILL.md"), g.content(), StandardCharsets.UTF_8);
            dirs.add(d);
        }
        return dirs;
    }
}
