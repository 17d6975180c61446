package org.panelwatch.alert.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ahocorasick.trie.Trie;

/**
 * Every keyword of every active subscription in one Aho-Corasick automaton over folded text. A signal's
 * text is read once, whatever the number of keywords: what a subscriber asks for costs memory when the
 * automaton is built (when subscriptions change), not time for every signal inside the intake transaction.
 * Keywords are looked for as {@link FoldedText#asWords whole words}, as {@link FoldedText#containsWords}
 * defines them.
 */
final class KeywordIndex {

    private final Map<String, List<CompiledFilter>> filtersByPattern;
    private final Trie automaton;

    KeywordIndex(List<CompiledFilter> filters) {
        Map<String, List<CompiledFilter>> byPattern = new HashMap<>();
        for (CompiledFilter f : filters) {
            for (String keyword : f.keywords()) {
                byPattern.computeIfAbsent(FoldedText.asWords(keyword), k -> new ArrayList<>()).add(f);
            }
        }
        this.filtersByPattern = byPattern;
        // Overlapping matches are all reported (the default): " kn 23 " and " 23 " may both occur at one place.
        this.automaton = Trie.builder().addKeywords(byPattern.keySet()).build();
    }

    /** The filters with at least one of their keywords in the text. */
    Set<CompiledFilter> filtersMentionedIn(FoldedText text) {
        Set<CompiledFilter> mentioned = new HashSet<>();
        if (filtersByPattern.isEmpty()) {
            return mentioned;
        }
        Set<String> seen = new HashSet<>();
        automaton.parseText(text.padded(), emit -> {
            if (seen.add(emit.getKeyword())) {
                mentioned.addAll(filtersByPattern.get(emit.getKeyword()));
            }
            return true;
        });
        return mentioned;
    }
}
