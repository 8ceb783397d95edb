package org.dossier.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.solr.client.solrj.util.ClientUtils;

/**
 * A query as {@link QueryReader} reads it for the embedded engine, written in Solr's JSON Query
 * DSL, so that both engines search for exactly the same thing: the reader's words are read once,
 * by one parser, with the names that widen them. Terms go over as the terms they already are
 * ({@code term} and {@code prefix} parsers, which analyse nothing: a stem must not be stemmed
 * again); phrases, patterns and ranges through Solr's standard syntax, escaped, whose analysis of
 * words already analysed changes nothing.
 */
final class SolrQueries {

    /** A query this translation does not know; the engine then searches the plain words. */
    static final class Untranslatable extends RuntimeException {
        Untranslatable(Query query) {
            super("no Solr form for " + query.getClass().getSimpleName(), null, false, false);
        }
    }

    private SolrQueries() {
    }

    /** The query as a JSON Query DSL value: a map naming a query parser, or a string in Solr's standard syntax. */
    static Object of(Query query) {
        if (query instanceof BooleanQuery bool) {
            return bool(bool);
        }
        if (query instanceof BoostQuery boost) {
            if (boost.getQuery() instanceof ConstantScoreQuery constant) {
                return lucene(clause(constant.getQuery()) + "^=" + number(boost.getBoost()));
            }
            return Map.of("boost", Map.of("query", of(boost.getQuery()), "b", number(boost.getBoost())));
        }
        if (query instanceof ConstantScoreQuery constant) {
            return lucene(clause(constant.getQuery()) + "^=1");
        }
        if (query instanceof TermQuery term) {
            Term t = solrTerm(term.getTerm());
            return Map.of("term", Map.of("f", t.field(), "query", t.text()));
        }
        if (query instanceof PrefixQuery prefix) {
            return Map.of("prefix", Map.of("f", prefix.getField(), "query", prefix.getPrefix().text()));
        }
        if (query instanceof MatchAllDocsQuery) {
            return "*:*";
        }
        if (query instanceof MatchNoDocsQuery) {
            return Map.of("term", Map.of("f", "id", "query", "_no_record"));
        }
        return lucene(clause(query));
    }

    /**
     * The records {@code query} matches, as one query string of Solr's standard syntax (scores and
     * boosts left out: it only counts), where a JSON Query DSL value cannot go: a query facet. A
     * term is asked by the {@code term} parser, a clause of a boolean by the {@code bool} parser,
     * each as a parameter of its own added to {@code params}, so nothing in a term is read as
     * syntax and no stem is stemmed again.
     */
    static String counted(Query query, Map<String, String> params) {
        if (query instanceof BoostQuery boost) {
            return counted(boost.getQuery(), params);
        }
        if (query instanceof ConstantScoreQuery constant) {
            return counted(constant.getQuery(), params);
        }
        if (query instanceof BooleanQuery bool) {
            if (bool.getMinimumNumberShouldMatch() > 0) {
                throw new Untranslatable(bool);
            }
            if (bool.clauses().isEmpty()) {
                return counted(new MatchNoDocsQuery(), params);
            }
            StringBuilder local = new StringBuilder("{!bool");
            for (BooleanClause clause : bool.clauses()) {
                String name = param(params, counted(clause.getQuery(), params));
                local.append(' ').append(clause.getOccur() == BooleanClause.Occur.MUST_NOT ? "must_not"
                        : clause.getOccur().name().toLowerCase(Locale.ROOT)).append("=$").append(name);
            }
            return local.append('}').toString();
        }
        if (query instanceof TermQuery term) {
            Term t = solrTerm(term.getTerm());
            return "{!term f=" + t.field() + " v=$" + param(params, t.text()) + "}";
        }
        if (query instanceof PrefixQuery prefix) {
            return "{!prefix f=" + prefix.getField() + " v=$" + param(params, prefix.getPrefix().text()) + "}";
        }
        if (query instanceof MatchAllDocsQuery) {
            return "*:*";
        }
        if (query instanceof MatchNoDocsQuery) {
            return "{!term f=id v=$" + param(params, "_no_record") + "}";
        }
        return clause(query);
    }

