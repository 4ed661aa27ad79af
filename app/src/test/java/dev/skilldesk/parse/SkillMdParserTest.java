package dev.skilldesk.parse;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SkillMdParserTest {
    private final SkillMdParser parser = new SkillMdParser();

    @Test
    void readsFrontmatterBodyAndKeyLines() {
        ParsedSkillMd p = parser.parse("---\nname: pdf\ndescription: Work with PDFs.\nlicense: MIT\n---\n# PDF\nDo it.\n");
        assertThat(p.format()).isEqualTo(SkillMdFormat.YAML_FRONTMATTER);
        assertThat(p.string("name")).isEqualTo("pdf");
        assertThat(p.lineOf("license")).isEqualTo(4);
        assertThat(p.bodyStartLine()).isEqualTo(6);
        assertThat(p.body()).startsWith("# PDF");
        assertThat(p.problems()).isEmpty();
    }

    @Test
    void acceptsCrlfAndBom() {
        ParsedSkillMd p = parser.parse("\uFEFF---\r\nname: a\r\ndescription: d\r\n---\r\nbody\r\n");
        assertThat(p.problems()).isEmpty();
        assertThat(p.string("name")).isEqualTo("a");
        assertThat(p.body()).isEqualTo("body\n");
    }

    @Test
    void coreInstructionsAreTheSectionWhenPresentElseTheBody() {
        ParsedSkillMd with = parser.parse("---\nname: a\ndescription: d\n---\n# T\nintro\n## Core Instructions\n"
                + "1. step\n### sub\nmore\n## Examples\nex\n");
        assertThat(with.coreInstructions()).isEqualTo("1. step\n### sub\nmore");
        ParsedSkillMd without = parser.parse("---\nname: a\ndescription: d\n---\n\n# T\nall of it\n");
        assertThat(without.coreInstructions()).isEqualTo("# T\nall of it");
    }

    @Test
    void readsTheOlderJsonMetadataBlock() {
        ParsedSkillMd p = parser.parse("```json\n{\n  \"name\": \"legacy\",\n  \"description\": \"Old style\","
                + "\n  \"tags\": [\"x\", \"y\"]\n}\n```\n# Body\n");
        assertThat(p.format()).isEqualTo(SkillMdFormat.JSON_BLOCK);
        assertThat(p.string("name")).isEqualTo("legacy");
        assertThat(p.lineOf("tags")).isEqualTo(5);
        assertThat(SkillMetadata.of(p).tags()).containsExactly("x", "y");
        assertThat(p.body()).isEqualTo("# Body\n");
    }

    @Test
    void syntaxErrorNamesItsLine() {
        ParsedSkillMd p = parser.parse("---\nname: a\ndescription: d\nbad: [unclosed\nother: x\n---\nbody\n");
        assertThat(p.problems()).singleElement().satisfies(i -> {
            assertThat(i.ruleId()).isEqualTo(Rules.FRONTMATTER_SYNTAX);
            assertThat(i.line()).isBetween(4, 6);
        });
    }

    @Test
    void missingAndUnclosedFrontmatterAreReported() {
        assertThat(parser.parse("# just markdown\n").problems())
                .extracting(i -> i.ruleId()).containsExactly(Rules.FRONTMATTER_MISSING);
        assertThat(parser.parse("---\nname: a\n").problems())
                .extracting(i -> i.ruleId()).containsExactly(Rules.FRONTMATTER_UNCLOSED);
    }

    @Test
    void keepsClaudeCodeKeysAndNestedMetadataAsIs() {
        ParsedSkillMd p = parser.parse("---\nname: a\ndescription: d\nallowed-tools: Read, Grep\n"
                + "disable-model-invocation: true\nmetadata:\n  persona: analyst\n  tags: [one, two]\n---\nb\n");
        assertThat(p.metadata()).containsEntry("disable-model-invocation", true)
                .containsEntry("allowed-tools", "Read, Grep");
        assertThat(((Map<?, ?>) p.metadata().get("metadata")).get("tags")).isEqualTo(List.of("one", "two"));
        SkillMetadata m = SkillMetadata.of(p);
        assertThat(m.persona()).isEqualTo("analyst");
        assertThat(m.tags()).containsExactly("one", "two");
    }

    @Test
    void datesBecomeText() {
        ParsedSkillMd p = parser.parse("---\nname: a\ndescription: d\nmetadata:\n  created: 2024-01-02\n---\nb\n");
        assertThat(((Map<?, ?>) p.metadata().get("metadata")).get("created")).isInstanceOf(String.class);
    }
}
