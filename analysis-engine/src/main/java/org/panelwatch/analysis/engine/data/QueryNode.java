package org.panelwatch.analysis.engine.data;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule's query as written in the catalogue: text (a word or phrase, {@code *} wildcards allowed),
 * a concept reference ({@code @name}), {@code any}, {@code all}, {@code not} (inside {@code all}) and
 * {@code near} (unordered unless {@code ordered}, within {@code slop} words).
 */
public sealed interface QueryNode {

    record Text(String text) implements QueryNode {
        @Override
        public String toString() {
            return text.contains(" ") ? "\"" + text + "\"" : text;
        }
    }

    record ConceptRef(String name) implements QueryNode {
        @Override
        public String toString() {
            return "@" + name;
        }
    }

    record Any(List<QueryNode> of) implements QueryNode {
        @Override
        public String toString() {
            return of.stream().map(String::valueOf).collect(Collectors.joining(" OR ", "(", ")"));
        }
    }

    record All(List<QueryNode> of) implements QueryNode {
        @Override
        public String toString() {
            return of.stream().map(String::valueOf).collect(Collectors.joining(" AND ", "(", ")"));
        }
    }

    record Not(QueryNode of) implements QueryNode {
        @Override
        public String toString() {
            return "NOT " + of;
        }
    }

    record Near(int slop, boolean ordered, List<QueryNode> of) implements QueryNode {
        @Override
        public String toString() {
            return of.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ", (ordered ? "ONEAR/" : "NEAR/") + slop + "(", ")"));
        }
    }
}
