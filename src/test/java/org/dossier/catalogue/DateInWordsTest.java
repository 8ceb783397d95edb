package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
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
    })
    void aDateAmongTheWordsIsOfferedAsARangeOverTheOtherWords(String text, String date, String rest, String instead) {
        DateInWords found = DateInWords.in(SearchRequest.of(text)).orElseThrow();
        assertEquals(date, found.date().value());
        assertEquals(rest, found.rest());
        assertEquals(instead, found.instead().toQueryString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"korea", "korea may", "\"june 1950\" korea", "cable 3355", "stalin 0950", "1950-13",
            "june 31, 1950", "31 june 1950", "31.2.1962", "15.13.1962", "3.XIII.1962", "15.3.0962", "3/2/1962",
            "C.C. 1.5", "15.3.62"})
    void wordsWithNoDateAQuotedOneOrNoRealOneOfferNothing(String text) {
        assertEquals(Optional.empty(), DateInWords.in(SearchRequest.of(text)));
    }

    @org.junit.jupiter.api.Test
    void aSearchThatAlreadySaysWhichDatesItWantsIsOfferedNothing() {
        SearchRequest ranged = SearchRequest.of("korea june 1950").between(DateBound.parse("1949"), null);
        assertTrue(DateInWords.in(ranged).isEmpty());
        assertTrue(DateInWords.in(SearchRequest.of("korea june 1950").toggleYear(1951)).isEmpty());
    }
}
