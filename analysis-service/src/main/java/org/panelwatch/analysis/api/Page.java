package org.panelwatch.analysis.api;

import java.util.List;

/** One page of a keyset-paginated list; nextCursor is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {
}
