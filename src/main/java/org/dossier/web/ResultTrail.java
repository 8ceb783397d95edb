package org.dossier.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.search.SearchRequest;

/**
 * Where a reader came to a record from: hit {@code hit} of {@code hits} of a search, whose query
 * ({@code q=korea&person=stalin}) the record's link carries in {@code ?search=}. The record page
 * uses it to lead back to the search and on to the previous and next hit; nothing is stored.
 *
 * @param search the search's query string, without a page
 */
public record ResultTrail(String search, int hit, long hits) {

    /** Where {@code /search/hit?...&hit=n} finds hit n and goes on to its record. */
    public static final String HIT_PATH = "/search/hit";
    /** The trail's parameters, named once: {@code ?search=...&hit=3&hits=40} ({@link #HIT} in {@link #HIT_PATH}'s too). */
    public static final String HIT = "hit";
    private static final String SEARCH = "search";
    private static final String HITS = "hits";
    private static final int MAX_SEARCH = 2000;
    private static final Pattern PAGE_SIZE = Pattern.compile("(?:^|&)" + SearchRequest.PAGE_SIZE + "=([0-9]{1,3})(?:&|$)");

    public ResultTrail {
        if (search == null || search.length() > MAX_SEARCH || hit < 1 || hits < hit) {
            throw new IllegalArgumentException("not a trail: hit " + hit + " of " + hits);
        }
    }

    /** The trail a record page was opened with, or null: a trail that does not add up is ignored. */
    public static ResultTrail of(Context ctx) {
        String search = ctx.queryParam(SEARCH);
        String hit = ctx.queryParam(HIT);
        String hits = ctx.queryParam(HITS);
        if (search == null || hit == null || hits == null || !hit.matches("[0-9]{1,6}") || !hits.matches("[0-9]{1,9}")
                || search.length() > MAX_SEARCH) {
            return null;
        }
        int n = Integer.parseInt(hit);
        long total = Long.parseLong(hits);
        return n >= 1 && total >= n ? new ResultTrail(escaped(search), n, total) : null;
    }

    /**
     * The search as a query string a link may carry: what the links this site makes already are,
     * and any other character (a search decoded once too often by hand or by a program: a NUL, a
     * space, a '#' that would cut the search short as a fragment, a letter as it is) percent-encoded
     * as UTF-8, so that the way back leads to the search the trail carried.
     */
    static String escaped(String search) {
        return Redirects.percentEncoded(search, c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || QUERY_CHARACTER.indexOf(c) >= 0);
    }

    /**
     * What RFC 3986 lets a query hold as it is, letters and digits aside, and '%', which a link this
     * site made has before two hex digits (a lone one is the search page's 400, which says so).
     */
    private static final String QUERY_CHARACTER = "-._~!$&'()*+,;=:@/?%";

    /**
     * A record's address that carries a search, for hit {@code n} of {@code total}: {@code carried} is
     * {@link #carried(String) the search as a record's address carries it}, escaped once for a page's hits.
     */
    public static String recordHref(String recordPath, String carried, long n, long total) {
        return recordPath + carried + "&" + HIT + "=" + n + "&" + HITS + "=" + total;
    }

    /** The search's query string as a record's address carries it: {@code ?search=} and the query, escaped. */
    public static String carried(String search) {
        return "?" + SEARCH + "=" + encode(search);
    }

    /** The page of the search this hit is on. */
    public String backHref() {
        Matcher m = PAGE_SIZE.matcher(search);
        int pageSize = m.find() ? Math.max(1, Integer.parseInt(m.group(1))) : SearchRequest.DEFAULT_PAGE_SIZE;
        int page = (hit - 1) / pageSize + 1;
        String query = search + (page > 1 ? (search.isEmpty() ? "" : "&") + SearchRequest.PAGE + "=" + page : "");
        return "/search" + (query.isEmpty() ? "" : "?" + query);
    }

    public boolean hasPrevious() {
        return hit > 1;
    }

    public boolean hasNext() {
        return hit < hits;
    }

    public String previousHref() {
        return hitHref(hit - 1);
    }

    public String nextHref() {
        return hitHref(hit + 1);
    }

    /** "3 of 49", with the total formatted one way everywhere. */
    public String position() {
        return Pagination.number(hit) + " of " + Pagination.number(hits);
    }

    private String hitHref(int n) {
        return HIT_PATH + "?" + (search.isEmpty() ? "" : search + "&") + HIT + "=" + n;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
