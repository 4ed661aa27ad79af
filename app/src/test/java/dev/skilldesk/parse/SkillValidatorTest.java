package dev.skilldesk.parse;

import dev.skilldesk.skill.Severity;
import dev.skilldesk.skill.ValidationIssue;
import dev.skilldesk.skill.ValidationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SkillValidatorTest {
    private final SkillValidator validator = new SkillValidator(new TokenCounter());

    private ValidationResult strict(String content, String folder) {
        return validator.validate(content, folder, ValidationProfile.STRICT);
    }

    private ValidationResult lenient(String content, String folder) {
        return validator.validate(content, folder, ValidationProfile.LENIENT);
    }

    private static ValidationIssue only(ValidationResult r, String rule) {
        return r.issues().stream().filter(i -> i.ruleId().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " in " + r.issues()));
    }

    @Test
    void aGoodSkillIsClean() {
        assertThat(strict("---\nname: pdf-tools\ndescription: Fill PDF forms and merge files. Use when the user asks to"
                + " fill a PDF form.\n---\n# Steps\n1. go\n", "pdf-tools").issues()).isEmpty();
    }

    @Test
    void nameRules() {
        for (String bad : new String[] {"PDF", "-pdf", "pdf-", "pd--f", "p_df", "a".repeat(65)}) {
            ValidationResult r = strict("---\nname: " + bad + "\ndescription: d\n---\nb\n", null);
            assertThat(only(r, Rules.NAME_FORMAT).line()).as(bad).isEqualTo(2);
        }
        assertThat(only(strict("---\ndescription: d\n---\nb\n", null), Rules.NAME_MISSING).severity())
                .isEqualTo(Severity.ERROR);
    }

    @Test
    void folderMismatchIsAnErrorWhenStrictAndAWarningWhenLenient() {
        String c = "---\nname: alpha\ndescription: d\n---\nb\n";
        assertThat(only(strict(c, "beta"), Rules.NAME_FOLDER_MISMATCH).severity()).isEqualTo(Severity.ERROR);
        assertThat(only(lenient(c, "beta"), Rules.NAME_FOLDER_MISMATCH).severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void descriptionRules() {
        assertThat(only(strict("---\nname: a\n---\nb\n", null), Rules.DESCRIPTION_MISSING).severity())
                .isEqualTo(Severity.ERROR);
        ValidationIssue longOne = only(strict("---\nname: a\ndescription: " + "x".repeat(1025) + "\n---\nb\n", null),
                Rules.DESCRIPTION_TOO_LONG);
        assertThat(longOne.line()).isEqualTo(3);
        assertThat(only(strict("---\nname: a\ndescription: use <b>\n---\nb\n", null), Rules.DESCRIPTION_ANGLE_BRACKETS)
                .severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void unknownKeysDependOnTheProfile() {
        String c = "---\nname: a\ndescription: d\nmodel: opus\nauthor: me\n---\nb\n";
        ValidationResult s = strict(c, null);
        assertThat(s.count(Rules.FRONTMATTER_UNKNOWN_KEY)).isEqualTo(2);
        assertThat(s.issues()).filteredOn(i -> i.ruleId().equals(Rules.FRONTMATTER_UNKNOWN_KEY))
                .extracting(ValidationIssue::line).containsExactly(4, 5);
        ValidationResult l = lenient(c, null);
        assertThat(l.issues()).filteredOn(i -> i.ruleId().equals(Rules.FRONTMATTER_UNKNOWN_KEY))
                .singleElement().satisfies(i -> {
                    assertThat(i.severity()).isEqualTo(Severity.WARNING);
                    assertThat(i.message()).contains("author");
                });
    }

    @Test
    void longBodiesAreWarnings() {
        String body = "line\n".repeat(600);
        ValidationIssue i = only(strict("---\nname: a\ndescription: d\n---\n" + body, null), Rules.BODY_TOO_LONG);
        assertThat(i.severity()).isEqualTo(Severity.WARNING);
        assertThat(i.line()).isEqualTo(5 + Limits.BODY_LINES_MAX);
        String wordy = "alpha beta gamma delta ".repeat(2_000);
        assertThat(only(strict("---\nname: a\ndescription: d\n---\n" + wordy, null), Rules.BODY_TOO_MANY_TOKENS)
                .severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void abuseLimits() {
        StringBuilder tags = new StringBuilder("---\nname: a\ndescription: d\nmetadata:\n  tags: [");
        for (int i = 0; i < 21; i++) {
            tags.append(i == 0 ? "" : ", ").append("t").append(i);
        }
        tags.append("]\n---\nb\n");
        assertThat(only(strict(tags.toString(), null), Rules.TAGS_TOO_MANY).severity()).isEqualTo(Severity.ERROR);

        String large = "---\nname: a\ndescription: d\n---\n" + "word ".repeat(11_000);
        // over the limit is an error in both profiles: stored as needing fixes, kept from agents until fixed
        assertThat(only(strict(large, null), Rules.CONTENT_TOO_LARGE).severity()).isEqualTo(Severity.ERROR);
        assertThat(only(lenient(large, null), Rules.CONTENT_TOO_LARGE).severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void issuesPrintWithLineRuleAndMessage() {
        ValidationIssue i = only(strict("---\nname: Bad\ndescription: d\n---\nb\n", null), Rules.NAME_FORMAT);
        assertThat(i.toString()).startsWith("line 2: error [name.format] name 'Bad'");
    }

    @Test
    void conflictMarkersAreAnErrorOutsideCodeAndOursAnywhere() {
        String head = "---\nname: notes\ndescription: d\n---\n# Notes\n";
        ValidationResult left = lenient(head + "<<<<<<< yours\nmine\n=======\ntheirs\n>>>>>>> upstream\n", "notes");
        assertThat(only(left, Rules.CONTENT_CONFLICT_MARKER).line()).isEqualTo(6);
        assertThat(only(left, Rules.CONTENT_CONFLICT_MARKER).severity()).isEqualTo(Severity.ERROR);
        assertThat(only(lenient(head + "a\n<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> main\n", "notes"),
                Rules.CONTENT_CONFLICT_MARKER).line()).isEqualTo(7);
        // a skill about git may show git's markers in code, and a setext heading is not a marker
        String teaching = head + "Title\n=======\n\n```\n<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> main\n```\n"
                + "Use >>>>>>> in prose.\n";
        assertThat(lenient(teaching, "notes").issues()).noneMatch(i -> i.ruleId().equals(Rules.CONTENT_CONFLICT_MARKER));
        // ours is flagged even inside a fence (a conflict may fall inside one)
        assertThat(only(lenient(head + "```\n<<<<<<< yours\na\n=======\nb\n>>>>>>> upstream\n```\n", "notes"),
                Rules.CONTENT_CONFLICT_MARKER).line()).isEqualTo(7);
    }
}
