package org.panelwatch.analysis.engine.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanNotQuery;
import org.apache.lucene.queries.spans.SpanOrQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.WildcardQuery;
import org.panelwatch.analysis.engine.CatalogueException;
import org.panelwatch.analysis.engine.data.QueryNode;

/**
 * Turns catalogue query trees into Lucene queries for one language: text through that language's
 * analyzer (so a phrase becomes an exact span of its tokens), {@code @concepts} expanded to the
 * disjunction of their forms in that language (minus the spans of its {@code -excluded phrase} forms),
 * {@code near} to span-near queries. A part that has no
 * form in the language compiles to null, and a rule that needs it is not registered for that language.
 */
final class QueryCompiler {

    private final String lang;
    private final String field;
    private final Analyzer analyzer;
    private final Map<String, Map<String, List<String>>> concepts;
    private final Map<String, SpanQuery> conceptCache = new HashMap<>();
    private final Set<String> expanding = new HashSet<>();

    /** {@code concepts}: concept or group name → language (or *) → forms (which may be {@code @other}). */
    QueryCompiler(String lang, Analyzer analyzer, Map<String, Map<String, List<String>>> concepts) {
        this.lang = lang;
        this.field = LanguageAnalyzers.field(lang);
        this.analyzer = analyzer;
        this.concepts = concepts;
    }

    /** The query for a rule, or null when it cannot match in this language. */
    Query compile(String rule, QueryNode node) {
        if (node instanceof QueryNode.All all) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            int positive = 0;
            for (QueryNode child : all.of()) {
                if (child instanceof QueryNode.Not not) {
                    Query q = compile(rule, not.of());
                    if (q != null) {
                        b.add(q, BooleanClause.Occur.MUST_NOT);
                    }
                } else {
                    Query q = compile(rule, child);
                    if (q == null) {
                        return null;
                    }
                    b.add(q, BooleanClause.Occur.MUST);
                    positive++;
                }
            }
            if (positive == 0) {
                throw new CatalogueException(rule, "'all' needs at least one clause that is not 'not'");
            }
            return b.build();
        }
        if (node instanceof QueryNode.Not) {
            throw new CatalogueException(rule, "'not' can only appear directly inside 'all'");
        }
        if (node instanceof QueryNode.Any any && !any.of().stream().allMatch(QueryCompiler::spanable)) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            int clauses = 0;
            for (QueryNode child : any.of()) {
                Query q = compile(rule, child);
                if (q != null) {
                    b.add(q, BooleanClause.Occur.SHOULD);
                    clauses++;
                }
            }
            return clauses == 0 ? null : b.build();
        }
        return span(rule, node);
    }

    /** The disjunction of a concept's forms, or null when it has none in this language. */
    SpanQuery concept(String rule, String name) {
        if (conceptCache.containsKey(name)) {
            return conceptCache.get(name);
        }
        Map<String, List<String>> forms = concepts.get(name);
        if (forms == null) {
            throw new CatalogueException(rule, "unknown concept '@" + name + "'");
        }
        if (!expanding.add(name)) {
            throw new CatalogueException(rule, "concept '@" + name + "' refers to itself");
        }
        Set<String> texts = new LinkedHashSet<>(forms.getOrDefault(lang, List.of()));
        texts.addAll(forms.getOrDefault("*", List.of()));
        List<SpanQuery> clauses = new ArrayList<>();
        List<SpanQuery> exclusions = new ArrayList<>();
        for (String text : texts) {
            if (text.startsWith("-")) {
                SpanQuery q = text(rule, text.substring(1));
                if (q != null) {
                    exclusions.add(q);
                }
                continue;
            }
            SpanQuery q = text.startsWith("@") ? concept(rule, text.substring(1)) : text(rule, text);
            if (q != null) {
                clauses.add(q);
            }
        }
        expanding.remove(name);
        SpanQuery result = or(clauses);
        if (result != null && !exclusions.isEmpty()) {
            // "-weapons programme": a form that only counts when it is not part of the excluded phrase
            result = new SpanNotQuery(result, or(exclusions));
        }
        conceptCache.put(name, result);
        return result;
    }

    private static boolean spanable(QueryNode node) {
        if (node instanceof QueryNode.All || node instanceof QueryNode.Not) {
            return false;
        }
        if (node instanceof QueryNode.Any any) {
            return any.of().stream().allMatch(QueryCompiler::spanable);
        }
        return true;
    }

    private SpanQuery span(String rule, QueryNode node) {
        if (node instanceof QueryNode.Text text) {
            return text(rule, text.text());
        }
        if (node instanceof QueryNode.ConceptRef ref) {
            return concept(rule, ref.name());
        }
        if (node instanceof QueryNode.Any any) {
            List<SpanQuery> clauses = new ArrayList<>();
            for (QueryNode child : any.of()) {
                SpanQuery q = span(rule, child);
                if (q != null) {
                    clauses.add(q);
                }
            }
            return or(clauses);
        }
        if (node instanceof QueryNode.Near near) {
            List<SpanQuery> clauses = new ArrayList<>();
            for (QueryNode child : near.of()) {
                SpanQuery q = span(rule, child);
                if (q == null) {
                    return null;
                }
                clauses.add(q);
            }
            return new SpanNearQuery(clauses.toArray(SpanQuery[]::new),
                    LanguageAnalyzers.scaleSlop(lang, near.slop()), near.ordered());
        }
        throw new CatalogueException(rule, "'all' and 'not' cannot appear inside 'near'");
    }

    private SpanQuery or(List<SpanQuery> clauses) {
        if (clauses.isEmpty()) {
            return null;
        }
        return clauses.size() == 1 ? clauses.get(0) : new SpanOrQuery(clauses.toArray(SpanQuery[]::new));
    }

    /** A word or phrase as the analyzer sees it; {@code *} and {@code ?} make a word a wildcard. */
    private SpanQuery text(String rule, String text) {
        List<SpanQuery> parts = new ArrayList<>();
        int gaps = 0;
        for (String piece : text.strip().split("\\s+")) {
            if (piece.indexOf('*') >= 0 || piece.indexOf('?') >= 0) {
                String pattern = analyzer.normalize(field, piece).utf8ToString();
                if (pattern.replace("*", "").replace("?", "").length() < 3) {
                    throw new CatalogueException(rule, "wildcard '" + piece + "' needs at least three letters");
                }
                parts.add(new SpanMultiTermQueryWrapper<>(new WildcardQuery(new Term(field, pattern))));
            } else {
                try (TokenStream ts = analyzer.tokenStream(field, piece)) {
                    CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                    PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
                    ts.reset();
                    boolean first = true;
                    while (ts.incrementToken()) {
                        if (inc.getPositionIncrement() == 0) {
                            continue; // synonyms/decompounds at the same position: keep the first token
                        }
                        if (!first || !parts.isEmpty()) {
                            gaps += inc.getPositionIncrement() - 1;
                        }
                        first = false;
                        parts.add(new SpanTermQuery(new Term(field, term.toString())));
                    }
                    ts.end();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        return parts.size() == 1 ? parts.get(0) : new SpanNearQuery(parts.toArray(SpanQuery[]::new), gaps, true);
    }
}
