package org.dossier.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jsoup.nodes.Document;

/** What a page that refused part of its address ({@code web/ControlProblems}) shows of it. */
public final class RefusedAtItsControl {

    private RefusedAtItsControl() {
    }

    /**
     * The page's error summary has one line, {@code message}, leading to where it is said again,
     * at {@code control} ("order", "page").
     */
    public static void assertRefusedAt(Document page, String control, String message) {
        assertEquals(List.of(message), page.select(".error-summary li a").eachText());
        assertEquals("#" + control + "-problem", page.selectFirst(".error-summary li a").attr("href"));
        assertEquals(message, page.selectFirst("#" + control + "-problem").text());
    }
}
