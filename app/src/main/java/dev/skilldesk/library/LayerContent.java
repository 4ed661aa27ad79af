package dev.skilldesk.library;

import dev.skilldesk.skill.Layer;

/** One disclosure layer as an agent receives it, with its estimated token cost. */
public record LayerContent(String namespace, String name, int version, Layer layer, String text, int tokens) {
}
