package dev.skilldesk.parse;

import dev.skilldesk.skill.ValidationIssue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each quick fix removes the finding it is offered for, and the rest of the text stays as it was. */
class QuickFixesTest {
    private final SkillValidator validator = new SkillValidator(new TokenCounter());

    private List<ValidationIssue> findings(String content, String folder) {
        return validator.validate(content, folder, ValidationProfile.STRICT).issues();
    }

    private String fixed(String content, String rule, String folder) {
        ValidationIssue issue = findings(content, folder).stream().filter(i -> i.ruleId().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " finding in\n" + content));
        Optional<QuickFixes.Fix> fix = QuickFixes.forIssue(content, issue, folder);
        assertThat(fix).as("a fix for " + rule).isPresent();
        String after = fix.get().content();
        assertThat(findings(after, folder)).extracting(ValidationIssue::ruleId).doesNotContain(rule);
        return after;
    }

    @Test
    void nameFormatAndFolderMismatch() {
        String md = "---\nname: My Skill\ndescription: Does a thing.\n---\n# Body\ntext\n";
        assertThat(fixed(md, Rules.NAME_FORMAT, null)).contains("name: my-skill").endsWith("# Body\ntext\n");
        String other = "---\nname: other-name\ndescription: Does a thing.\n---\n# Body\ntext\n";
        assertThat(fixed(other, Rules.NAME_FOLDER_MISMATCH, "the-folder")).contains("name: the-folder");
    }

    @Test
    void anUnclosedFrontmatterIsClosedAfterItsLastKey() {
        String md = "---\nname: x-skill\ndescription: Does a thing.\n\n# Body\ntext\n";
        String after = fixed(md, Rules.FRONTMATTER_UNCLOSED, null);
        assertThat(after).isEqualTo("---\nname: x-skill\ndescription: Does a thing.\n---\n\n# Body\ntext\n");
    }

    @Test
    void aLongDescriptionIsCutAtASentence() {
        String sentence = "This sentence is about forty-five characters. ";
        String md = "---\nname: x-skill\ndescription: " + sentence.repeat(30).strip() + "\n---\n# Body\ntext\n";
        String after = fixed(md, Rules.DESCRIPTION_TOO_LONG, null);
        String d = new SkillMdParser().parse(after).string("description");
        assertThat(d.length()).isLessThanOrEqualTo(Limits.DESCRIPTION_MAX);
        assertThat(d).endsWith(".");
    }

    @Test
    void anUnknownKeyMovesUnderMetadata() {
        String md = "---\nname: x-skill\ndescription: Does a thing.\nauthor: Someone\n---\n# Body\ntext\n";
        String after = fixed(md, Rules.FRONTMATTER_UNKNOWN_KEY, null);
        assertThat(after).contains("metadata:\n  author: Someone\n---");
    }

    @Test
    void aValueWithAColonIsReadAsIfQuotedAndTheFixQuotesIt() {
        String md = "---\nname: x-skill\ndescription: Use it when: the user asks\n---\n# Body\ntext\n";
        // the frontmatter is read (the skill can be stored and fixed), and the unquoted value is an error at its line
        assertThat(new SkillMdParser().parse(md).string("description")).isEqualTo("Use it when: the user asks");
        ValidationIssue quotes = findings(md, null).stream()
                .filter(i -> i.ruleId().equals(Rules.FRONTMATTER_NEEDS_QUOTES)).findFirst().orElseThrow();
        assertThat(quotes.severity()).isEqualTo(dev.skilldesk.skill.Severity.ERROR);
        assertThat(quotes.line()).isEqualTo(3);
        assertThat(quotes.message()).contains("'description'").contains("quotes");
        String after = fixed(md, Rules.FRONTMATTER_NEEDS_QUOTES, null);
        assertThat(new SkillMdParser().parse(after).string("description")).isEqualTo("Use it when: the user asks");
        assertThat(findings(after, null)).noneMatch(i -> i.ruleId().startsWith("frontmatter."));
    }

    @Test
    void yamlThatQuotingCannotMendStaysASyntaxError() {
        String md = "---\nname: x-skill\ndescription: [unclosed\n---\n# Body\n";
        ValidationIssue syntax = findings(md, null).stream().filter(i -> i.ruleId().equals(Rules.FRONTMATTER_SYNTAX))
                .findFirst().orElseThrow();
        assertThat(syntax.message()).startsWith("invalid YAML");
        assertThat(syntax.severity()).isEqualTo(dev.skilldesk.skill.Severity.ERROR);
    }

    @Test
    void aRuleWithoutAFixOffersNone() {
        String md = "---\nname: x-skill\n---\n# Body\ntext\n";
        ValidationIssue missing = findings(md, null).stream().filter(i -> i.ruleId().equals(Rules.DESCRIPTION_MISSING))
                .findFirst().orElseThrow();
        assertThat(QuickFixes.forIssue(md, missing, null)).isEmpty();
    }
}
