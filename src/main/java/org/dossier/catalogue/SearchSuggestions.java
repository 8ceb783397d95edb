package org.dossier.catalogue;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dossier.documents.ControlCharacters;
import org.dossier.search.SearchEngine;
import org.dossier.search.SearchRequest;
import org.dossier.search.SearchUnavailableException;
import org.dossier.search.Suggestion;
import org.dossier.web.BadRequest;
import org.dossier.web.QueryParams;

/**
 * {@code /search/suggest.json?q=sta}: what to offer a reader typing in a search box (people and
 * places by any form of their name, then words of the catalogue), for the search box's script. A
 * progressive enhancement: every search works without it. Not counted against the search limit
 * (a reader types many letters per search), since each answer is small and bounded. While the
 * index opens (a fresh start, a node waiting for SolrCloud) a 503, as a search is then.
 */
public final class SearchSuggestions {

    public static final String PATH = "/search/suggest.json";
    static final int MAX_TEXT = 100;
    static final int DEFAULT_LIMIT = 8;
    static final int MAX_LIMIT = 10;

    private final SearchEngine engine;

    public SearchSuggestions(SearchEngine engine) {
        this.engine = engine;
    }

    public void json(Context ctx) {
        String q = typed(ctx);
        int limit = QueryParams.integer(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        if (!engine.isOpen()) {
            // Not an empty list, which said "nothing starts so" to the box's script, and to a cache for
            // a minute after the index opened: a 503, which the script tells a screen reader.
            throw new SearchUnavailableException("suggestions are offered once it is open");
        }
        List<Suggestion> suggestions = engine.suggest(q.replace('\t', ' ').replace('\n', ' ').replace('\r', ' '), limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("q", q);
        body.put("suggestions", suggestions.stream().map(SearchSuggestions::json).toList());
        ctx.header("Cache-Control", "public, max-age=60");
        ctx.json(body);
    }

    /** The text typed so far ({@code q}) as typed; a 400 saying why when it is missing, too long or holds a control character. */
    private static String typed(Context ctx) {
        String q = QueryParams.single(ctx, SearchRequest.TEXT);
        if (q == null) {
            throw new BadRequest("'q' is missing: give the text typed so far, as in " + PATH + "?q=sta");
        }
        if (q.length() > MAX_TEXT) {
            throw new BadRequest("'q' is " + q.length() + " characters long; suggestions are offered for at most "
                    + MAX_TEXT);
        }
        // The app's one rule for control characters (a NUL is refused, as a record's field refuses
        // it); tab and line breaks are text, as a search reads them: here they part words as a
        // space does. A line break was a 400 here and two words in the search it completes.
        if (ControlCharacters.firstControl(q).isPresent()) {
            throw new BadRequest("'q' holds a control character");
        }
        return q;
    }

    private static Map<String, Object> json(Suggestion suggestion) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("text", suggestion.text());
        json.put("kind", suggestion.kind());
        if (suggestion.label() != null) {
            json.put("label", suggestion.label());
        }
        json.put("records", suggestion.records());
        return json;
    }
}
