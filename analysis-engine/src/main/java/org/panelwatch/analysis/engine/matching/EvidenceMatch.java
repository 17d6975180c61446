package org.panelwatch.analysis.engine.matching;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.monitor.CandidateMatcher;
import org.apache.lucene.monitor.MatcherFactory;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanNotQuery;
import org.apache.lucene.queries.spans.SpanOrQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;

/**
 * A matching stored query with the positions and offsets of what matched (like Lucene's
 * HighlightsMatch). Its matcher first prunes each candidate query to the terms the item actually
 * contains: a concept such as {@code @dprk-side} is a disjunction of hundreds of phrases, and building
 * Lucene weights for all of them on every item would cost far more than the match itself.
 */
final class EvidenceMatch extends QueryMatch {

    record Hit(int startPosition, int endPosition, int startOffset, int endOffset) {
    }

    static final MatcherFactory<EvidenceMatch> MATCHER = PruningMatcher::new;

    private final List<Hit> hits;

    EvidenceMatch(String queryId, List<Hit> hits) {
        super(queryId);
        this.hits = hits;
    }

    List<Hit> hits() {
        return hits;
    }

    private static final class PruningMatcher extends CandidateMatcher<EvidenceMatch> {

        private final Map<String, Set<BytesRef>> termsByField = new HashMap<>();

        PruningMatcher(org.apache.lucene.search.IndexSearcher searcher) {
            super(searcher);
        }

        @Override
        protected void matchQuery(String queryId, Query matchQuery, Map<String, String> metadata) throws IOException {
            Query pruned = prune(matchQuery);
            if (pruned == null) {
                return;
            }
            Weight weight = searcher.createWeight(searcher.rewrite(pruned), ScoreMode.COMPLETE_NO_SCORES, 1);
            for (LeafReaderContext ctx : searcher.getIndexReader().leaves()) {
                for (int doc = 0; doc < ctx.reader().maxDoc(); doc++) {
                    Matches matches = weight.matches(ctx, doc);
                    if (matches != null) {
                        addMatch(new EvidenceMatch(queryId, hits(matches)), doc);
                    }
                }
            }
        }

        @Override
        public EvidenceMatch resolve(EvidenceMatch a, EvidenceMatch b) {
            List<Hit> all = new ArrayList<>(a.hits);
            all.addAll(b.hits);
            return new EvidenceMatch(a.getQueryId(), all);
        }

        private static List<Hit> hits(Matches matches) throws IOException {
            List<Hit> hits = new ArrayList<>();
            for (String field : matches) {
                MatchesIterator mi = matches.getMatches(field);
                while (mi.next()) {
                    MatchesIterator sub = mi.getSubMatches();
                    if (sub != null) {
                        while (sub.next()) {
                            hits.add(new Hit(sub.startPosition(), sub.endPosition(), sub.startOffset(), sub.endOffset()));
                        }
                    } else {
                        hits.add(new Hit(mi.startPosition(), mi.endPosition(), mi.startOffset(), mi.endOffset()));
                    }
                }
            }
            return hits;
        }

        private boolean present(Term term) throws IOException {
            Set<BytesRef> terms = termsByField.get(term.field());
            if (terms == null) {
                terms = new HashSet<>();
                for (LeafReaderContext ctx : searcher.getIndexReader().leaves()) {
                    LeafReader reader = ctx.reader();
                    Terms t = reader.terms(term.field());
                    if (t != null) {
                        TermsEnum it = t.iterator();
                        for (BytesRef b = it.next(); b != null; b = it.next()) {
                            terms.add(BytesRef.deepCopyOf(b));
                        }
                    }
                }
                termsByField.put(term.field(), terms);
            }
            return terms.contains(term.bytes());
        }

        /** The query reduced to what can match this item, or null when nothing can. */
        private Query prune(Query query) throws IOException {
            if (query instanceof SpanQuery span) {
                return pruneSpan(span);
            }
            if (query instanceof BooleanQuery bool) {
                BooleanQuery.Builder b = new BooleanQuery.Builder();
                int required = 0;
                int optional = 0;
                for (BooleanClause clause : bool.clauses()) {
                    Query q = prune(clause.getQuery());
                    switch (clause.getOccur()) {
                        case MUST, FILTER -> {
                            if (q == null) {
                                return null;
                            }
                            b.add(q, clause.getOccur());
                            required++;
                        }
                        case SHOULD -> {
                            if (q != null) {
                                b.add(q, BooleanClause.Occur.SHOULD);
                                optional++;
                            }
                        }
                        case MUST_NOT -> {
                            if (q != null) {
                                b.add(q, BooleanClause.Occur.MUST_NOT);
                            }
                        }
                    }
                }
                if (required == 0 && optional == 0) {
                    return null;
                }
                b.setMinimumNumberShouldMatch(required == 0 ? 1 : 0);
                return b.build();
            }
            return query;
        }

        private SpanQuery pruneSpan(SpanQuery query) throws IOException {
            if (query instanceof SpanTermQuery term) {
                return present(term.getTerm()) ? term : null;
            }
            if (query instanceof SpanOrQuery or) {
                List<SpanQuery> kept = new ArrayList<>();
                for (SpanQuery clause : or.getClauses()) {
                    SpanQuery q = pruneSpan(clause);
                    if (q != null) {
                        kept.add(q);
                    }
                }
                if (kept.isEmpty()) {
                    return null;
                }
                return kept.size() == 1 ? kept.get(0) : new SpanOrQuery(kept.toArray(SpanQuery[]::new));
            }
            if (query instanceof SpanNearQuery near) {
                SpanQuery[] clauses = near.getClauses();
                SpanQuery[] kept = new SpanQuery[clauses.length];
                for (int i = 0; i < clauses.length; i++) {
                    kept[i] = pruneSpan(clauses[i]);
                    if (kept[i] == null) {
                        return null;
                    }
                }
                return new SpanNearQuery(kept, near.getSlop(), near.isInOrder());
            }
            if (query instanceof SpanNotQuery not) {
                SpanQuery include = pruneSpan(not.getInclude());
                if (include == null) {
                    return null;
                }
                SpanQuery exclude = pruneSpan(not.getExclude());
                return exclude == null ? include : new SpanNotQuery(include, exclude);
            }
            if (query instanceof SpanMultiTermQueryWrapper<?>) {
                return query;
            }
            return query;
        }
    }
}
