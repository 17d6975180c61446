package org.panelwatch.analysis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages depend on each other one way only: the root package holds the API types and
 * imports none of the others. Read from the compiled classes by the JDK's own jdeps, so a new import
 * that closes a cycle fails here, not in a reviewer's drawing.
 */
class PackageStructureTest {

    private static final String ROOT = "org.panelwatch.analysis.engine";
    private static final Pattern EDGE = Pattern.compile("^\\s+(" + Pattern.quote(ROOT) + "\\S*)\\s+->\\s+("
            + Pattern.quote(ROOT) + "\\S*)\\s");

    @Test
    void theEnginesPackagesFormNoCycle() {
        Map<String, Set<String>> uses = packageDependencies();
        assertThat(uses).as("jdeps found the engine's packages").containsKeys(ROOT + ".matching", ROOT + ".data");
        assertThat(uses.getOrDefault(ROOT, Set.of())).as("the root package imports no other package").isEmpty();
        assertThat(cycle(uses)).as("a package cycle").isEmpty();
    }

    @Test
    void aCycleIsFoundWhenThereIsOne() {
        Map<String, Set<String>> uses = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a")));
        assertThat(cycle(uses)).containsExactly("a", "b", "c", "a");
    }

    private static Map<String, Set<String>> packageDependencies() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        Path classes = Path.of("target", "classes");
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-filter:none",
                classes.toString());
        assertThat(exit).as("jdeps on %s:%n%s", classes, out).isZero();
        Map<String, Set<String>> uses = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            Matcher edge = EDGE.matcher(line);
            if (edge.find()) {
                Set<String> targets = uses.computeIfAbsent(edge.group(1), k -> new TreeSet<>());
                if (!edge.group(1).equals(edge.group(2))) {
                    targets.add(edge.group(2));
                }
            }
        }
        return uses;
    }

    /** The first cycle found by depth-first search, as the path that closes it; empty when none. */
    private static List<String> cycle(Map<String, Set<String>> uses) {
        Set<String> done = new HashSet<>();
        for (String start : uses.keySet()) {
            List<String> found = walk(start, uses, new ArrayDeque<>(), done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> walk(String node, Map<String, Set<String>> uses, Deque<String> path, Set<String> done) {
        if (path.contains(node)) {
            List<String> loop = new ArrayList<>();
            boolean inLoop = false;
            for (String step : (Iterable<String>) path::descendingIterator) {
                inLoop |= step.equals(node);
                if (inLoop) {
                    loop.add(step);
                }
            }
            loop.add(node);
            return loop;
        }
        if (!done.add(node)) {
            return List.of();
        }
        path.push(node);
        for (String next : uses.getOrDefault(node, Set.of())) {
            List<String> found = walk(next, uses, path, done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.pop();
        return List.of();
    }
}
