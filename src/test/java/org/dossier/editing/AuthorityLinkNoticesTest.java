package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpResponse;
import org.dossier.accounts.Role;
import org.dossier.testing.Http;
import org.dossier.testing.SeededCatalogue;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The notices a person's link page shows after a save or a link come from its address: numbers only. */
class AuthorityLinkNoticesTest {

    @RegisterExtension
    static final SeededCatalogue catalogue = SeededCatalogue.ownedByTheClass();

    private static final Http editor = Editors.signedIn(catalogue, "lena", Role.EDITOR);

    @Test
    void aLinkPageAddressWithAnythingButANumberInItsNoticeIsA400NotA500() {
        for (String query : new String[] {"linked=x", "linked=*:*", "saved=call%20us", "linked=-1", "saved=99999999999"}) {
            HttpResponse<String> page = editor.get("/admin/people/stalin/link?" + query);
            assertEquals(400, page.statusCode(), query);
            assertFalse(page.body().contains("Exception"), query);
        }
        HttpResponse<String> linked = editor.get("/admin/people/stalin/link?linked=3");
        assertEquals(200, linked.statusCode());
        assertEquals("Linked 3 records, each with a new version saying why.",
                Jsoup.parse(linked.body()).select(".notice").text());
        assertEquals(200, editor.get("/admin/places/ussr/link?saved=2").statusCode());
    }
}
