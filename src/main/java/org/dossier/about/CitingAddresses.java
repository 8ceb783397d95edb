package org.dossier.about;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dossier.catalogue.ListedDocument;
import org.dossier.catalogue.SearchExport;
import org.dossier.documents.CiteBox;
import org.dossier.documents.ExportFormat;
import org.dossier.documents.Permalinks;
import org.dossier.harvest.AtomFeed;
import org.dossier.harvest.OaiPmh;
import org.dossier.harvest.Robots;
import org.dossier.harvest.Sitemaps;

/**
 * The addresses {@code /help/citing} names, each built by what builds it for the app (the record's
 * {@link Permalinks}, the cite box's downloads, the exports' and the harvesters' paths), on the
 * site's public address, and shown on one record of the catalogue so that every one answers.
 *
 * @param siteUrl the configured public address, or the request's ({@code PublicUrl})
 * @param example the record the addresses are shown on; null in an empty catalogue
 */
public record CitingAddresses(String siteUrl, ListedDocument example) {

    /** A file a record or a search is given as: its name for people and its address. */
    public record File(String label, String href) {
    }

    public CitingAddresses {
        if (siteUrl == null || siteUrl.isEmpty() || siteUrl.endsWith("/")) {
            throw new IllegalArgumentException("the site's address, with no slash at the end, not '" + siteUrl + "'");
        }
    }

    public boolean hasExample() {
        return example != null;
    }

    public String permanent() {
        return siteUrl + Permalinks.permanent(example.id());
    }

    public String canonical() {
        return siteUrl + Permalinks.canonical(example.id(), example.slug());
    }

    /** The first version: every record has one, and it never changes. */
    public String firstVersion() {
        return siteUrl + Permalinks.version(example.id(), 1);
    }

    /** The record as JSON and as the cite box's downloads, at its permanent address. */
    public List<File> recordFiles() {
        return files(Permalinks.permanent(example.id()));
    }

    /** The same files of the first version. */
    public List<File> versionFiles() {
        return files(Permalinks.version(example.id(), 1));
    }

    private List<File> files(String base) {
        List<File> files = new ArrayList<>();
        files.add(new File("JSON", siteUrl + base + ".json"));
        CiteBox.DOWNLOADS.forEach(format -> files.add(new File(format.label(), siteUrl + base + "." + format.extension())));
        return files;
    }

    /** A search's exports, of the search {@code example} asks. */
    public List<File> searchExports(ExampleSearch search) {
        return SearchExport.FORMATS.stream().map(format -> new File(format.label(), siteUrl + search.on(SearchExport.path(format))))
                .toList();
    }

    public String searchJson(ExampleSearch search) {
        return siteUrl + search.jsonHref();
    }

    /** The OAI-PMH base URL, as Identify announces it. */
    public String oaiBase() {
        return siteUrl + OaiPmh.PATH;
    }

    public String metadataPrefix() {
        return OaiPmh.OAI_DC;
    }

    public String oaiIdentifier() {
        return OaiPmh.identifier(siteUrl, example == null ? 24 : example.id());
    }

    public String typeSet(String typeKey) {
        return OaiPmh.typeSet(typeKey);
    }

    public String decadeSet(int year) {
        return OaiPmh.decadeSet(year);
    }

    /** A request of the repository that takes no argument: {@code Identify}, {@code ListSets} .... */
    public String oai(String verb) {
        return oaiBase() + "?verb=" + verb;
    }

    /** A list of the repository's records in {@link #metadataPrefix()}, of one set; {@code set} null for all. */
    public String oaiList(String verb, String set) {
        return oai(verb) + "&metadataPrefix=" + metadataPrefix()
                + (set == null ? "" : "&set=" + URLEncoder.encode(set, StandardCharsets.UTF_8));
    }

    public String sitemap() {
        return siteUrl + Sitemaps.PATH;
    }

    public String feed() {
        return siteUrl + AtomFeed.PATH;
    }

    public String robots() {
        return siteUrl + Robots.PATH;
    }

    /** The formats a record's page offers as files, for the prose: "BibTeX, RIS and CSL-JSON". */
    public static List<String> downloadLabels() {
        return CiteBox.DOWNLOADS.stream().map(ExportFormat::label).toList();
    }
}
