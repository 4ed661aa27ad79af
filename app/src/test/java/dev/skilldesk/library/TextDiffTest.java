package dev.skilldesk.library;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TextDiffTest {
    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void unchangedLinesAwayFromAChangeAreFoldedAndTheChangedWordIsMarked() {
        String before = lines(1, 40);
        String after = before.replace("line 20\n", "line twenty\n");
        List<TextDiff.Line> rows = TextDiff.rows(before, after, TextDiff.CONTEXT);

        assertThat(rows).extracting(TextDiff.Line::kind).containsExactly(TextDiff.Kind.FOLD,
                TextDiff.Kind.SAME, TextDiff.Kind.SAME, TextDiff.Kind.SAME,
                TextDiff.Kind.REMOVED, TextDiff.Kind.ADDED,
                TextDiff.Kind.SAME, TextDiff.Kind.SAME, TextDiff.Kind.SAME, TextDiff.Kind.FOLD);
        assertThat(rows.get(0).folded()).isEqualTo(16);
        assertThat(rows.get(9).folded()).isEqualTo(17);
        TextDiff.Line removed = rows.get(4);
        TextDiff.Line added = rows.get(5);
        assertThat(removed.oldLine()).isEqualTo(20);
        assertThat(added.newLine()).isEqualTo(20);
        assertThat(removed.text().substring(removed.changed().get(0).start(), removed.changed().get(0).end())).isEqualTo("20");
        assertThat(added.text().substring(added.changed().get(0).start(), added.changed().get(0).end())).isEqualTo("twenty");
    }

    @Test
    void allLinesShowsEverythingAndAnAddedLineHasNoWordMarks() {
        String before = lines(1, 10);
        String after = before + "line 11\n";
        List<TextDiff.Line> all = TextDiff.rows(before, after, -1);
        assertThat(all).hasSize(11);
        assertThat(all.get(10).kind()).isEqualTo(TextDiff.Kind.ADDED);
        assertThat(all.get(10).changed()).isEmpty();
        assertThat(TextDiff.rows(before, before, 3)).extracting(TextDiff.Line::kind).containsExactly(TextDiff.Kind.FOLD);
    }
}
