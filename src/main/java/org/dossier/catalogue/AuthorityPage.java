package org.dossier.catalogue;

import io.javalin.http.Context;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.authorities.AuthorityContent;
import org.dossier.authorities.AuthorityKind;
import org.dossier.authorities.AuthorityRecords;
import org.dossier.authorities.StoredAuthority;
import org.dossier.search.Facet;
import org.dossier.search.SearchRequest;
import org.dossier.web.ConditionalGet;
import org.dossier.web.NotFound;
import org.dossier.web.ControlProblems;
import org.dossier.web.Pagination;
import org.dossier.web.QueryParams;
import org.dossier.web.Redirects;
import org.dossier.web.UrlState;

/**
 * {@code /people/{key}} and {@code /places/{key}}: who or what an authority is, the other forms of
 * its name, and its records, newest first. The key is the canonical address; the numeric id
 * ({@code /people/1}) answers with a permanent redirect to it.
 */
public final class AuthorityPage {

    private final AuthorityRecords authorities;
    private final CatalogueSearch search;
    private final ConditionalGet conditional;

    public AuthorityPage(AuthorityRecords authorities, CatalogueSearch search, ConditionalGet conditional) {
        this.authorities = authorities;
        this.search = search;
        this.conditional = conditional;
    }

    /** {@code /people/{ref}} or {@code /places/{ref}}, as {@code kind} says. */
    public void show(Context ctx, AuthorityKind kind) {
        String ref = ctx.pathParam("ref");
        StoredAuthority authority = find(kind, ref).orElseThrow(() -> missing(kind, ref));
        if (authority.merged() || !authority.key().equals(ref)) {
            // An old id, a key in capitals, or a key merged into another: the survivor's page, forever (like an old slug).
            Redirects.permanent(ctx, authority.merged() ? kind.path(authority.mergedInto()) : authority.path());
            return;
        }
        // A page number that makes no sense is said at the pager, above the first page.
        ControlProblems problems = new ControlProblems();
        int page = problems.orDefault(SearchRequestReader.PAGE, 1, () -> QueryParams.integer(ctx, SearchRequest.PAGE, 1, 1, 1_000));
        Facet facet = Facet.of(kind);
        if (problems.isEmpty() && conditional.answered(ctx, facet, authority.key())) {
            return;
        }
        // Newest first: the order of a search without words.
        SearchRequest records = SearchRequest.everything(SearchRequest.DEFAULT_PAGE_SIZE).toggle(facet, authority.key());
        // A person's page is not a search to its reader: a page past the end says whose records they are.
        SearchOutcome outcome = search.run(records.onPage(page), "the records naming " + authority.name() + " fill");
        Map<String, Object> model = model(authority, records, page, outcome);
        model.put("url", UrlState.of(ctx).without(problems.isEmpty() ? List.of() : List.of(SearchRequest.PAGE)));
        problems.answer(ctx, model, List.of(SearchRequestReader.PAGE));
        ctx.render("catalogue/authority", model);
    }

    /** The page's model but for its address and what was refused: who it is, its other names, a page of its records. */
    private Map<String, Object> model(StoredAuthority authority, SearchRequest records, int page, SearchOutcome outcome) {
        Pagination pagination = outcome.pagination();
        return new HashMap<>(Map.of(
                "authority", authority,
                "otherNames", otherNames(authority),
                "pagination", pagination,
                "hits", ListedHit.of(outcome.hits(), pagination.first(), null, null),
                // Each page of its records is its own address, as the listing's are: page 2 is not page 1.
                "canonicalHref", authority.path() + (page > 1 ? "?page=" + page : ""),
                "searchHref", SearchLinks.search(records),
                "stillToMove", authorities.stillToMove(authority)));
    }

    /**
     * The person or place {@code ref} names: by its key, by its number ({@code /people/1}, an old
     * address), or by its key in capitals ({@code /people/STALIN}, typed or copied from a heading).
     */
    private Optional<StoredAuthority> find(AuthorityKind kind, String ref) {
        if (ref.matches("[0-9]{1,9}")) {
            return authorities.find(kind, Integer.parseInt(ref));
        }
        String lowerCase = ref.toLowerCase(Locale.ROOT);
        return authorities.find(kind, ref).or(() -> lowerCase.equals(ref) ? Optional.empty()
                : authorities.find(kind, lowerCase));
    }

    /** The one answer for a person or place no entry is, at its page, its history and the editors' forms. */
    public static NotFound missing(AuthorityKind kind, String ref) {
        return new NotFound("There is no " + kind.noun() + " '" + ref + "' in the catalogue.");
    }

    /**
     * The other forms of the name as a reader is shown them: variants first, then pseudonyms,
     * misspellings and the rest, each kind by name (editors' forms list them by name alone).
     */
    private static List<AuthorityContent.Alias> otherNames(StoredAuthority authority) {
        return authority.content().aliases().stream()
                .sorted(Comparator.comparing((AuthorityContent.Alias a) -> a.kind().key(), Comparator.reverseOrder())
                        .thenComparing(AuthorityContent.Alias::name))
                .toList();
    }
}
