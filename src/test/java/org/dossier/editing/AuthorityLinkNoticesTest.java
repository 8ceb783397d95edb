package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.dossier.accounts.Role;
import org.dossier.testing.Http;
import org.dossier.testing.RefusedAtItsControl;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The notices a person's link page shows after a save or a link come from its address: numbers only;
 * anything else, or a page start ({@code after}) that is no record's number, is refused at the page's
 * top, the page shown without it.
 */
class AuthorityLinkNoticesTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    private static final Http editor = Editors.signedIn(catalogue, "lena", Role.EDITOR);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "linked=x           | linked | 'linked' must be a whole number of 0 or more, not 'x'.",
        "linked=*:*         | linked | 'linked' must be a whole number of 0 or more, not '*:*'.",
        "saved=call%20us    | saved  | 'saved' must be a whole number of 0 or more, not 'call us'.",
        "linked=-1          | linked | 'linked' must be a whole number of 0 or more, not '-1'.",
        "saved=99999999999  | saved  | 'saved' must be a whole number of 0 or more, not '99999999999'.",
        "saved=2&saved=3    | saved  | 'saved' may be given only once.",
        "after=twelve       | after  | 'after' must be a whole number from 0 to 999999999, not 'twelve'.",
        "linked=3&after=-5  | after  | 'after' must be a whole number from 0 to 999999999, not '-5'.",
    })
    void aLinkPageAddressItCannotTakeShowsThePageWithoutItAndSaysWhyAtTheTop(String query, String control,
                                                                               String message) {
        HttpResponse<String> response = editor.get("/admin/people/stalin/link?" + query);
        assertEquals(400, response.statusCode(), query);
        Document page = Jsoup.parse(response.body());
        RefusedAtItsControl.assertRefusedAt(page, control, message);
        assertTrue(page.title().startsWith("Error: Link records: Joseph Stalin"), page.title());
        assertEquals("Link the records that name Joseph Stalin", page.selectFirst("h1").text());
        assertEquals(editor.page("/admin/people/stalin/link").select(".link-form label").eachText(),
                page.select(".link-form label").eachText(), "the records to link, from the first");
        assertEquals(query.startsWith("linked=3") ? List.of("Linked 3 records, each with a new version saying why.") : List.of(),
                page.select(".notice").eachText(), "a notice only of what the address could say");
        assertEquals(1, page.select("input[name=csrf]").size(), "the form still links, with the session's token");
    }

    @Test
    void aLinkPageSaysWhatTheSaveOrTheLinkBeforeItDid() {
        HttpResponse<String> linked = editor.get("/admin/people/stalin/link?linked=3");
        assertEquals(200, linked.statusCode());
        assertEquals("Linked 3 records, each with a new version saying why.",
                Jsoup.parse(linked.body()).select(".notice").text());
        assertTrue(Jsoup.parse(linked.body()).select(".error-summary").isEmpty());
        assertEquals(200, editor.get("/admin/places/ussr/link?saved=2").statusCode());
    }
}
