package org.dossier.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Turns what a reader typed into a query: all words must match (AND), {@code "quoted words"} are
 * a phrase of exact forms, {@code telegr*} a prefix, and the rest of Lucene's classic syntax works
 * for those who know it. What the syntax cannot read, or what would cost too much to search
 * (brackets nested deeper than {@value #MAX_DEPTH}, a regular expression longer than
 * {@value #MAX_PATTERN} characters, repeated more than {@value #MAX_REPEAT} times, or one Lucene
 * cannot turn into an automaton with {@value #DETERMINIZE_LIMIT} units of work), is never an error
 * page: its words are searched as plain words, and the reader is told why. Fuzzy words past the
 * first {@value #MAX_FUZZY} are read as plain words, the reader told so too.
 *
 * <p>A word matches its exact form and its stem ({@link CatalogueAnalyzer}); the exact form
 * weighs {@value #EXACT_BOOST} times as much, so that records with the very word come first.
 * A word or phrase that is an unambiguous name of a person or place ({@link Names}) also finds the
 * records linked to that authority, with a small constant score below any record that has the
 * words themselves.
 */
final class QueryReader {

    static final float EXACT_BOOST = 4f;
    /**
     * The weight of a designation's letters and digits typed apart ("T 34") as two words anywhere in
     * a record, against its ways of being written as one ({@link #lettersThenDigits}). A sixteenth:
     * a joined form's rarity can weigh a fraction of what its two parts weigh together, and a power
     * of two multiplies exactly wherever an engine applies it, so that both engines rank alike.
     */
    static final float APART_WEIGHT = 1f / 16;
    /** The score of a record found only by its link to the named person or place: below any match of words. */
    static final float LINKED_SCORE = 0.01f;
    static final int MAX_DEPTH = 8;
    static final int MAX_PATTERN = 60;
    static final int MAX_REPEAT = 20;
    static final int DETERMINIZE_LIMIT = 2_000;
    /**
     * The most fuzzy words ({@code korea~1}) a search expands: each is a walk of the index's words
     * of a plausible length ({@link FuzzyWords}; on SolrCloud a terms request listing them), so a
     * search of twenty cost twenty. Those after are searched as plain words, and the reader is told.
     */
    static final int MAX_FUZZY = 4;
    private static final Pattern REPEAT = Pattern.compile("\\{\\s*([0-9]+)\\s*(?:,\\s*([0-9]*)\\s*)?}");
    /** An abbreviation's possessive, its stop before the apostrophe: "U.S.S.R.'s". */
    private static final Pattern CUT_POSSESSIVE = Pattern.compile(".*\\.['\u2019\uFF07][sS]");

    /** A query, and a note for the reader when it is not quite what they typed. */
    record ReadQuery(Query query, String notice) {
    }

    /** A query the syntax reads but that would cost too much to search; the message says why. */
    static final class TooCostly extends RuntimeException {
        TooCostly(String why) {
            super(why, null, false, false);
        }
    }

    private final Analyzer analyzer;
    private final CatalogueAnalyzer stems;

    QueryReader(Analyzer analyzer) {
        this.analyzer = analyzer;
        this.stems = analyzer instanceof CatalogueAnalyzer catalogue ? catalogue : new CatalogueAnalyzer();
    }

    /**
     * A query that matches the same records as {@code query}, cheaper to count with, ranking
     * nothing: a word's "exact form or stem" is its stem alone wherever that matches the same
     * records. It does for a word of plain letters and digits (what most words are once folded):
     * the stemmed field indexes the same text through the same chain plus the stemming filters,
     * which stem each word by itself, so every record with the exact form has its stem too. Words
     * with any other character, phrases and patterns are left as they are.
     */
    Query matching(Query query) {
        if (query instanceof BooleanQuery bool) {
            Query stem = stemAlone(bool);
            if (stem != null) {
                return stem;
            }
            BooleanQuery.Builder same = new BooleanQuery.Builder().setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
            boolean changed = false;
            for (BooleanClause clause : bool.clauses()) {
                Query matching = matching(clause.getQuery());
                changed |= matching != clause.getQuery();
                same.add(matching, clause.getOccur());
            }
            return changed ? same.build() : query;
        }
        if (query instanceof BoostQuery boost) {
            Query matching = matching(boost.getQuery());
            return matching == boost.getQuery() ? query : new BoostQuery(matching, boost.getBoost());
        }
        if (query instanceof ConstantScoreQuery constant) {
            Query matching = matching(constant.getQuery());
            return matching == constant.getQuery() ? query : new ConstantScoreQuery(matching);
        }
        return query;
    }

    /** The stem's query of a word as {@link #piece} makes it (its exact form or its stem), when the stem alone matches the same. */
    private Query stemAlone(BooleanQuery bool) {
        List<BooleanClause> clauses = bool.clauses();
        if (bool.getMinimumNumberShouldMatch() != 0 || clauses.size() != 2
                || clauses.stream().anyMatch(c -> c.getOccur() != BooleanClause.Occur.SHOULD)) {
            return null;
        }
        Query first = clauses.get(0).getQuery();
        Query exact = first instanceof BoostQuery boost ? boost.getQuery() : first;
        if (!(exact instanceof TermQuery exactTerm) || !(clauses.get(1).getQuery() instanceof TermQuery stemTerm)
                || !exactTerm.getTerm().field().equals(IndexLayout.TEXT) || !stemTerm.getTerm().field().equals(IndexLayout.STEM)) {
            return null;
        }
        String word = exactTerm.getTerm().text();
        if (word.isEmpty() || !word.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9')
                || !stemTerm.getTerm().text().equals(stems.stem(word))) {
            return null;
        }
        return stemTerm;
    }

    ReadQuery read(String text, Names names) {
        text = withoutClosingQuestionMarks(text);
        if (depth(text) > MAX_DEPTH) {
            return plainWords(text, names, "Your search has brackets nested more than " + MAX_DEPTH
                    + " deep, so its words were searched for instead.");
        }
        try {
            ReaderParser parser = new ReaderParser(analyzer, names);
            Query query = parser.parse(text);
            return new ReadQuery(query, parser.fuzzyWords > MAX_FUZZY ? "Your search has more than " + MAX_FUZZY
                    + " words with ~, so only the first " + MAX_FUZZY + " were searched for with the words spelt near them, "
                    + "the rest as typed." : null);
        } catch (TooCostly e) {
            return plainWords(text, names, "Your search " + e.getMessage() + ", so its words were searched for instead.");
        } catch (TooComplexToDeterminizeException e) {
            return plainWords(text, names, "Your search has a pattern too complex to search, so its words were "
                    + "searched for instead.");
        } catch (IndexSearcher.TooManyClauses e) {
            return plainWords(text, names, "Your search stands for too many different words, so only its plain "
                    + "words were searched for.");
        } catch (ParseException | TokenMgrError | IllegalArgumentException e) {
            return plainWords(text, names, "Your search could not be read as a search expression ("
                    + reason(e, text) + "), so its words were searched for instead.");
        }
    }

    /**
     * {@code text} without the question marks that end it: a search typed as a question ("Stalin?",
     * "what did Mao say about Korea?") found nothing, its last word read as a pattern of that word
     * and one letter more. A question mark within a word is still one letter ({@code stal?n}), and
     * one escaped ({@code \\?}) or standing alone is left as it is.
     */
    static String withoutClosingQuestionMarks(String text) {
        String stripped = text.strip();
        int end = stripped.length();
        while (end > 0 && (stripped.charAt(end - 1) == '?' || stripped.charAt(end - 1) == '？')) {
            end--;
        }
        if (end == stripped.length() || end == 0 || stripped.charAt(end - 1) == '\\') {
            return text;
        }
        return stripped.substring(0, end);
    }

    /** Every word of {@code text} must be there; nothing in it is syntax. */
    ReadQuery plainWords(String text, Names names, String notice) {
        Query words = bareWords(text, names);
        if (words == null) {
            return new ReadQuery(new MatchNoDocsQuery("no words"), "Your search has no words to look for.");
        }
        return new ReadQuery(words, notice);
    }

    /** How deep the brackets of {@code text} are nested. */
    static int depth(String text) {
        int depth = 0;
        int deepest = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return deepest;
    }

    /**
     * Words not in quotes, as they come between operators: each whitespace-separated piece is a
     * word, or a phrase when it holds several ("Rola-Żymierski", "I.V."); the longest runs of
     * pieces that name a person or place also find the records linked to it.
     */
    private Query bareWords(String text, Names names) {
        List<List<String>> pieces = new ArrayList<>();
        for (String piece : text.strip().split("\\s+")) {
            List<String> tokens = withoutCutPossessive(piece, Names.tokens(analyzer, piece));
            if (!tokens.isEmpty()) {
                pieces.add(tokens);
            }
        }
        if (pieces.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (int i = 0; i < pieces.size(); ) {
            int end = i + 1;
            Names.Named named = null;
            List<String> run = new ArrayList<>();
            for (int j = i; j < pieces.size(); j++) {
                run.addAll(pieces.get(j));
                if (run.size() > names.longest()) {
                    break;
                }
                Names.Named found = names.named(run);
                if (found != null) {
                    named = found;
                    end = j + 1;
                }
            }
            Query words;
            if (end - i == 1 && i + 1 < pieces.size() && pieces.get(i).size() == 1
                    && LettersAndDigits.joinedAcrossASpace(pieces.get(i).get(0), pieces.get(i + 1).get(0))) {
                words = lettersThenDigits(pieces.get(i), pieces.get(i + 1));
                end = i + 2;
            } else if (end - i == 1) {
                words = written(pieces.get(i), false);
            } else {
                BooleanQuery.Builder each = new BooleanQuery.Builder();
                for (int k = i; k < end; k++) {
                    each.add(written(pieces.get(k), false), BooleanClause.Occur.MUST);
                }
                words = each.build();
            }
            all.add(orLinked(words, named), BooleanClause.Occur.MUST);
            i = end;
        }
        // Always clauses that must match: the classic parser splits a run's query of optional
        // clauses into one clause per word, which would tear a word from its stem or a name
        // from the records linked to it.
        return all.build();
    }

    /**
     * The words of a piece without the "s" of an abbreviation's possessive ("U.S.S.R.'s" is
     * "ussr"): the tokenizer breaks a word at a stop followed by an apostrophe, so the possessive
     * filter, which takes "'s" off a word, never sees it, and "U.S.S.R.'s" was the phrase "ussr s",
     * which no record writing "USSR" has. A record is indexed so too: its "ussr" is still found.
     */
    private static List<String> withoutCutPossessive(String piece, List<String> tokens) {
        if (tokens.size() > 1 && tokens.get(tokens.size() - 1).equals("s") && CUT_POSSESSIVE.matcher(piece).matches()) {
            return tokens.subList(0, tokens.size() - 1);
        }
        return tokens;
    }

    /**
     * A word typed before a space, then one that starts with digits ("T 34", "No. 709", "MiG 15"):
     * both words, as two words typed apart always are, or the two written as one ("T34") or as a
     * phrase ("T-34"). The two words anywhere weigh {@value #APART_WEIGHT} of what they would
     * alone, so that every way of writing the designation ranks first: summed with the rest, a
     * record with "T." and "34" far apart (two common words) outranked one with "T34" (one rare
     * word), though a reader who typed "T 34" means the tank.
     */
    private Query lettersThenDigits(List<String> letters, List<String> digits) {
        List<String> tokens = new ArrayList<>(letters);
        tokens.addAll(digits);
        List<Boolean> spaced = new ArrayList<>(Collections.nCopies(tokens.size() - 1, false));
        spaced.set(letters.size() - 1, true);
        List<Query> ways = new ArrayList<>();
        ways.add(new BoostQuery(new BooleanQuery.Builder().add(written(letters, false), BooleanClause.Occur.MUST)
                .add(written(digits, false), BooleanClause.Occur.MUST).build(), APART_WEIGHT));
        LettersAndDigits.forms(tokens, spaced).forEach(form -> ways.add(piece(form, false)));
        return anyOf(ways);
    }

    /**
     * The words of one piece typed without a space, or of a quoted phrase ({@code spaced}: where the
     * reader typed a space between two of them), in each way of writing their letters and digits
     * together or apart ({@link LettersAndDigits}): "No709" also finds "No. 709", "T-34" "T34".
     */
    private Query written(List<String> tokens, List<Boolean> spaced, boolean exactOnly) {
        return anyOf(LettersAndDigits.forms(tokens, spaced).stream().map(form -> piece(form, exactOnly)).toList());
    }

    /**
     * The words of one piece typed without a space, as {@link #written(List, List, boolean)}; and,
     * unless {@code exactOnly}, a compound's other way of being written ({@link Compounds}:
     * "co-operation" also finds "cooperation", "nonproliferation" "non-proliferation").
     */
    private Query written(List<String> tokens, boolean exactOnly) {
        Query written = written(tokens, Collections.nCopies(tokens.size() - 1, false), exactOnly);
        List<String> compound = exactOnly ? null : Compounds.other(tokens);
        return compound == null ? written : anyOf(List.of(written, piece(compound, false)));
    }

    /** Any of {@code queries}: the one itself when there is one. */
    private static Query anyOf(List<Query> queries) {
        if (queries.size() == 1) {
            return queries.get(0);
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        queries.forEach(query -> any.add(query, BooleanClause.Occur.SHOULD));
        return any.build();
    }

    /**
     * One word (its exact form first, or also its stem unless {@code exactOnly}), or a phrase:
     * of exact forms only when {@code exactOnly} (a quoted phrase), otherwise scored as its words
     * typed apart are, its exact forms weighing {@value #EXACT_BOOST} times its stems, so that
     * "Kim Il-sung" ranks as "Kim Il Sung" does rather than leaving "kim" to weigh more.
     */
    private Query piece(List<String> tokens, boolean exactOnly) {
        if (tokens.size() > 1) {
            PhraseQuery.Builder phrase = new PhraseQuery.Builder();
            PhraseQuery.Builder stemmed = new PhraseQuery.Builder();
            boolean stemsStable = true;
            for (String token : tokens) {
                phrase.add(new Term(IndexLayout.TEXT, token));
                String stem = stemOf(token);
                // Solr analyses a phrase again: only stems that stem to themselves search the same there.
                stemsStable &= stems.stem(stem).equals(stem);
                stemmed.add(new Term(IndexLayout.STEM, stem));
            }
            if (exactOnly) {
                return phrase.build();
            }
            BooleanQuery.Builder scored = new BooleanQuery.Builder()
                    .add(new BoostQuery(phrase.build(), EXACT_BOOST), BooleanClause.Occur.SHOULD);
            if (stemsStable) {
                scored.add(stemmed.build(), BooleanClause.Occur.SHOULD);
            }
            return scored.build();
        }
        String token = tokens.get(0);
        TermQuery exact = new TermQuery(new Term(IndexLayout.TEXT, token));
        if (exactOnly) {
            return exact;
        }
        String stem = stemOf(token);
        BooleanQuery.Builder word = new BooleanQuery.Builder()
                .add(new BoostQuery(exact, EXACT_BOOST), BooleanClause.Occur.SHOULD)
                .add(new TermQuery(new Term(IndexLayout.STEM, stem)), BooleanClause.Occur.SHOULD);
        otherSpellings(token, stem).forEach(other -> word.add(new TermQuery(new Term(IndexLayout.STEM, other)),
                BooleanClause.Occur.SHOULD));
        return word.build();
    }

    /**
     * The stems of the word's other spellings ({@link Spellings}: "defence" and "defense"), of the
     * word as typed and of its stem ("neighbouring", "neighbour"), other than its own stem: each
     * weighs as a stem does, so that records with the spelling typed come first.
     */
    private List<String> otherSpellings(String token, String stem) {
        LinkedHashSet<String> others = new LinkedHashSet<>();
        for (String other : Spellings.ofWordAndStem(token, stem)) {
            others.add(stemOf(other));
        }
        others.remove(stem);
        return List.copyOf(others);
    }

    /** The word's stem, or the word itself where the stemmer leaves nothing. */
    private String stemOf(String word) {
        String stem = stems.stem(word);
        return stem.isEmpty() ? word : stem;
    }

    /** {@code words}, or a record linked to {@code named} (scored below any record with the words). */
    static Query orLinked(Query words, Names.Named named) {
        if (named == null) {
            return words;
        }
        Query linked = new BoostQuery(new ConstantScoreQuery(new TermQuery(
                DrillDownQuery.term(IndexLayout.FACETS, named.facet().key(), named.key()))), LINKED_SCORE);
        return new BooleanQuery.Builder()
                .add(words, BooleanClause.Occur.SHOULD)
                .add(linked, BooleanClause.Occur.SHOULD)
                .build();
    }

    private static String reason(Throwable e, String text) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("not allowed as first character")) {
            return "a word may not start with * or ?";
        }
        if (message.contains("Lexical error") || message.contains("Encountered \"<EOF>\"")) {
            // The parser met the end of the search still inside something: say which, by reading the text
            // ("stalin AND" and "korea:" were told of a quote or bracket they do not have).
            Unclosed unclosed = Unclosed.in(text);
            if (unclosed == Unclosed.PATTERN) {
                return "a pattern between slashes is not closed";
            }
            if (unclosed == Unclosed.NONE) {
                return text.strip().endsWith(":") ? "a colon has no word after it"
                        : "an operator such as AND, OR or NOT has no word after it";
            }
            return "a quote or bracket is not closed";
        }
        if (e instanceof IllegalArgumentException && !(e instanceof TooCostly)) {
            return "a pattern between slashes is not a regular expression: " + message;
        }
        if (Unclosed.in(text) == Unclosed.CLOSED_UNOPENED) {
            return "a bracket is closed that was not opened";
        }
        return "an operator such as AND, OR, NOT, + or - is not where one can be";
    }

    /** What a search the parser could not finish leaves open, read as the parser reads it (a backslash escapes). */
    private enum Unclosed {
        NONE, QUOTE_OR_BRACKET, PATTERN, CLOSED_UNOPENED;

        static Unclosed in(String text) {
            boolean quoted = false;
            boolean pattern = false;
            int brackets = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"' && !pattern) {
                    quoted = !quoted;
                } else if (c == '/' && !quoted) {
                    pattern = !pattern;
                } else if (!quoted && !pattern && (c == '(' || c == '[' || c == '{')) {
                    brackets++;
                } else if (!quoted && !pattern && (c == ')' || c == ']' || c == '}')) {
                    if (--brackets < 0) {
                        return CLOSED_UNOPENED;
                    }
                }
            }
            return quoted || brackets > 0 ? QUOTE_OR_BRACKET : pattern ? PATTERN : NONE;
        }
    }

    /**
     * Lucene's classic syntax, where every field is the text (so "Memo: Korea" means the words
     * Memo and Korea rather than a field named memo that does not exist), words are read as
     * {@link #bareWords} and phrases as exact phrases, and patterns are bounded in cost.
     */
    private final class ReaderParser extends QueryParser {

        private final Names names;
        /** The fuzzy words read so far, those past {@value QueryReader#MAX_FUZZY} read as plain words. */
        private int fuzzyWords;

        ReaderParser(Analyzer analyzer, Names names) {
            super(IndexLayout.TEXT, analyzer);
            this.names = names;
            setDefaultOperator(QueryParser.Operator.AND);
            // Runs of plain words reach getFieldQuery whole, so that "North Korea" can be seen as a name.
            setSplitOnWhitespace(false);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
            if (!quoted) {
                return bareWords(queryText, names);
            }
            String composed = Normalizer.normalize(queryText, Normalizer.Form.NFC);
            List<Names.Word> words = Names.words(analyzer, composed);
            if (words.isEmpty()) {
                return null;
            }
            List<String> tokens = words.stream().map(Names.Word::folded).toList();
            List<Boolean> spaced = new ArrayList<>();
            for (int w = 1; w < words.size(); w++) {
                Names.Word before = words.get(w - 1);
                String between = composed.substring(Math.min(before.start() + before.written().length(), words.get(w).start()),
                        words.get(w).start());
                spaced.add(between.codePoints().anyMatch(Character::isWhitespace));
            }
            return orLinked(written(tokens, spaced, true), names.named(tokens));
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
            return sloppy(getFieldQuery(IndexLayout.TEXT, queryText, true), Math.min(slop, 10));
        }

        /** {@code query} with each of its phrases (a phrase, or each way of writing one) given {@code slop}. */
        private static Query sloppy(Query query, int slop) {
            if (query instanceof PhraseQuery phrase) {
                PhraseQuery.Builder sloppy = new PhraseQuery.Builder().setSlop(slop);
                Term[] terms = phrase.getTerms();
                int[] positions = phrase.getPositions();
                for (int i = 0; i < terms.length; i++) {
                    sloppy.add(terms[i], positions[i]);
                }
                return sloppy.build();
            }
            if (query instanceof BooleanQuery ways && ways.clauses().stream().allMatch(c -> c.getOccur() == BooleanClause.Occur.SHOULD)) {
                BooleanQuery.Builder each = new BooleanQuery.Builder();
                ways.clauses().forEach(way -> each.add(sloppy(way.getQuery(), slop), BooleanClause.Occur.SHOULD));
                return each.build();
            }
            return query;
        }

        /**
         * Clauses that only exclude ({@code -stalin}, {@code NOT stalin}, {@code korea OR (-china)})
         * mean every record but those: on its own a Lucene query of excluded clauses matches
         * nothing, and a reader who typed it would be told to check the spelling. Solr is handed
         * the same query (the records to exclude from) and so answers the same.
         */
        @Override
        protected Query getBooleanQuery(List<BooleanClause> clauses) throws ParseException {
            Query query = super.getBooleanQuery(clauses);
            if (query instanceof BooleanQuery bool && !bool.clauses().isEmpty()
                    && bool.clauses().stream().allMatch(BooleanClause::isProhibited)) {
                BooleanQuery.Builder except = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
                bool.clauses().forEach(except::add);
                return except.build();
            }
            return query;
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            return super.getPrefixQuery(IndexLayout.TEXT, termStr);
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            if (termStr.length() > MAX_PATTERN) {
                throw new TooCostly("has a pattern longer than " + MAX_PATTERN + " characters");
            }
            return super.getWildcardQuery(IndexLayout.TEXT, termStr);
        }

        @Override
        protected Query newWildcardQuery(Term t) {
            return new WildcardQuery(t, DETERMINIZE_LIMIT, getMultiTermRewriteMethod());
        }

        @Override
        protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
            if (++fuzzyWords > MAX_FUZZY) {
                return getFieldQuery(IndexLayout.TEXT, termStr, false);
            }
            return super.getFuzzyQuery(IndexLayout.TEXT, termStr, minSimilarity);
        }

        @Override
        protected Query getRegexpQuery(String field, String termStr) throws ParseException {
            if (termStr.length() > MAX_PATTERN) {
                throw new TooCostly("has a regular expression longer than " + MAX_PATTERN + " characters");
            }
            Matcher repeat = REPEAT.matcher(termStr);
            while (repeat.find()) {
                for (String count : new String[] {repeat.group(1), repeat.group(2)}) {
                    if (count != null && !count.isEmpty()
                            && (count.length() > 3 || Integer.parseInt(count) > MAX_REPEAT)) {
                        throw new TooCostly("repeats part of a regular expression more than " + MAX_REPEAT + " times");
                    }
                }
            }
            return super.getRegexpQuery(IndexLayout.TEXT, termStr);
        }

        @Override
        protected Query newRegexpQuery(Term t) {
            return new RegexpQuery(t, RegExp.ALL, 0, RegexpQuery.DEFAULT_PROVIDER, DETERMINIZE_LIMIT,
                    getMultiTermRewriteMethod());
        }

        @Override
        protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
                                      boolean endInclusive) throws ParseException {
            return super.getRangeQuery(IndexLayout.TEXT, part1, part2, startInclusive, endInclusive);
        }
    }
}
