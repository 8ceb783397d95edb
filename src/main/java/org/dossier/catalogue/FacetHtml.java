package org.dossier.catalogue;

import org.dossier.web.Pagination;
import java.util.List;
import org.unbescape.html.HtmlEscape;

/**
 * The repeated parts of a search page's facet column — each facet value and each bar of the date
 * histogram — written as HTML here instead of by a template fragment, and printed with
 * {@code th:utext}. Why: a page at 1M records shows about 100 values and 50 bars, some 1,000
 * expressions; Thymeleaf's evaluation of them (OGNL, a fragment call per value) was half of what a
 * page cost beyond the search itself: 7 of 14 ms (BENCHMARKS.md, "Cheaper search pages"). The
 * template still lays out the column (sections, headings, the date form); only the rows come from
 * here. Every text and attribute value is escaped here, as {@code th:text} would.
 */
final class FacetHtml {

    private FacetHtml() {
    }

    /**
     * The {@code <li>} of each value: a link that ticks or unticks it (keeping the rest of the
     * search), its count given the other filters, and for people and places a link to their page.
     *
     * @param name the facet's name in the page ({@code data-facet}): {@code person}, {@code year}, ...
     */
    static String values(List<SearchView.FacetValue> values, String name) {
        StringBuilder html = new StringBuilder(values.size() * 400);
        for (SearchView.FacetValue v : values) {
            value(html, v, name);
        }
        return html.toString();
    }

    private static void value(StringBuilder html, SearchView.FacetValue v, String name) {
        String label = escape(v.label());
        html.append("<li class=\"facet-value").append(v.selected() ? " selected" : "").append("\">\n")
                .append("  <a class=\"facet-toggle\" href=\"").append(escape(v.href()))
                .append("\" rel=\"nofollow\" data-facet=\"").append(escape(name))
                .append("\" data-value=\"").append(escape(v.key())).append("\">\n");
        if (v.selected()) {
            html.append("    <span class=\"visually-hidden\">Remove filter:</span>\n");
        }
        html.append("    <span class=\"facet-label\" dir=\"auto\">").append(label).append("</span>\n")
                .append("    <span class=\"facet-count\">").append(Pagination.number(v.count())).append("</span></a>\n");
        if (v.about() != null) {
            html.append("  <a class=\"facet-about\" href=\"").append(escape(v.about())).append("\" title=\"About ")
                    .append(label).append("\"><span aria-hidden=\"true\">&rsaquo;</span><span class=\"visually-hidden\">")
                    .append("About ").append(label).append("</span></a>\n");
        }
        html.append("</li>");
    }

    /**
     * The histogram's bars, inside its {@code <svg>}: each a link to its year as a date range, named
     * by its year and count, over a full-height area that is easy to point at.
     */
    static String bars(DateHistogram histogram) {
        StringBuilder html = new StringBuilder(histogram.bars().size() * 330);
        for (DateHistogram.Bar bar : histogram.bars()) {
            String title = escape(bar.title());
            html.append("<a href=\"").append(escape(bar.href())).append("\" rel=\"nofollow\" aria-label=\"")
                    .append(title).append("\">\n")
                    .append("  <title>").append(title).append("</title>\n")
                    .append("  <rect class=\"bar-area\" x=\"").append(bar.x()).append("\" y=\"0\" width=\"")
                    .append(bar.width()).append("\" height=\"").append(histogram.height()).append("\"></rect>\n")
                    .append("  <rect class=\"bar").append(bar.inRange() ? " in-range" : "").append("\" x=\"")
                    .append(bar.x()).append("\" y=\"").append(bar.y()).append("\" width=\"").append(bar.width())
                    .append("\" height=\"").append(bar.height()).append("\"></rect>\n")
                    .append("</a>");
        }
        return html.toString();
    }

    private static String escape(String text) {
        return HtmlEscape.escapeHtml4Xml(text);
    }
}
