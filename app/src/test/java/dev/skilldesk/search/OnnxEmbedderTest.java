package dev.skilldesk.search;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-process model, loaded when first needed (#18), with the real ONNX files. */
class OnnxEmbedderTest {
    @Test
    void theDimensionIsKnownBeforeTheModelLoadsAndIsTheModelsOwn() {
        for (OnnxEmbedder.Model m : OnnxEmbedder.Model.values()) {
            OnnxEmbedder e = new OnnxEmbedder(m);
            int declared = e.dimension(); // no model loaded for this
            assertThat(e.embedQuery("validate a skill")).hasSize(declared);
            assertThat(e.embedPassages(List.of("one", "two words"))).allSatisfy(v -> assertThat(v).hasSize(declared));
        }
    }

    @Test
    void aPreloadAndALaterEmbedShareOneSessionAndAgree() {
        OnnxEmbedder.preload(OnnxEmbedder.Model.MINILM_L6_V2_Q);
        float[] a = new OnnxEmbedder(OnnxEmbedder.Model.MINILM_L6_V2_Q).embedQuery("write release notes");
        float[] b = new OnnxEmbedder(OnnxEmbedder.Model.MINILM_L6_V2_Q).embedQuery("write release notes");
        assertThat(a).containsExactly(b);
        double norm = 0;
        for (float x : a) {
            norm += x * x;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void aBuildFromSourceCarriesBothModels() {
        assertThat(OnnxEmbedder.Model.installedIds()).containsExactly("onnx:all-minilm-l6-v2-q", "onnx:bge-small-en-v15-q");
        assertThatThrownBy(() -> OnnxEmbedder.Model.parse("onnx:nope")).hasMessageContaining("unknown embedded model");
    }

    /** An idle model's session is closed (its memory given back) and the next embedding loads it again, same vector. */
    @Test
    void anIdleModelIsClosedAndLoadsAgainOnTheNextEmbedding() {
        OnnxEmbedder e = new OnnxEmbedder(OnnxEmbedder.Model.MINILM_L6_V2_Q);
        float[] first = e.embedQuery("review a pull request");
        assertThat(e.loaded()).isTrue();
        assertThat(OnnxEmbedder.Idle.closeIdle(Long.MAX_VALUE)).as("used just now: kept").isFalse();
        assertThat(OnnxEmbedder.Idle.closeIdle(0)).as("idle: closed").isTrue();
        assertThat(e.loaded()).isFalse();
        assertThat(e.embedQuery("review a pull request")).containsExactly(first);
        assertThat(e.loaded()).isTrue();
        assertThat(e.embedPassages(java.util.List.of("a", "b"))).hasSize(2);
    }
}
