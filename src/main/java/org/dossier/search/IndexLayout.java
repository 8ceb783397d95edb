package org.dossier.search;

import java.io.IOException;
import java.time.LocalDate;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;

/**
 * How a record is laid out in the index. Title and summary are searched as two fields, exact
 * ({@code text}) and stemmed ({@code stem}); title and summary are stored apart for highlighting;
 * type, people, places, authors, recipients and languages are doc-values
 * facets of Lucene's facet module; the date is kept as a sortable span and as points for ranges. An
 * undated record has none of the date's fields, and a term of {@link #UNDATED} instead.
 */
final class IndexLayout {

    /** Bumped whenever the layout changes: an index of another layout is rebuilt on start. */
    static final String FORMAT = "dossier-10"; // 10: undated records (V22), with no period and a term of UNDATED; 9: a date may span years (V21): a point under each year it covers, and its start again in SPANNING_START; 8: an abbreviation's stops taken out ("U.S.S.R." is "ussr"), and a number's digit-group commas ("405,976" is "405976"); 7: the languages a record is written in, a facet; 6: ё, Greek accents and final sigma, Arabic and Hebrew points folded (script-folding.txt); 5: titles and summaries composed (NFC), as searches are; titles filed without a leading article (V14)

    static final String ID = "id";
    /** Title and summary, exact forms: phrases, prefixes, and what ranks first. */
    static final String TEXT = "text";
    /** Title and summary again, stemmed ({@link CatalogueAnalyzer}): "telegrams" meets "telegram". */
    static final String STEM = "stem";
    static final String TITLE = "title";
    static final String SUMMARY = "summary";
    static final String SORT_TITLE = "sort_title";
    /** The earliest and latest day a date can mean, packed into one long, read when counting. */
    static final String SPAN = "span";
    /** The earliest day: points for ranges and sorting (Lucene skips what cannot compete). */
    static final String START = "start";
    static final String END = "end";
    /** Every year the period covers: one for a single date, each of a span's ("1961–1962"). */
    static final String YEAR = "year";
    /**
     * The earliest day again, only for a period that ends in a later year than it starts (a span,
     * a few in a hundred): what a range's straddlers are found among beyond its ends' own years,
     * without a range over every record's points.
     */
    static final String SPANNING_START = "spanning_start";
    static final String FACETS = FacetsConfig.DEFAULT_INDEX_FIELD_NAME;
    /** Held, with one term ({@link #undatedTerm}), by undated records alone: what "Undated" finds. */
    static final String UNDATED = "undated";

    private static final long SPAN_SHIFT = 100_000_000L;

    private IndexLayout() {
    }

    static FacetsConfig facetsConfig() {
        FacetsConfig config = new FacetsConfig();
        config.setMultiValued(Facet.PERSON.key(), true);
        config.setMultiValued(Facet.PLACE.key(), true);
        config.setMultiValued(Facet.AUTHOR.key(), true);
        config.setMultiValued(Facet.RECIPIENT.key(), true);
        config.setMultiValued(Facet.LANGUAGE.key(), true);
        return config;
    }

    static Document document(IndexedRecord record, FacetsConfig config) throws IOException {
        Document doc = new Document();
        doc.add(new StringField(ID, Integer.toString(record.id()), Field.Store.NO));
        doc.add(new NumericDocValuesField(ID, record.id()));
        String words = words(record.title(), record.summary());
        doc.add(new TextField(TEXT, words, Field.Store.NO));
        doc.add(new TextField(STEM, words, Field.Store.NO));
        doc.add(new StoredField(TITLE, record.title()));
        doc.add(new StoredField(SUMMARY, record.summary()));
        doc.add(new SortedDocValuesField(SORT_TITLE, new BytesRef(record.sortTitle())));
        if (record.dated()) {
            addPeriod(doc, record.earliest(), record.latest());
        } else {
            // No period: no range, year or sort by date finds it, and a search for undated records does.
            doc.add(new StringField(UNDATED, UNDATED_VALUE, Field.Store.NO));
        }
        if (record.typeKey() != null) {
            doc.add(new SortedSetDocValuesFacetField(Facet.TYPE.key(), record.typeKey()));
        }
        for (String person : record.people()) {
            doc.add(new SortedSetDocValuesFacetField(Facet.PERSON.key(), person));
        }
        for (String place : record.places()) {
            doc.add(new SortedSetDocValuesFacetField(Facet.PLACE.key(), place));
        }
        for (String author : record.authors()) {
            doc.add(new SortedSetDocValuesFacetField(Facet.AUTHOR.key(), author));
        }
        for (String recipient : record.recipients()) {
            doc.add(new SortedSetDocValuesFacetField(Facet.RECIPIENT.key(), recipient));
        }
        for (String language : record.languages()) {
            doc.add(new SortedSetDocValuesFacetField(Facet.LANGUAGE.key(), language));
        }
        return config.build(doc);
    }

    private static void addPeriod(Document doc, LocalDate earliest, LocalDate latest) {
        int start = day(earliest);
        int end = day(latest);
        doc.add(new NumericDocValuesField(SPAN, span(start, end)));
        doc.add(new IntPoint(START, start));
        doc.add(new NumericDocValuesField(START, start));
        doc.add(new IntPoint(END, end));
        for (int year = earliest.getYear(); year <= latest.getYear(); year++) {
            doc.add(new IntPoint(YEAR, year));
        }
        if (latest.getYear() > earliest.getYear()) {
            doc.add(new IntPoint(SPANNING_START, start));
        }
    }

    private static final String UNDATED_VALUE = "yes";

    /** The term every undated record has, and no dated one. */
    static Term undatedTerm() {
        return new Term(UNDATED, UNDATED_VALUE);
    }

    /** What the words of a record are, as {@link #TEXT} and {@link #STEM} read them: its title, then its summary. */
    static String words(String title, String summary) {
        return title + WORDS_APART + summary;
    }

    /** What keeps a record's title and summary apart in its {@link #words}: no title has it. */
    static final String WORDS_APART = "\n\n";

    static Term idTerm(int id) {
        return new Term(ID, Integer.toString(id));
    }

    /** A day as the number yyyymmdd: comparable, and its year is a division away. */
    static int day(LocalDate date) {
        return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }

    static long span(int startDay, int endDay) {
        return startDay * SPAN_SHIFT + endDay;
    }

    static int spanStart(long span) {
        return (int) (span / SPAN_SHIFT);
    }

    static int spanEnd(long span) {
        return (int) (span % SPAN_SHIFT);
    }
}