    /** {@code value} as a new parameter of {@code params}; its name. */
    private static String param(Map<String, String> params, String value) {
        String name = "p" + params.size();
        params.put(name, value);
        return name;
    }

    private static Object bool(BooleanQuery bool) {
        if (bool.getMinimumNumberShouldMatch() > 0) {
            throw new Untranslatable(bool);
        }
        Map<String, List<Object>> clauses = new LinkedHashMap<>();
        for (BooleanClause clause : bool.clauses()) {
            String key = switch (clause.getOccur()) {
                case MUST -> "must";
                case SHOULD -> "should";
                case MUST_NOT -> "must_not";
                case FILTER -> "filter";
            };
            clauses.computeIfAbsent(key, k -> new ArrayList<>()).add(of(clause.getQuery()));
        }
        if (clauses.isEmpty()) {
            return of(new MatchNoDocsQuery());
        }
        return Map.of("bool", clauses);
    }

    /** One clause in Solr's standard syntax, every special character of a value escaped. */
    private static String clause(Query query) {
        if (query instanceof TermQuery term) {
            Term t = solrTerm(term.getTerm());
            return t.field() + ":" + escape(t.text());
        }
        if (query instanceof PhraseQuery phrase) {
            StringBuilder words = new StringBuilder();
            String field = null;
            for (Term term : phrase.getTerms()) {
                field = term.field();
                words.append(words.length() == 0 ? "" : " ").append(term.text());
            }
            if (field == null) {
                throw new Untranslatable(query);
            }
            String quoted = field + ":\"" + words.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            return phrase.getSlop() > 0 ? quoted + "~" + phrase.getSlop() : quoted;
        }
        if (query instanceof WildcardQuery wildcard) {
            return wildcard.getField() + ":" + pattern(wildcard.getTerm().text());
        }
        if (query instanceof RegexpQuery regexp) {
            return regexp.getField() + ":/" + regexp.getRegexp().text().replace("/", "\\/") + "/";
        }
        if (query instanceof FuzzyQuery fuzzy) {
            return fuzzy.getField() + ":" + escape(fuzzy.getTerm().text()) + "~" + fuzzy.getMaxEdits();
        }
        if (query instanceof TermRangeQuery range) {
            return range.getField() + ":" + (range.includesLower() ? "[" : "{")
                    + (range.getLowerTerm() == null ? "*" : escape(range.getLowerTerm().utf8ToString())) + " TO "
                    + (range.getUpperTerm() == null ? "*" : escape(range.getUpperTerm().utf8ToString()))
                    + (range.includesUpper() ? "]" : "}");
        }
        throw new Untranslatable(query);
    }

    /** A term of the embedded index as Solr's: a facet value ({@code $facets: person/stalin}) is a field of its own. */
    private static Term solrTerm(Term term) {
        if (term.field().equals(IndexLayout.FACETS)) {
            String[] path = FacetsConfig.stringToPath(term.text());
            return new Term(path[0], path[1]);
        }
        return term;
    }

    /** A wildcard pattern: its * and ? stay wild, everything else (escaped or not in Lucene's form) is literal. */
    private static String pattern(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                out.append(escape(String.valueOf(text.charAt(++i))));
            } else if (c == '*' || c == '?') {
                out.append(c);
            } else {
                out.append(escape(String.valueOf(c)));
            }
        }
        return out.toString();
    }

    static Map<String, Object> lucene(String query) {
        return Map.of("lucene", Map.of("query", query));
    }

    private static String number(float value) {
        return String.format(Locale.ROOT, "%s", value);
    }

    /** Solr's standard syntax, every character it gives a meaning to escaped. */
    static String escape(String text) {
        return ClientUtils.escapeQueryChars(text);
    }
}
