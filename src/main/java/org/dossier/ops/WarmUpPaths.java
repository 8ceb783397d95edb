package org.dossier.ops;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.dossier.search.DateBound;
import org.dossier.search.Facet;
import org.dossier.search.FacetCount;
import org.dossier.search.SearchEngine;
import org.dossier.search.SearchRequest;
import org.dossier.search.SearchResults;
import org.dossier.search.SortOrder;
import org.dossier.search.Suggestion;

/**
 * The addresses a node asks of itself before it is ready ({@link WarmUp}): shaped like readers'
 * (words, one or two facet values, words with filters and a range of years, deeper pages, record
 * pages, the listing, the JSON twin), drawn with a fixed seed from what this catalogue holds (its
 * most common facet values, the names and words its search box offers, its years), so that no
 * list has to be kept up to date beside the catalogue. Popular values come more often, as they do
 * in an archive's logs.
 */
final class WarmUpPaths {

    private static final int VALUES_PER_FACET = 30;
    private static final int RECORDS = 100;
    private static final int SUGGESTIONS = 5;
    private static final int WORDS = 200;

    private final Map<Facet, List<String>> values = new EnumMap<>(Facet.class);
    private final List<Integer> years;
    private final List<String> words;
    private final List<Integer> records = new ArrayList<>();

    private WarmUpPaths(SearchEngine engine) {
        SearchResults everything = engine.search(SearchRequest.everything(RECORDS));
        everything.hits().forEach(hit -> records.add(hit.id()));
        for (Facet facet : Facet.values()) {
            List<String> keys = everything.facet(facet).stream().limit(VALUES_PER_FACET).map(FacetCount::key).toList();
            if (!keys.isEmpty()) {
                values.put(facet, keys);
            }
        }
        years = List.copyOf(everything.yearsAnyDate().keySet());
        // What readers type: the names and words the search box offers for every two letters, those in
        // the most records first.
        Map<String, Integer> typed = new HashMap<>();
        for (char first = 'a'; first <= 'z'; first++) {
            for (char second = 'a'; second <= 'z'; second++) {
                for (Suggestion offered : engine.suggest("" + first + second, SUGGESTIONS)) {
                    typed.merge(offered.text().toLowerCase(Locale.ROOT), offered.records(), Math::max);
                }
            }
        }
        words = typed.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(WORDS).map(Map.Entry::getKey).toList();
    }

    /** {@code count} addresses drawn from what {@code engine} holds, the same ones for the same catalogue. */
    static List<String> of(SearchEngine engine, int count) {
        WarmUpPaths from = new WarmUpPaths(engine);
        Random random = new Random(1917);
        List<String> paths = new ArrayList<>(count);
        while (paths.size() < count) {
            paths.add(from.next(random));
        }
        return paths;
    }

    private String next(Random random) {
        int kind = random.nextInt(100);
        if (kind < 15 && !records.isEmpty()) {
            return "/documents/" + records.get(random.nextInt(records.size()));
        }
        if (kind < 17) {
            return "/";
        }
        // 17-44 words alone, 45-74 one or two facet values (a range of years from 60), 75-99 words with
        // a facet value (a range from 85); from 90 a deeper page, from 97 the JSON twin.
        boolean withWords = !words.isEmpty() && (kind < 45 || kind >= 75 || values.isEmpty());
        boolean withValues = !values.isEmpty() && (kind >= 45 || words.isEmpty());
        SearchRequest request = SearchRequest.everything(SearchRequest.DEFAULT_PAGE_SIZE);
        if (withWords) {
            String text = popular(words, random);
            request = request.withText(random.nextInt(3) == 0 ? text + " " + popular(words, random) : text);
        }
        if (withValues) {
            List<Facet> facets = List.copyOf(values.keySet());
            for (int n = withWords || random.nextInt(3) > 0 ? 1 : 2; n > 0; n--) {
                Facet facet = facets.get(random.nextInt(facets.size()));
                request = request.toggle(facet, popular(values.get(facet), random));
            }
        }
        if (((kind >= 60 && kind < 75) || kind >= 85) && years.size() > 1) {
            int first = random.nextInt(years.size());
            int last = Math.min(years.size() - 1, first + random.nextInt(15));
            request = request.between(DateBound.year(years.get(first)), DateBound.year(years.get(last)));
        }
        if (kind >= 90) {
            request = request.onPage(2 + random.nextInt(40));
        } else if (random.nextInt(8) == 0) {
            request = request.sortedBy(SortOrder.DATE_OLDEST);
        }
        return request.on(kind >= 97 ? "/search.json" : "/search");
    }

    /** One of {@code ranked}, the first ones most often (roughly as Zipf would have it). */
    private static <T> T popular(List<T> ranked, Random random) {
        double u = random.nextDouble();
        return ranked.get((int) (ranked.size() * u * u * u));
    }
}
