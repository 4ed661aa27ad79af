package dev.skilldesk;

import dev.skilldesk.skill.Printable;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What SkillDesk prints: text from outside is shown with control and bidi characters escaped, whatever reaches the
 * terminal; newlines, tabs and a Windows line end pass; JSON printed through it is the same JSON.
 */
class EscapingWriterTest {
    private static String through(String s) {
        StringWriter raw = new StringWriter();
        try (PrintWriter w = new PrintWriter(new EscapingWriter(raw))) {
            w.print(s);
        }
        return raw.toString();
    }

    @Test
    void terminalEscapesCarriageReturnsNulAndBidiAreShownNotObeyed() {
        for (String hostile : List.of("\u001b[2J", "\u001b]0;title\u0007", "a\rforged", "nul\u0000", "\u202eevil",
                "\u2066iso\u2069", "\u009b31m", "zero\u200bwidth", "del\u007f", "\uFEFFbom", "tag\uDB40\uDC41")) {
            String shown = through("name: " + hostile + "\n");
            assertThat(shown.chars().filter(c -> Printable.escaped(c, true)).count()).as(hostile).isZero();
            assertThat(shown).contains("\\u").endsWith("\n");
        }
        assertThat(through("a\rb")).isEqualTo("a\\u000db");
        assertThat(through("line\r\nnext\ttab\n")).isEqualTo("line\r\nnext\ttab\n");
        assertThat(through("trailing\r")).isEqualTo("trailing\\u000d");
        assertThat(through("café 日本語 👩‍💻")).isEqualTo("café 日本語 👩‍💻");
    }

    @Test
    void jsonThroughItIsTheSameJson() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        String json = mapper.writeValueAsString(java.util.Map.of("name", "pdf\u202etools\u001b[2J", "ok", "日本"));
        String shown = through(json);
        assertThat(mapper.readTree(shown)).isEqualTo(mapper.readTree(json));
        assertThat(shown).doesNotContain("\u202e");
    }

    @Test
    void aLogLineEscapesTheMessage() {
        var f = new Logging.EscapingFormatter();
        var record = new java.util.logging.LogRecord(java.util.logging.Level.WARNING, "skill \u001b[31mred\u001b[0m\rgone");
        String line = f.format(record);
        assertThat(line).doesNotContain("\u001b", "\r").contains("\\u001b[31mred");
    }
}
