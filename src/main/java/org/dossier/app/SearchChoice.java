package org.dossier.app;

import org.dossier.search.SolrAddress;

/**
 * Which search engine a node uses: the embedded Lucene index (the default, {@code --search lucene}),
 * or a SolrCloud collection shared by every node ({@code --search solr:zk=HOST:PORT[/CHROOT]/COLLECTION}).
 *
 * @param solr the collection, or null for the embedded index
 */
public record SearchChoice(SolrAddress solr) {

    public static final SearchChoice EMBEDDED = new SearchChoice(null);
    public static final String HELP = "The search engine: 'lucene', the embedded index (default), or a SolrCloud "
            + "collection, " + SolrAddress.FORM + " (made with solr-setup).";

    public static SearchChoice parse(String text) {
        if ("lucene".equals(text)) {
            return EMBEDDED;
        }
        return new SearchChoice(SolrAddress.parse(text));
    }

    public boolean onSolr() {
        return solr != null;
    }

    @Override
    public String toString() {
        return solr == null ? "lucene" : solr.toString();
    }

    public static final class Converter extends RefusalConverter<SearchChoice> {
        public Converter() {
            super(SearchChoice::parse);
        }
    }
}
