package dev.skilldesk.ui;

import dev.skilldesk.ui.shell.DesktopRoot;
import dev.skilldesk.ui.common.PulseMonitor;
import dev.skilldesk.ui.map.MapView;
import dev.skilldesk.ui.map.MapViewModel;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.skilldesk.ui.UiTests.truncated;
import static dev.skilldesk.ui.UiTests.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Map view as an author uses it, read off the screen: the legend, the request typed and where it lands, the
 * hover card of a dot, a click that opens the skill, a lasso round dots then Tag…, the confusable pair listed; and
 * the frame time while panning 10,000 points, measured by the pulse monitor.
 */
class MapUiTest extends FxRobot {
    @TempDir
    Path dir;

    private static void skill(Path root, String name, String description) throws Exception {
        Path f = root.resolve(name).resolve("SKILL.md");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "---\nname: " + name + "\ndescription: \"" + description + "\"\n---\n# " + name + "\n\nSteps.\n");
    }

    private void tab(String id) {
        clickOn("#" + id.replace("tab-", "place-"));
    }

    @Test
    void queryHoverClickLassoTagAndPanning() throws Exception {
        Path src = dir.resolve("src");
        skill(src, "pdf-form-filler", "Fill in PDF forms and extract the values of their fields. Use when the user has a PDF form to complete.");
        skill(src, "pdf-forms", "Fills PDF forms and extracts their field values; use it when the user needs a PDF form completed.");
        skill(src, "csv-cleaner", "Clean messy CSV files: trim blanks, fix encodings, drop duplicate rows before analysis.");
        skill(src, "k8s-deploy", "Deploy a service to a Kubernetes cluster with kubectl and a Helm chart.");
        skill(src, "haiku", "Write a haiku about any topic the user names, in the 5-7-5 form.");

        FxToolkit.registerPrimaryStage();
        SkillDeskApp app = (SkillDeskApp) FxToolkit.setupApplication(SkillDeskApp.class, "--data-dir", dir.resolve("lib").toString());
        DesktopRoot w = app.window();
        interact(() -> w.libraryViewModel().imports().importPath(src, null));
        waitUntil(() -> w.libraryViewModel().rows().size() >= 10, 60);
        tab("tab-map");
        waitUntil(() -> lookup("#mapView").tryQuery().isPresent(), 10);
        MapView map = lookup("#mapView").query();
        Label status = lookup("#mapStatus").query();
        waitUntil(() -> status.getText().startsWith("10 skills") || status.getText().startsWith("11 skills"), 120);

        // the legend: the namespace and its count
        assertThat(lookup("#mapLegend").queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                .map(n -> ((Label) n).getText()).toList()).contains("Namespace").anySatisfy(t -> assertThat(t).matches("default \\(\\d+\\)"));
        // colour by validation: the legend and the dots take the colours at once (not grey)
        interact(() -> w.mapViewModel().colourByProperty().set(MapViewModel.ColourBy.VALIDATION));
        waitUntil(() -> lookup("#mapLegend").queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                .anyMatch(n -> ((Label) n).getText().startsWith("passes (")), 10);
        Label valid = (Label) lookup("#mapLegend").queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                .filter(n -> ((Label) n).getText().startsWith("passes (")).findFirst().orElseThrow();
        // the theme's colour for success (the dark theme's in the dark theme), not grey
        javafx.scene.paint.Color success = dev.skilldesk.ui.common.ThemeColors.of("-color-success-emphasis",
                javafx.scene.paint.Color.GRAY);
        assertThat(success).isNotEqualTo(javafx.scene.paint.Color.GRAY);
        assertThat(((javafx.scene.shape.Circle) valid.getGraphic()).getFill()).isEqualTo(success);
        interact(() -> w.mapViewModel().colourByProperty().set(MapViewModel.ColourBy.NAMESPACE));
        Label ns = (Label) lookup("#mapLegend").queryAs(javafx.scene.layout.VBox.class).getChildren().get(1);
        assertThat(((javafx.scene.shape.Circle) ns.getGraphic()).getFill()).isNotEqualTo(javafx.scene.paint.Color.GRAY);
        // the confusable pair is listed
        javafx.scene.control.ListView<?> pairs = lookup("#mapPairs").queryListView();
        waitUntil(() -> pairs.lookupAll(".list-cell").stream().anyMatch(c -> {
            String t = ((javafx.scene.control.Labeled) c).getText();
            return t != null && t.contains("pdf-form-filler ~ pdf-forms");
        }), 60);

        // a request lands near the skills that compete for it
        TextField query = lookup("#mapQuery").query();
        clickOn(query).write("fill in the tax form in this pdf");
        Label landing = lookup("#mapLanding").query();
        waitUntil(() -> landing.getText().startsWith("\u201Cfill in the tax form in this pdf\u201D lands near pdf-form"), 30);
        assertThat(landing.getText()).contains("pdf-forms", "pdf-form-filler");
        assertThat(truncated(w.scene().getRoot())).as("labels cut to …").isEmpty();
        Screenshots.save(w.scene(), "16-map");

        // hover: the card says the skill's name and description
        Point2D at = map.dotInScene("default/csv-cleaner");
        moveTo(w.scene().getWindow().getX() + w.scene().getX() + at.getX(), w.scene().getWindow().getY() + w.scene().getY() + at.getY());
        Label hover = lookup("#mapHover").query();
        waitUntil(hover::isVisible, 5);
        assertThat(hover.getText()).startsWith("csv-cleaner\nClean messy CSV files");

        // click opens it
        clickOn(MouseButton.PRIMARY);
        waitUntil(() -> w.openSkills().containsKey("default/csv-cleaner"), 20);

        // lasso round the whole map, then Tag…
        tab("tab-map");
        javafx.scene.layout.Pane stagePane = lookup("#mapStage").query();
        javafx.geometry.Bounds b = stagePane.localToScreen(stagePane.getBoundsInLocal());
        press(KeyCode.SHIFT);
        moveTo(b.getMinX() + 3, b.getMinY() + 3);
        press(MouseButton.PRIMARY);
        moveTo(b.getMaxX() - 3, b.getMinY() + 3);
        moveTo(b.getMaxX() - 3, b.getMaxY() - 3);
        moveTo(b.getMinX() + 3, b.getMaxY() - 3);
        moveTo(b.getMinX() + 3, b.getMinY() + 6);
        release(MouseButton.PRIMARY);
        release(KeyCode.SHIFT);
        Label selected = lookup("#mapSelection").query();
        int all = interactAndGet(() -> lookup("#mapView").queryAs(MapView.class) != null ? countDots(w) : 0);
        waitUntil(() -> selected.getText().equals(all + " selected"), 10);
        clickOn("#mapTag");
        waitUntil(() -> lookup(".dialog-pane").tryQuery().isPresent(), 10);
        javafx.scene.control.DialogPane d = lookup(".dialog-pane").query();
        interact(() -> d.lookupAll(".text-field").forEach(f -> ((TextField) f).setText("mapped")));
        clickOn(d.lookupButton(javafx.scene.control.ButtonType.OK));
        waitUntil(() -> w.libraryViewModel().rows().stream().allMatch(r -> r.skill().tags().contains("mapped")), 30);

        // panning 10,000 points: the longest frame, by the pulse monitor
        List<MapViewModel.Dot> many = new ArrayList<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            many.add(new MapViewModel.Dot(i, "ns" + (i % 12) + "/s" + i, "s" + i, "", r.nextGaussian() * 5 + (i % 12) * 3,
                    r.nextGaussian() * 5 - (i % 7) * 2, "ns" + (i % 12)));
        }
        interact(() -> {
            MapViewModel vm = w.mapViewModel();
            vm.pairs().clear();
            vm.show(many);
            map.fit();
            map.draw();
        });
        PulseMonitor monitor = new PulseMonitor(w.scene());
        interact(monitor::start);
        Thread.sleep(300);
        moveTo(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2);
        press(MouseButton.PRIMARY);
        for (int i = 0; i < 60; i++) {
            moveBy(i % 20 < 10 ? 6 : -6, i % 30 < 15 ? 3 : -3);
        }
        release(MouseButton.PRIMARY);
        Thread.sleep(300);
        interact(monitor::stop);
        System.out.printf("map: panning 10,000 points, %d pulses, longest pulse %.1f ms, longest gap %.1f ms%n",
                monitor.pulses(), monitor.maxPulseMillis(), monitor.maxGapMillis());
        assertThat(monitor.pulses()).isGreaterThan(10);
        assertThat(monitor.maxPulseMillis()).as("a regression guard; the figure itself is in BENCHMARKS.md").isLessThan(250);

        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private static int countDots(DesktopRoot w) {
        return w.mapViewModel().dots().size();
    }

    private <T> T interactAndGet(java.util.concurrent.Callable<T> c) throws Exception {
        Object[] out = new Object[1];
        interact(() -> {
            try {
                out[0] = c.call();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        @SuppressWarnings("unchecked")
        T t = (T) out[0];
        return t;
    }
}
