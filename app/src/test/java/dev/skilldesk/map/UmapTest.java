package dev.skilldesk.map;

import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.library.SkillFolderReader;
import dev.skilldesk.parse.SkillMdParser;
import dev.skilldesk.search.OnnxEmbedder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projection, held to what matters, on the real model's vectors of the 155 corpus skills: trustworthiness at
 * k = 10 against the exact cosine neighbours at least 0.90 and above PCA's, the same layout for the same input,
 * and an update after a few saves that moves only what changed and keeps the neighbourhoods.
 */
class UmapTest {
    static float[][] vectors;
    static List<String> texts = new ArrayList<>();

    @BeforeAll
    static void embedTheCorpus() throws Exception {
        Path corpus = Path.of("../shared/corpus");
        if (!corpus.toFile().isDirectory()) {
            corpus = Path.of("/work/shared/corpus");
        }
        SkillMdParser parser = new SkillMdParser();
        for (Path f : SkillFolderReader.scan(corpus).folders()) {
            SkillDraft d = SkillFolderReader.read(f);
            var p = parser.parse(d.content());
            // what the search's index embeds of each skill: the map's vectors are those
            texts.add(dev.skilldesk.search.EmbeddingText.DEFAULT.of(p.string("name"), p.string("description"),
                    dev.skilldesk.parse.SkillMetadata.of(p).tags(), p.coreInstructions()));
        }
        OnnxEmbedder e = new OnnxEmbedder(OnnxEmbedder.Model.values()[0]);
        List<float[]> vs = e.embedPassages(texts);
        vectors = vs.stream().map(Overlaps::normalized).toArray(float[][]::new);
    }

    @Test
    void keepsNeighbourhoodsBetterThanPcaAndTheSameForTheSameInput() {
        assertThat(vectors.length).isGreaterThanOrEqualTo(150);
        double[][] map = Umap.layout(vectors);
        double t = Trustworthiness.of(vectors, map, 10);
        double pca = Trustworthiness.of(vectors, Umap.pca(vectors), 10);
        System.out.printf("trustworthiness at k=10 on %d corpus skills: UMAP %.3f, PCA %.3f%n", vectors.length, t, pca);
        assertThat(t).isGreaterThanOrEqualTo(0.90).isGreaterThan(pca);
        assertThat(Umap.layout(vectors)).as("deterministic").isDeepEqualTo(map);
    }

    @Test
    void aFewSavesMoveOnlyTheSkillsSaved() {
        double[][] map = Umap.layout(vectors);
        float[][] changed = vectors.clone();
        double[][] fixed = new double[map.length][];
        for (int i = 0; i < map.length; i++) {
            fixed[i] = map[i].clone();
        }
        // three skills' descriptions now read like other skills': their vectors become those skills' (nudged)
        int[] saved = {3, 40, 100};
        int[] like = {90, 10, 5};
        for (int s = 0; s < saved.length; s++) {
            float[] v = vectors[like[s]].clone();
            v[0] += 0.01f;
            changed[saved[s]] = Overlaps.normalized(v);
            fixed[saved[s]] = null;
        }
        double[][] after = Umap.place(changed, fixed);
        for (int i = 0; i < map.length; i++) {
            final int idx = i;
            if (java.util.Arrays.stream(saved).noneMatch(x -> x == idx)) {
                assertThat(after[i]).as("an unchanged skill stays put").isEqualTo(map[i]);
            }
        }
        for (int s = 0; s < saved.length; s++) {
            double[] a = after[saved[s]];
            double[] target = map[like[s]];
            double d = Math.hypot(a[0] - target[0], a[1] - target[1]);
            double spread = spread(map);
            assertThat(d).as("skill " + saved[s] + " moved next to the one it now reads like").isLessThan(spread * 0.1);
        }
        assertThat(Trustworthiness.of(changed, after, 10)).isGreaterThanOrEqualTo(0.88);
    }

    private static double spread(double[][] m) {
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (double[] p : m) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        return Math.hypot(maxX - minX, maxY - minY);
    }
}
