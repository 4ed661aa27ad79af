package dev.skilldesk.ui;

import dev.skilldesk.ui.editor.MarkdownPreview;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The editor's rendered preview draws headings, lists, code, tables and links as what they are. */
class MarkdownPreviewUiTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void headingsListsCodeTablesAndLinks() throws Exception {
        AtomicReference<MarkdownPreview> preview = new AtomicReference<>();
        FxToolkit.setupFixture(() -> {
            MarkdownPreview p = new MarkdownPreview();
            new Scene(p, 600, 800).getStylesheets().add(getClass().getResource("/css/skilldesk.css").toExternalForm());
            p.show("""
                    # Poster helper

                    Use it for **posters** and `latex` files; see [the guide](https://example.org/guide).

                    1. Measure the board
                    2. Pick the template

                    - one
                    - two

                    ```bash
                    make poster
                    ```

                    | size | use |
                    |------|-----|
                    | A0   | conferences |
                    """);
            p.applyCss();
            p.layout();
            preview.set(p);
        });
        List<Node> blocks = preview.get().page().getChildren();
        assertThat(blocks.get(0).getStyleClass()).contains("md-heading", "md-h1");
        assertThat(text(blocks.get(0))).isEqualTo("Poster helper");
        List<Text> inline = texts(blocks.get(1));
        assertThat(inline).anyMatch(t -> t.getText().equals("posters") && t.getStyleClass().contains("md-strong"));
        assertThat(inline).anyMatch(t -> t.getText().equals("latex") && t.getStyleClass().contains("md-code"));
        assertThat(inline).anyMatch(t -> t.getText().equals("the guide") && t.getStyleClass().contains("md-link"));
        assertThat(labels(blocks.get(2))).contains("1.", "2.");
        assertThat(labels(blocks.get(3))).contains("•");
        assertThat(labels(blocks.get(4))).contains("make poster");
        assertThat(blocks.get(5)).isInstanceOf(GridPane.class);
        assertThat(texts(blocks.get(5))).extracting(Text::getText).contains("size", "use", "A0", "conferences");
    }

    private static String text(Node n) {
        StringBuilder b = new StringBuilder();
        texts(n).forEach(t -> b.append(t.getText()));
        return b.toString();
    }

    private static List<Text> texts(Node n) {
        List<Text> out = new ArrayList<>();
        if (n instanceof Text t) {
            out.add(t);
        } else if (n instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                if (!(p instanceof Labeled)) {
                    out.addAll(texts(c));
                }
            }
        }
        return out;
    }

    private static List<String> labels(Node n) {
        List<String> out = new ArrayList<>();
        for (Node c : n.lookupAll("*")) {
            if (c instanceof Labeled l && l.getText() != null) {
                out.add(l.getText());
            }
        }
        return out;
    }
}
