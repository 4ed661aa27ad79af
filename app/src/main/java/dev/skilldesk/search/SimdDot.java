package dev.skilldesk.search;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** SIMD dot product; loaded only when the incubator module is present (see {@link VectorMath}). */
final class SimdDot implements VectorMath.Dot {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    @Override
    public float dot(float[] q, float[] data, int offset, int dim) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        int bound = SPECIES.loopBound(dim);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector a = FloatVector.fromArray(SPECIES, q, i);
            FloatVector b = FloatVector.fromArray(SPECIES, data, offset + i);
            acc = a.fma(b, acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < dim; i++) {
            s += q[i] * data[offset + i];
        }
        return s;
    }
}
