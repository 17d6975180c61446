package org.panelwatch.analysis.api;

/** A named actor, weapon system, place or vessel; unReference is its UN list reference where listed. */
public record EntityMention(String type, String name, String unReference, String field, int start, int end) {
}
