package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.dossier.documents.DocumentDate;
import org.dossier.search.DateBound;
import org.dossier.search.SearchRequest;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@SameOnEveryDatabase
class DateInWordsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "korea june 1950                | 1950-06    | korea           | q=korea&from=1950-06&to=1950-06",
        "telegram June 25, 1950 stalin  | 1950-06-25 | telegram stalin | q=telegram+stalin&from=1950-06-25&to=1950-06-25",
        "telegram 25 June 1950          | 1950-06-25 | telegram        | q=telegram&from=1950-06-25&to=1950-06-25",
        "cable 25th of June 1950        | 1950-06-25 | cable           | q=cable&from=1950-06-25&to=1950-06-25",
        "Sept. 1950 Pyongyang           | 1950-09    | Pyongyang       | q=Pyongyang&from=1950-09&to=1950-09",
        "1950-06-25                     | 1950-06-25 | ''              | from=1950-06-25&to=1950-06-25",
        "korea 1950                     | 1950       | korea           | q=korea&from=1950&to=1950",
        "mao 1956-09 conversation       | 1956-09    | mao conversation | q=mao+conversation&from=1956-09&to=1956-09",
        "kim september 1950?            | 1950-09    | kim             | q=kim&from=1950-09&to=1950-09",
        "Kim in 1950 ??                 | 1950       | Kim in          | q=Kim+in&from=1950&to=1950",
        "kim 15.3.1962                  | 1962-03-15 | kim             | q=kim&from=1962-03-15&to=1962-03-15",
        "15.03.1962                     | 1962-03-15 | ''              | from=1962-03-15&to=1962-03-15",
        "telegram 15. 3. 1962           | 1962-03-15 | telegram        | q=telegram&from=1962-03-15&to=1962-03-15",
        "3.II.1962 cable                | 1962-02-03 | cable           | q=cable&from=1962-02-03&to=1962-02-03",
        "kim 1961–1962                  | 1961       | kim             | q=kim&from=1961&to=1962",
        "kim 1961-1962                  | 1961       | kim             | q=kim&from=1961&to=1962",
        "kim March–May 1951             | 1951-03    | kim             | q=kim&from=1951-03&to=1951-05",
        "march-may 1951 kim             | 1951-03    | kim             | q=kim&from=1951-03&to=1951-05",
        "kim March – May 1951           | 1951-03    | kim             | q=kim&from=1951-03&to=1951-05",
    })
    void aDateAmongTheWordsIsOfferedAsARangeOverTheOtherWords(String text, String date, String rest, String instead) {
        DateInWords found = DateInWords.in(SearchRequest.of(text)).orElseThrow();
        assertEquals(date, found.from().value());
        assertEquals(rest, found.rest());
        assertEquals(instead, found.instead().toQueryString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"korea", "korea may", "\"june 1950\" korea", "cable 3355", "stalin 0950", "1950-13",
            "june 31, 1950", "31 june 1950", "31.2.1962", "15.13.1962", "3.XIII.1962", "15.3.0962", "3/2/1962",
            "C.C. 1.5", "15.3.62",
            "budget 1961/1962", "kim 1962–1961", "kim May–March 1951"})
    void wordsWithNoDateAQuotedOneOrNoRealOneOfferNothing(String text) {
        assertEquals(Optional.empty(), DateInWords.in(SearchRequest.of(text)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "kim 1961–1962       | 1961–1962",
        "kim March-May 1951  | March–May 1951",
        "kim september 1950  | September 1950",
    })
    void aSpanIsOfferedWrittenAsARecordsDateIs(String text, String display) {
        assertEquals(display, DateInWords.in(SearchRequest.of(text)).orElseThrow().display());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kim March 1950 – April 1951", "kim 3–5 June 1961", "kim 1961 to 1962"})
    void aSpanOfMonthsOfTwoYearsOfDaysOrInWordsIsNotOfferedAsARange(String text) {
        DateInWords found = DateInWords.in(SearchRequest.of(text)).orElseThrow();
        assertEquals(found.from(), found.to(), "one date of it, as before: " + found.instead().toQueryString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "undated letter       | letter       | q=letter&undated=only",
        "stalin n.d.          | stalin       | q=stalin&undated=only",
        "[s.d.] telegram mao  | telegram mao | q=telegram+mao&undated=only",
        "memo no date korea   | memo korea   | q=memo+korea&undated=only",
        "Undated              | ''           | undated=only",
    })
    void theWordsOfNoDateAreOfferedAsTheUndatedRecordsOverTheOtherWords(String text, String rest, String instead) {
        DateInWords found = DateInWords.in(SearchRequest.of(text)).orElseThrow();
        assertTrue(found.undated(), found.toString());
        assertEquals(DocumentDate.UNDATED, found.display());
        assertEquals(rest, found.rest());
        assertEquals(instead, found.instead().toQueryString());
    }

    @org.junit.jupiter.api.Test
    void aDateAmongTheWordsIsOfferedBeforeTheWordsOfNoDateAndNoDateIsNotOfferedOnceChosen() {
        assertEquals("q=undated&from=1950&to=1950",
                DateInWords.in(SearchRequest.of("undated 1950")).orElseThrow().instead().toQueryString());
        assertTrue(DateInWords.in(SearchRequest.of("stalin n.d.").undatedOnly(true)).isEmpty());
        assertTrue(DateInWords.in(SearchRequest.of("\"n.d.\" stalin")).isEmpty(), "a phrase in quotes is meant as written");
        assertTrue(DateInWords.in(SearchRequest.of("nd stalin")).isEmpty());
    }

    @org.junit.jupiter.api.Test
    void aSearchThatAlreadySaysWhichDatesItWantsIsOfferedNothing() {
        SearchRequest ranged = SearchRequest.of("korea june 1950").between(DateBound.parse("1949"), null);
        assertTrue(DateInWords.in(ranged).isEmpty());
        assertTrue(DateInWords.in(SearchRequest.of("korea june 1950").toggleYear(1951)).isEmpty());
        assertTrue(DateInWords.in(SearchRequest.of("korea n.d.").toggleYear(1951)).isEmpty());
    }
}
