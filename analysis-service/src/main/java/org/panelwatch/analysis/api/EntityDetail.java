package org.panelwatch.analysis.api;

import java.util.List;

/**
 * An entity (actor, place, weapon system, vessel, UN-listed individual or entity) and the items that
 * mention it, newest first, one page at a time. {@code unReference} is its UN 1718 list reference
 * (KPi.nnn, KPe.nnn) when it is listed, with {@code unListDate} the list's date.
 */
public record EntityDetail(String id, String type, String name, String unReference, String unListDate,
        List<ItemSummary> items, String nextCursor) {
}
