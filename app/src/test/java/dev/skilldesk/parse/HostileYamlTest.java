package dev.skilldesk.parse;

import dev.skilldesk.skill.ValidationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** YAML that tries to expand, nest, or instantiate its way past the loader is refused, not obeyed. */
class HostileYamlTest {
    private final SkillValidator validator = new SkillValidator(new TokenCounter());

    private ValidationResult validate(String yaml) {
        return validator.validate("---\n" + yaml + "\n---\nbody\n", null, ValidationProfile.LENIENT);
    }

    @Test
    void billionLaughsIsRefusedNotExpanded() {
        StringBuilder y = new StringBuilder("name: bomb\ndescription: d\n");
        y.append("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            y.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                y.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            y.append("]\n");
            prev = c;
        }
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        ValidationResult r = validate(y.toString());
        assertThat(r.count(Rules.FRONTMATTER_UNSAFE)).isEqualTo(1);
        assertThat(r.hasErrors()).isTrue();
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertThat(after - before).isLessThan(200L * 1024 * 1024);
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "x: " + "[".repeat(5_000) + "]".repeat(5_000);
        ValidationResult r = validate("name: deep\ndescription: d\n" + deep);
        assertThat(r.hasErrors()).isTrue();
        assertThat(r.issues()).anyMatch(i -> i.ruleId().startsWith("frontmatter."));
    }

    @Test
    void javaTypeTagsAreNeverInstantiated() {
        ValidationResult r = validate("name: evil\ndescription: d\nx: !!javax.script.ScriptEngineManager "
                + "[!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]");
        assertThat(r.hasErrors()).isTrue();
        assertThat(r.issues()).anyMatch(i -> i.ruleId().startsWith("frontmatter."));
    }

    @Test
    void oversizedFrontmatterIsAnErrorWithoutParsing() {
        String big = "name: big\ndescription: d\nfiller: \"" + "x".repeat(Limits.FRONTMATTER_CHARS) + "\"";
        assertThat(validate(big).count(Rules.FRONTMATTER_TOO_LARGE)).isEqualTo(1);
    }

    @Test
    void duplicateKeysAreASyntaxError() {
        assertThat(validate("name: a\nname: b\ndescription: d").hasErrors()).isTrue();
    }

    @Test
    void nulAndHugeContentAreRefused() {
        assertThat(validator.validate("---\nname: a\ndescription: d\n---\nbad\0byte\n", null, ValidationProfile.LENIENT)
                .count(Rules.CONTENT_NUL)).isEqualTo(1);
        String huge = "---\nname: a\ndescription: d\n---\n" + "y".repeat(Limits.CONTENT_HARD_CHARS + 1);
        ValidationResult r = validator.validate(huge, null, ValidationProfile.LENIENT);
        assertThat(r.errors()).extracting(i -> i.ruleId()).containsExactly(Rules.CONTENT_TOO_LARGE);
    }
}
