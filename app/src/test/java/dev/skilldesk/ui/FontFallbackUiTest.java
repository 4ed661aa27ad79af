package dev.skilldesk.ui;

import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * CJK text in the editor and in the rendered preview is drawn through the system's fonts (fontconfig's
 * fallback), not as boxes: a character no font has (a private-use one) and a CJK character must not render
 * the same. Needs a CJK font on the machine (.ci/run installs fonts-wqy-microhei); skipped, with a message,
 * where there is none.
 */
class FontFallbackUiTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static int[] pixels(String styleClass, String text, boolean inCodeArea) throws Exception {
        AtomicReference<int[]> out = new AtomicReference<>();
        FxToolkit.setupFixture(() -> {
            StackPane root = new StackPane();
            if (inCodeArea) {
                CodeArea area = new CodeArea(text);
                area.getStyleClass().add(styleClass);
                root.getChildren().add(area);
            } else {
                Text t = new Text(text);
                t.getStyleClass().addAll("md-text");
                StackPane page = new StackPane(t);
                page.getStyleClass().add(styleClass);
                root.getChildren().add(page);
            }
            Scene scene = new Scene(root, 200, 60);
            scene.getStylesheets().add(FontFallbackUiTest.class.getResource("/css/skilldesk.css").toExternalForm());
            root.applyCss();
            root.layout();
            WritableImage img = root.snapshot(null, null);
            int[] px = new int[(int) img.getWidth() * (int) img.getHeight()];
            img.getPixelReader().getPixels(0, 0, (int) img.getWidth(), (int) img.getHeight(),
                    javafx.scene.image.PixelFormat.getIntArgbInstance(), px, 0, (int) img.getWidth());
            out.set(px);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return out.get();
    }

    @Test
    void cjkIsDrawnInTheEditorAndThePreviewNotAsABox() throws Exception {
        boolean hasCjkFont = new java.io.File("/usr/share/fonts").exists() && java.nio.file.Files.walk(
                java.nio.file.Path.of("/usr/share/fonts")).anyMatch(p -> p.toString().matches(".*(wqy|cjk|CJK|droid|Droid).*"));
        assumeTrue(hasCjkFont, "no CJK font on this machine (install fonts-wqy-microhei)");
        String missing = "\uE000\uE001\uE002";
        String cjk = "日本語";
        // the control: two strings of characters no font has draw the same boxes, so "not the same" means glyphs
        assertThat(Arrays.equals(pixels("skill-code", "\uE010\uE011\uE012", true), pixels("skill-code", missing, true)))
                .as("missing glyphs all draw as the same box").isTrue();
        assertThat(Arrays.equals(pixels("skill-code", cjk, true), pixels("skill-code", missing, true)))
                .as("the editor draws CJK with a system font, not as the boxes of a missing glyph").isFalse();
        assertThat(Arrays.equals(pixels("skill-code", "\uD83D\uDE00\u2705", true), pixels("skill-code", missing, true)))
                .as("the editor draws emoji with a system font").isFalse();
        assertThat(Arrays.equals(pixels("md-page", cjk, false), pixels("md-page", missing, false)))
                .as("the preview draws CJK with a system font").isFalse();
        assertThat(Arrays.equals(pixels("md-page", "\uD83D\uDE00\u2705", false), pixels("md-page", missing, false)))
                .as("the preview draws emoji with a system font").isFalse();
    }
}
