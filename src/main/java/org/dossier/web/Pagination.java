package org.dossier.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a page stands in a result list: "51 - 60 of 338", and the page links around it.
 *
 * @param page the page shown, from 1
 * @param reachable how many of the {@code total} the pages may reach: a search serves only its first
 *                  {@code SearchRequest.MAX_WINDOW} hits, so its pager ends there, whatever the total
 */
public record Pagination(int page, int pageSize, long total, long reachable) {

    /** Every page of the {@code total} can be reached. */
    public Pagination(int page, int pageSize, long total) {
        this(page, pageSize, total, total);
    }

    /** A link in the pager; a gap ("...") has page 0. */
    public record PageLink(int page, boolean current) {
        public boolean gap() {
            return page == 0;
        }

        /** Whether it is a link: neither a gap nor the page shown. */
        public boolean linked() {
            return !gap() && !current;
        }

        /** What a screen reader says of the link: "Page 2". */
        public String label() {
            return "Page " + page;
        }
    }

    public Pagination {
        if (page < 1 || pageSize < 1 || total < 0 || reachable < 0) {
            throw new IllegalArgumentException("page " + page + ", size " + pageSize + ", total " + total);
        }
    }

    public int lastPage() {
        return (int) Math.max(1, (Math.min(total, reachable) + pageSize - 1) / pageSize);
    }

    public boolean exists() {
        return page <= lastPage();
    }

    /**
     * What a page past the last says, one way everywhere: "There is no page 7: this search has 2
     * pages of 10." ({@code holder} "this search has"), "1 page of 100" for one, "2,000 pages" as counts
     * are written; the page as it was asked for.
     */
    public String noSuchPage(String holder) {
        int last = lastPage();
        return "There is no page " + page + ": " + holder + " " + (last == 1 ? "1 page" : number(last) + " pages") + " of "
                + pageSize + ".";
    }

    public long offset() {
        return (long) (page - 1) * pageSize;
    }

    public long first() {
        return total == 0 ? 0 : offset() + 1;
    }

    public long last() {
        return Math.min(total, offset() + pageSize);
    }

    /** "51 - 60 of 338", the way the archive counts ("1 - 10 of 10,000"); "No records match" for none. */
    public String range() {
        return total == 0 ? "No records match" : number(first()) + " - " + number(last()) + " of " + number(total);
    }

    /**
     * A count as every page writes it: 10,000. Grouped by hand, as {@code String.format("%,d")} in
     * English would: the format was most of what a facet's counts and a page's range cost.
     */
    public static String number(long n) {
        String digits = Long.toString(n);
        int start = n < 0 ? 1 : 0;
        int length = digits.length() - start;
        if (length <= 3) {
            return digits;
        }
        StringBuilder grouped = new StringBuilder(digits.length() + length / 3);
        grouped.append(digits, 0, start);
        for (int i = start; i < digits.length(); i++) {
            if (i > start && (digits.length() - i) % 3 == 0) {
                grouped.append(',');
            }
            grouped.append(digits.charAt(i));
        }
        return grouped.toString();
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < lastPage();
    }

    /**
     * The first and last pages, and two on each side of the current one, with gaps between; a gap
     * that would hide one page shows that page instead, as "..." takes the room of a number and
     * says less.
     */
    public List<PageLink> links() {
        int last = lastPage();
        var pages = new java.util.TreeSet<Integer>(List.of(1, last));
        for (int p = Math.max(1, page - 2); p <= Math.min(last, page + 2); p++) {
            pages.add(p);
        }
        List<PageLink> links = new ArrayList<>();
        int previous = 0;
        for (int p : pages) {
            if (p - previous == 2) {
                links.add(new PageLink(p - 1, false));
            } else if (p - previous > 2) {
                links.add(new PageLink(0, false));
            }
            links.add(new PageLink(p, p == page));
            previous = p;
        }
        return links;
    }
}
