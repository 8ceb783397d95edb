package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * Counts are taken with a query that ranks nothing ({@link QueryReader#matching}): a word's stem
 * alone instead of "its exact form or its stem". It must match exactly the records the reader's
 * query matches, for every word of the seed pages' index, alone, with another word, and in the
 * forms that are left as they are (phrases, prefixes, words with other characters).
 */
class CountingQueryTest {

    @Test
    void theCountingQueryOfEveryWordInTheIndexMatchesTheSameRecordsAsTheReadersQuery() throws Exception {
        try (SeedIndex seeds = SeedIndex.open();
             DirectoryReader reader = DirectoryReader.open(FSDirectory.open(seeds.indexFolder()))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            CatalogueAnalyzer analyzer = new CatalogueAnalyzer();
            QueryReader queries = new QueryReader(analyzer);
            List<String> words = new ArrayList<>();
            Terms terms = MultiTerms.getTerms(reader, IndexLayout.TEXT);
            TermsEnum walk = terms.iterator();
            for (BytesRef term = walk.next(); term != null; term = walk.next()) {
                words.add(term.utf8ToString());
            }
            assertTrue(words.size() > 500, words.size() + " words");
            int stemAlone = 0;
            List<String> asked = new ArrayList<>(words);
            for (int i = 0; i + 1 < words.size(); i += 7) {
                asked.add(words.get(i) + " " + words.get(i + 1));
            }
            asked.addAll(List.of("\"north korea\"", "telegr*", "Żymierski", "Stalin's", "I.V. Stalin", "kim il sung",
                    "negotiations OR armistice", "korea -china"));
            for (String text : asked) {
                Query query = queries.read(text, Names.NONE).query();
                Query counting = queries.matching(query);
                assertEquals(searcher.count(query), searcher.count(counting), "'" + text + "': " + counting);
                Set<String> fields = new HashSet<>();
                counting.visit(new QueryVisitor() {
                    @Override
                    public void consumeTerms(Query query, Term... terms) {
                        for (Term term : terms) {
                            fields.add(term.field());
                        }
                    }
                });
                if (fields.equals(Set.of(IndexLayout.STEM))) {
                    stemAlone++;
                }
            }
            // Not a vacuous comparison of queries left as they were: most words are counted by their stem alone.
            assertTrue(stemAlone > words.size() / 2, stemAlone + " of " + words.size() + " words by their stem alone");
        }
    }
}
