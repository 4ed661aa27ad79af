package dev.skilldesk.parse;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tags written into frontmatter as real skills have it: read back by the parser, the rest of the file untouched. */
class FrontmatterEditsTest {
    private final SkillMdParser parser = new SkillMdParser();

    private List<String> tagsOf(String content) {
        ParsedSkillMd p = parser.parse(content);
        assertThat(p.problems()).as(content).isEmpty();
        return SkillMetadata.of(p).tags();
    }

    @Test
    void aMetadataBlockIndentedByFourGetsItsTagsAtFour() {
        String dask = "---\nname: dask\ndescription: Parallel arrays.\nmetadata:\n    skill-author: K-Dense Inc.\n---\n# Dask\n";
        String tagged = FrontmatterEdits.setTags(dask, List.of("bio-cluster"));
        assertThat(tagsOf(tagged)).containsExactly("bio-cluster");
        assertThat(tagged).contains("    skill-author: K-Dense Inc.", "    tags: bio-cluster").endsWith("---\n# Dask\n");
        assertThat(tagsOf(FrontmatterEdits.setTags(tagged, List.of("bio-cluster", "lab")))).containsExactly("bio-cluster", "lab");
    }

    @Test
    void topLevelTagsAreTheOnesSet() {
        String claude = "---\nname: a\ndescription: d\ntags:\n  - one\n  - two\n---\nbody\n";
        assertThat(tagsOf(FrontmatterEdits.setTags(claude, List.of("one", "two", "three")))).containsExactly("one", "two", "three");
        assertThat(tagsOf(FrontmatterEdits.setTags("---\nname: a\ndescription: d\n---\nb\n", List.of("x")))).containsExactly("x");
        assertThat(tagsOf(FrontmatterEdits.setTags("---\nname: a\ndescription: d\nmetadata:\n   author: me\n---\nb\n",
                List.of("x")))).containsExactly("x");
    }

    private String descriptionOf(String content) {
        ParsedSkillMd p = parser.parse(content);
        assertThat(p.problems()).as(content).isEmpty();
        return SkillMetadata.of(p).description();
    }

    /** The lines of {@code after} that are not in {@code before}: what a diff would show as changed. */
    private static List<String> changed(String before, String after) {
        List<String> was = List.of(before.split("\n"));
        return java.util.Arrays.stream(after.split("\n")).filter(l -> !was.contains(l)).toList();
    }

    @Test
    void aWordChangedInAPlainDescriptionChangesThatLineOnlyAndAddsNoQuotes() {
        String md = "---\nname: notes\ndescription: Write release notes, grouped by type. Use when asked for notes.\n---\nb\n";
        String edited = FrontmatterEdits.setScalar(md, "description",
                "Write release notes, grouped by kind. Use when asked for notes.");
        assertThat(changed(md, edited)).containsExactly(
                "description: Write release notes, grouped by kind. Use when asked for notes.");
        assertThat(descriptionOf(edited)).isEqualTo("Write release notes, grouped by kind. Use when asked for notes.");
        // only what YAML would misread is quoted
        for (String v : List.of("Use when: asked", "#1 tool", "true", "2024-01-02", "- a list?", "a #comment")) {
            assertThat(descriptionOf(FrontmatterEdits.setScalar(md, "description", v))).as(v).isEqualTo(v);
        }
    }

    @Test
    void aQuotedValueKeepsItsQuotesAndABlockKeepsItsLines() {
        String single = "---\nname: a\ndescription: 'It''s short: very.'\n---\nb\n";
        String s2 = FrontmatterEdits.setScalar(single, "description", "It's shorter: very.");
        assertThat(s2).contains("description: 'It''s shorter: very.'");
        assertThat(descriptionOf(s2)).isEqualTo("It's shorter: very.");

        String folded = "---\nname: a\ndescription: >-\n  Reads the changelog and writes release notes grouped by\n"
                + "  type, with links to each pull request. Use when the user asks for\n  release notes.\nlicense: MIT\n---\nb\n";
        String value = descriptionOf(folded);
        String f2 = FrontmatterEdits.setScalar(folded, "description", value.replace("release notes.", "the notes."));
        assertThat(changed(folded, f2)).containsExactly("  the notes.");
        assertThat(f2).contains("description: >-", "license: MIT");
        assertThat(descriptionOf(f2)).isEqualTo(value.replace("release notes.", "the notes."));

        String literal = "---\nname: a\ndescription: |\n  Line one.\n  Line two.\n---\nb\n";
        String l2 = FrontmatterEdits.setScalar(literal, "description", "Line one.\nLine 2.");
        assertThat(changed(literal, l2)).containsExactly("  Line 2.");
    }
}
