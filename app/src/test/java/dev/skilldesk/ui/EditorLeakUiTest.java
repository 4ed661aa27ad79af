package dev.skilldesk.ui;

import dev.skilldesk.ui.shell.DesktopRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.skilldesk.ui.UiTests.cli;
import static dev.skilldesk.ui.UiTests.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opening and closing skills gives their memory back: after 50 skills were opened in the editor and closed again,
 * the live heap (the JVM's class histogram, which collects first) holds no more editors, documents or text areas
 * than before, and its total is back at its level.
 */
class EditorLeakUiTest extends FxRobot {
    /** Classes whose live instances must come back to where they were. */
    private static final List<String> HELD = List.of("dev.skilldesk.ui.editor.SkillEditorView",
            "dev.skilldesk.ui.editor.SkillEditorViewModel", "dev.skilldesk.ui.editor.SkillDocuments$SkillDocument",
            "dev.skilldesk.ui.versions.VersionsViewModel", "org.fxmisc.richtext.CodeArea");
    /** What the live heap may grow by over the 50 (caches that fill once, the log): 4 MB. */
    private static final long SLACK_BYTES = 4L << 20;

    @TempDir
    Path dir;

    @Test
    void fiftySkillsOpenedAndClosedLeaveNothingBehind() throws Exception {
        Path lib = dir.resolve("lib");
        Path corpus = dir.resolve("corpus");
        cli(lib, "generate-corpus", "--size", "50", "--out", corpus.toString());
        cli(lib, "import", "--no-index", corpus.toString());
        FxToolkit.registerPrimaryStage();
        SkillDeskApp app = (SkillDeskApp) FxToolkit.setupApplication(SkillDeskApp.class, "--data-dir", lib.toString());
        DesktopRoot w = app.window();
        waitUntil(() -> w.libraryViewModel().rows().size() >= 55, 60);
        var rows = List.copyOf(w.libraryViewModel().rows());

        openAndClose(w, rows.subList(0, 5)); // the first editors load their classes, fonts and styles
        Histogram before = Histogram.now();
        int times = Integer.getInteger("leak.rounds", 1);
        for (int i = 0; i < times; i++) {
            openAndClose(w, rows.subList(5, 55));
        }
        // an editor's last task may still hold it on a thread's stack for a moment: up to five looks, a second apart
        Histogram after = Histogram.now();
        for (int look = 1; look < 5 && lingering(before, after); look++) {
            Thread.sleep(1_000);
            after = Histogram.now();
        }
        if (System.getProperty("leak.dump") != null) {
            java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .dumpHeap(System.getProperty("leak.dump"), true);
        }

        System.out.printf("EditorLeakUiTest: live heap without int[] %d KB before, %d KB after %d x 50 skills opened"
                + " and closed; the largest growth: %s%n", before.totalBytesBut("[I") / 1024,
                after.totalBytesBut("[I") / 1024, times, after.growthSince(before));
        for (String cls : HELD) {
            assertThat(after.instances(cls)).as("live " + cls + " after 50 skills were opened and closed (before: "
                    + before.instances(cls) + "); heap growth " + after.growthSince(before)).isLessThanOrEqualTo(before.instances(cls));
        }
        assertThat(after.totalBytesBut("[I")).as("the live heap after 50 skills opened and closed, against before ("
                + before.totalBytesBut("[I") / 1024 + " KB); the largest growth: " + after.growthSince(before))
                .isLessThanOrEqualTo(before.totalBytesBut("[I") + SLACK_BYTES);
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private static boolean lingering(Histogram before, Histogram after) {
        return HELD.stream().anyMatch(c -> after.instances(c) > before.instances(c));
    }

    private void openAndClose(DesktopRoot w, List<dev.skilldesk.library.LibraryOverview.Row> rows) throws Exception {
        for (var row : rows) {
            String ref = row.skill().namespace() + "/" + row.skill().name();
            interact(() -> w.openSkill(row.skill()));
            waitUntil(() -> w.openSkills().containsKey(ref)
                    && w.openSkills().get(ref).editor().versionProperty().get() >= 1, 20);
            WaitForAsyncUtils.waitForFxEvents();
            interact(() -> w.openSkills().get(ref).requestClose(() -> { }));
            waitUntil(() -> !w.openSkills().containsKey(ref), 20);
        }
        interact(() -> w.show("library")); // the focus leaves the last editor's place
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300); // the editors' last pulses and background loads
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The live heap by class, from the JVM's own histogram (GC.class_histogram: a full collection first). */
    record Histogram(Map<String, long[]> byClass, long totalBytes) {
        private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
        private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)");

        static Histogram now() throws Exception {
            String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            Map<String, long[]> byClass = new LinkedHashMap<>();
            long total = 0;
            for (String line : text.split("\n")) {
                Matcher m = ROW.matcher(line);
                if (m.find()) {
                    byClass.put(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
                }
                Matcher t = TOTAL.matcher(line);
                if (t.find()) {
                    total = Long.parseLong(t.group(2));
                }
            }
            return new Histogram(byClass, total);
        }

        /**
         * The total without one class. The test's renderer is Prism's software pipeline, whose effect textures are
         * int[] pixel buffers kept in JavaFX's image pool behind soft references (a heap dump shows them under
         * PSWDrawable and JavaSurface): they stay until memory runs short, so int[] is left out of the sum.
         */
        long totalBytesBut(String cls) {
            long[] v = byClass.get(cls);
            return totalBytes - (v == null ? 0 : v[1]);
        }

        long instances(String cls) {
            long[] v = byClass.get(cls);
            return v == null ? 0 : v[0];
        }

        /** The five classes that grew most in bytes since {@code earlier}. */
        String growthSince(Histogram earlier) {
            return byClass.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue()[1] - earlier.byClass.getOrDefault(e.getKey(),
                            new long[] {0, 0})[1]))
                    .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(5)
                    .map(e -> e.getKey() + " +" + e.getValue() / 1024 + " KB (" + (byClass.get(e.getKey())[0]
                            - earlier.byClass.getOrDefault(e.getKey(), new long[] {0, 0})[0]) + ")").toList().toString();
        }
    }
}
