package dev.skilldesk.search;

import java.util.logging.Logger;

/**
 * Dot products for the exact scan: the incubator Vector API (SIMD) when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, else a plain unrolled loop.
 */
public final class VectorMath {
    private static final Dot DOT = pick();

    interface Dot {
        float dot(float[] q, float[] data, int offset, int dim);
    }

    private VectorMath() {
    }

    public static float dot(float[] q, float[] data, int offset, int dim) {
        return DOT.dot(q, data, offset, dim);
    }

    /** "simd" or "scalar", for the benchmark table. */
    public static String implementation() {
        return DOT instanceof ScalarDot ? "scalar" : "simd";
    }

    private static Dot pick() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (Dot) Class.forName("dev.skilldesk.search.SimdDot").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                Logger.getLogger(VectorMath.class.getName()).warning("SIMD dot product unavailable: " + e);
            }
        }
        return new ScalarDot();
    }

    static final class ScalarDot implements Dot {
        @Override
        public float dot(float[] q, float[] data, int offset, int dim) {
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int i = 0;
            for (; i + 3 < dim; i += 4) {
                s0 += q[i] * data[offset + i];
                s1 += q[i + 1] * data[offset + i + 1];
                s2 += q[i + 2] * data[offset + i + 2];
                s3 += q[i + 3] * data[offset + i + 3];
            }
            for (; i < dim; i++) {
                s0 += q[i] * data[offset + i];
            }
            return s0 + s1 + s2 + s3;
        }
    }
}
