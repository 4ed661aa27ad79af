package dev.skilldesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Confusable skills on a crafted set with known near-duplicates (the same skill imported into two namespaces, two
 * rewordings of one), with the real model: those pairs are found, most similar first, the distinct skills are not;
 * and the map of the same library as JSON and as a picture.
 */
class OverlapsAndMapCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    private static void skill(Path root, String name, String description) throws Exception {
        Path f = root.resolve(name).resolve("SKILL.md");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "---\nname: " + name + "\ndescription: \"" + description + "\"\n---\n# " + name + "\n\nSteps.\n");
    }

    @Test
    void nearDuplicatesAreFoundAndDistinctSkillsAreNot() throws Exception {
        CliRunner cli = new CliRunner(dir.resolve("lib"));
        Path a = dir.resolve("a");
        skill(a, "pdf-form-filler", "Fill in PDF forms and extract the values of their fields. Use when the user has a PDF form to complete.");
        skill(a, "pdf-forms", "Fills PDF forms and extracts their field values; use it when the user needs a PDF form completed.");
        skill(a, "csv-cleaner", "Clean messy CSV files: trim blanks, fix encodings, drop duplicate rows before analysis.");
        skill(a, "commit-writer", "Write a conventional git commit message from the staged diff.");
        skill(a, "k8s-deploy", "Deploy a service to a Kubernetes cluster with kubectl and a Helm chart.");
        skill(a, "haiku", "Write a haiku about any topic the user names, in the 5-7-5 form.");
        Path b = dir.resolve("b");
        skill(b, "csv-cleaner", "Clean messy CSV files: trim blanks, fix encodings, drop duplicate rows before analysis.");
        CliRunner.Result first = cli.run("import", a.toString());
        assertThat(first.code()).as(first.out() + first.err()).isZero();
        CliRunner.Result second = cli.run("--namespace", "team", "import", b.toString());
        assertThat(second.code()).as(second.out() + second.err()).isZero();

        // the same request stored for both: whichever ranks lower was beaten by the other, a request that confuses them
        assertThat(cli.run("triggers", "pdf-forms", "--add", "complete the fields of this PDF form").code()).isZero();
        assertThat(cli.run("triggers", "pdf-form-filler", "--add", "complete the fields of this PDF form").code()).isZero();
        CliRunner.Result r = cli.run("overlaps", "--json");
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        JsonNode pairs = JSON.readTree(r.out());
        List<String> found = new ArrayList<>();
        double last = 2;
        for (JsonNode p : pairs) {
            assertThat(p.fieldNames()).toIterable().startsWith("a", "b", "similarity");
            double s = p.get("similarity").asDouble();
            assertThat(s).as("most similar first").isLessThanOrEqualTo(last);
            last = s;
            found.add(p.get("a").asText() + " ~ " + p.get("b").asText());
        }
        assertThat(found).contains("default/csv-cleaner ~ team/csv-cleaner", "default/pdf-form-filler ~ default/pdf-forms");
        assertThat(found).noneMatch(f -> f.contains("haiku") || f.contains("k8s-deploy") || f.contains("commit-writer"));
        assertThat(pairs.get(0).get("similarity").asDouble()).as("the same skill twice").isGreaterThan(0.99);
        JsonNode pdf = null;
        for (JsonNode p : pairs) {
            if (p.get("a").asText().equals("default/pdf-form-filler")) {
                pdf = p;
            }
        }
        assertThat(pdf.get("requests").toString()).contains("complete the fields of this PDF form");
        assertThat(pdf.get("onlyA").size() + pdf.get("onlyB").size()).as("the words that tell them apart").isPositive();

        CliRunner.Result text = cli.run("overlaps", "--namespace", "team");
        assertThat(text.out()).contains("default/csv-cleaner  ~  team/csv-cleaner").doesNotContain("pdf-forms");
        assertThat(cli.run("overlaps", "--threshold", "0.9999", "--json").out()).doesNotContain("pdf-forms");
        assertThat(cli.run("overlaps", "--threshold", "2").code()).isEqualTo(2);

        // the map
        Path json = dir.resolve("map.json");
        Path png = dir.resolve("map.png");
        CliRunner.Result m = cli.run("map", "--json", json.toString(), "--out", png.toString());
        assertThat(m.code()).as(m.err()).isZero();
        JsonNode pts = JSON.readTree(json.toFile());
        List<String> onMap = new ArrayList<>();
        pts.forEach(p -> onMap.add(p.get("skill").asText()));
        assertThat(onMap).contains("default/pdf-forms", "default/pdf-form-filler", "default/csv-cleaner",
                "team/csv-cleaner", "default/haiku", "default/k8s-deploy", "default/commit-writer").doesNotHaveDuplicates();
        assertThat(pts.get(0).fieldNames()).toIterable().containsExactly("skill", "x", "y");
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isGreaterThanOrEqualTo(800);
        assertThat(img.getHeight()).isGreaterThanOrEqualTo(600);
        // the same library again: the cached layout, the same points
        CliRunner.Result again = cli.run("map", "--json", "-");
        assertThat(again.err()).contains("cached");
        assertThat(JSON.readTree(again.out())).isEqualTo(pts);
    }
}
