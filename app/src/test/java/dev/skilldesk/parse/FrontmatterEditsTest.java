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
}
