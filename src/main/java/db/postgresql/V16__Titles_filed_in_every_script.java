package db.postgresql;

import org.dossier.documents.RefiledTitles;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Titles in other scripts (Cyrillic, Greek, Chinese, Arabic ...) had an empty sort key, so that
 * {@code ?sort=title} filed them all first: the keys stored before take the rule of
 * {@code documents.Slugs.sortKey} that new and edited records get. Java, not SQL, because the rule
 * is Java's; the same on both databases. The search index is rebuilt on its next start (layout
 * dossier-6); a SolrCloud collection with {@code reindex --search solr}.
 */
public class V16__Titles_filed_in_every_script extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        RefiledTitles.refile(context.getConnection());
    }
}
