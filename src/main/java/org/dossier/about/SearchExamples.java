package org.dossier.about;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dossier.catalogue.SearchView;
import org.dossier.search.DateBound;
import org.dossier.search.Dated;
import org.dossier.search.Facet;
import org.dossier.search.SearchRequest;
import org.dossier.search.SortOrder;

/**
 * The searches {@code /help/search} shows as links, by name, each something the engine does
 * (see {@code search/QueryReader}: words all required, phrases, OR, NOT, prefixes, one letter
 * unknown; folding and stems; names; facets, years, decades and ranges; orders). They are the
 * seed catalogue's people, places and words: on it every one finds records, and the misspelling
 * is offered its spelling, which {@code HelpPagesTest} checks by following each link.
 */
public final class SearchExamples {

    private static final SearchRequest EVERYTHING = SearchRequest.everything(SearchRequest.DEFAULT_PAGE_SIZE);

    /** The examples by the name the template asks for them by. */
    public static final Map<String, ExampleSearch> BY_NAME = build();

    private SearchExamples() {
    }

    private static Map<String, ExampleSearch> build() {
        Map<String, ExampleSearch> examples = new LinkedHashMap<>();
        examples.put("words", ExampleSearch.typed("Stalin Korea"));
        examples.put("phrase", ExampleSearch.typed("\"North Korea\""));
        examples.put("or", ExampleSearch.typed("Molotov OR Vyshinsky"));
        examples.put("not", ExampleSearch.typed("Korea -Stalin"));
        examples.put("notWord", ExampleSearch.typed("Korea NOT Stalin"));
        examples.put("prefix", ExampleSearch.typed("telegr*"));
        examples.put("oneLetter", ExampleSearch.typed("stal?n"));
        examples.put("accents", ExampleSearch.typed("zymierski"));
        examples.put("stems", ExampleSearch.typed("telegrams"));
        examples.put("names", ExampleSearch.typed("Filippov"));
        examples.put("respelt", new ExampleSearch("Stailn", SearchRequest.of("Stailn"), ExampleSearch.Expect.RESPELLING));
        examples.put("person", filtered("People: Joseph Stalin", EVERYTHING.toggle(Facet.PERSON, "stalin")));
        SearchRequest stalinOrMao = EVERYTHING.toggle(Facet.PERSON, "stalin").toggle(Facet.PERSON, "mao-zedong");
        examples.put("anyOf", filtered("People: any of Joseph Stalin or Mao Zedong", stalinOrMao));
        examples.put("allOf", filtered("People: all of Joseph Stalin and Mao Zedong",
                stalinOrMao.requiringAll(Facet.PERSON, true)));
        examples.put("author", filtered("Author: Joseph Stalin", EVERYTHING.toggle(Facet.AUTHOR, "stalin")));
        examples.put("recipient", filtered("Recipient: Joseph Stalin", EVERYTHING.toggle(Facet.RECIPIENT, "stalin")));
        examples.put("type", filtered("Type: Ciphered Telegram", EVERYTHING.toggle(Facet.TYPE, "ciphered-telegram")));
        examples.put("place", filtered("Place: Korea", EVERYTHING.toggle(Facet.PLACE, "korea")));
        examples.put("year", filtered("the year 1950", EVERYTHING.toggleYear(1950)));
        examples.put("decade", filtered("the 1950s", SearchView.decade(EVERYTHING, 1950)));
        SearchRequest range = EVERYTHING.between(DateBound.parse("1950-06"), DateBound.parse("1950-12"));
        examples.put("range", filtered("June to December 1950", range));
        examples.put("within", filtered("June to December 1950, only records dated wholly within",
                range.withDated(Dated.WITHIN)));
        examples.put("wordsAndFilter", filtered("korea, with Joseph Stalin", SearchRequest.of("korea").toggle(Facet.PERSON, "stalin")));
        examples.put("oldest", filtered("korea, oldest first", SearchRequest.of("korea").sortedBy(SortOrder.DATE_OLDEST)));
        examples.put("title", filtered("everything, by title", EVERYTHING.sortedBy(SortOrder.TITLE)));
        return java.util.Collections.unmodifiableMap(examples);
    }

    private static ExampleSearch filtered(String shows, SearchRequest request) {
        return new ExampleSearch(shows, request, ExampleSearch.Expect.RECORDS);
    }
}
