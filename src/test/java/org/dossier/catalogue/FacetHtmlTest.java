package org.dossier.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dossier.testing.SameOnEveryDatabase;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

@SameOnEveryDatabase // a facet's values rendered from values made here: no database
class FacetHtmlTest {

    @Test
    void aHostileLabelKeyAndLinkArePrintedAsTextNeverAsMarkup() {
        String hostile = "<script>alert('x')</script> \"&\"";
        SearchView.FacetValue value = new SearchView.FacetValue("k\"><b>", hostile, 5_245, true,
                "/search?person=a&type=b\"><i>", "/people/x\"><u>");
        Document page = Jsoup.parseBodyFragment("<ul>" + FacetHtml.values(List.of(value), "person") + "</ul>");

        assertTrue(page.select("script, b, i, u").isEmpty(), page.body().html());
        Element li = page.selectFirst("li.facet-value.selected");
        assertEquals(hostile, li.selectFirst(".facet-label").text());
        assertEquals("5,245", li.selectFirst(".facet-count").text());
        assertEquals("Remove filter:", li.selectFirst(".visually-hidden").text());
        Element toggle = li.selectFirst("a.facet-toggle");
        assertEquals("/search?person=a&type=b\"><i>", toggle.attr("href"));
        assertEquals("k\"><b>", toggle.attr("data-value"));
        assertEquals("person", toggle.attr("data-facet"));
        Element about = li.selectFirst("a.facet-about");
        assertEquals("/people/x\"><u>", about.attr("href"));
        assertEquals("About " + hostile, about.attr("title"));
    }

    @Test
    void aValueNotTickedHasNoRemoveMarkerAndATypeHasNoPageToLinkTo() {
        SearchView.FacetValue value = new SearchView.FacetValue("letter", "Letter", 3, false, "/search?type=letter", null);
        Element li = Jsoup.parseBodyFragment("<ul>" + FacetHtml.values(List.of(value), "type") + "</ul>")
                .selectFirst("li.facet-value");

        assertFalse(li.hasClass("selected"));
        assertTrue(li.select(".visually-hidden, a.facet-about").isEmpty());
        assertEquals("Letter 3", li.text());
    }
}
