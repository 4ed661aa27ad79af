package dev.skilldesk.skill;

/** Estimated token cost of each disclosure layer (cl100k BPE; agents' own tokenizers differ a little). */
public record TokenCounts(int layer1, int layer2, int layer3) {
    public int of(Layer layer) {
        return switch (layer) {
            case METADATA -> layer1;
            case CORE -> layer2;
            case FULL -> layer3;
        };
    }
}
