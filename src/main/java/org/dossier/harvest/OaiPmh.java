package org.dossier.harvest;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.dossier.authorities.AuthorityRef;
import org.dossier.authorities.PersonRole;
import org.dossier.documents.Archive;
import org.dossier.documents.PersonLink;
import org.dossier.documents.Permalinks;
import org.dossier.web.PublicUrl;
import org.dossier.web.QueryEscapes;
import org.jooq.DSLContext;

/**
 * The catalogue as an OAI-PMH 2.0 repository at {@code /oai}, by GET or POST: Identify,
 * ListMetadataFormats, ListSets, ListIdentifiers, ListRecords and GetRecord in Dublin Core
 * ({@code oai_dc}). Identifiers are {@code oai:<host>:<id>}; datestamps are the time of a record's
 * last revision or of the last rename of a person or place it names; withdrawn records stay as deleted headers for good; long lists come in pages
 * linked by resumption tokens. Every answer, errors included, is an HTTP 200 with an XML body
 * written by StAX.
 */
public final class OaiPmh {

    /** The one metadata format the repository disseminates: unqualified Dublin Core. */
    public static final String OAI_DC = "oai_dc";
    static final String OAI_NS = "http://www.openarchives.org/OAI/2.0/";
    static final String OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/";
    static final String DC_NS = "http://purl.org/dc/elements/1.1/";
    static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
    static final int PAGE_SIZE = 100;
    /** Where the repository answers. */
    public static final String PATH = "/oai";

    /**
     * {@code check} everywhere but here: the repository checks its own escapes and answers a
     * badArgument, since harvesters read XML, not pages.
     */
    public static Handler exceptHere(Handler check) {
        return ctx -> {
            if (!ctx.path().equals(PATH)) {
                check.handle(ctx);
            }
        };
    }

    /** The set of the records of one type: {@code type:letter}. */
    public static String typeSet(String typeKey) {
        return OaiSets.ofType(typeKey);
    }

    /** The set of the records a year's decade holds: {@code decade:1950s} for 1953. */
    public static String decadeSet(int year) {
        return OaiSets.ofDecade(year);
    }

    /** A record's OAI identifier on the site at {@code siteUrl}: {@code oai:archive.example:24}. */
    public static String identifier(String siteUrl, int id) {
        return "oai:" + URI.create(siteUrl).getHost() + ":" + id;
    }

    private final OaiQueries queries;
    private final Archive archive;
    private final PublicUrl publicUrl;
    private final Clock clock;
    private final Supplier<Instant> listedUpTo;

    /**
     * @param listedUpTo a time no record a list read after it cannot see yet will have an earlier
     *     datestamp than (the database's {@code earliestPendingStamp}): a list's response date
     */
    public OaiPmh(DSLContext db, Archive archive, PublicUrl publicUrl, Clock clock, Supplier<Instant> listedUpTo) {
        this.queries = new OaiQueries(db);
        this.archive = archive;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.listedUpTo = listedUpTo;
    }

    /** {@code GET /oai} and {@code POST /oai}. */
    public void handle(Context ctx) {
        boolean post = ctx.method() == HandlerType.POST;
        Site site = new Site(publicUrl.of(ctx));
        OaiRequest request = null;
        String responseDate = null;
        String response;
        try {
            request = OaiRequest.parse(arguments(ctx, post));
            responseDate = responseDate(request);
            response = respond(site, request, responseDate, answer(site, request));
        } catch (OaiError e) {
            response = respond(site, e.malformedRequest() ? null : request, responseDate == null ? now() : responseDate, xml -> {
                xml.writeStartElement("error");
                xml.writeAttribute("code", e.code());
                xml.writeCharacters(XmlText.shown(e.getMessage()));
                xml.writeEndElement();
            });
        }
        ctx.contentType("text/xml; charset=utf-8");
        ctx.result(response);
    }

    /**
     * When the response is made, as a harvester reads it: for a list (or its noRecordsMatch), read
     * before the list, a time that no record the list could not see yet has an earlier datestamp than
     * ({@link #listedUpTo}), so that a harvester that asks next {@code from} it misses none, whichever
     * node it asks and whatever that node's clock says. Usually the database's time now; while a write
     * commits, the newest datestamp before it (that write's records come again from it).
     */
    private String responseDate(OaiRequest request) {
        return switch (request.verb()) {
            case LIST_IDENTIFIERS, LIST_RECORDS -> listedUpTo.get().truncatedTo(ChronoUnit.SECONDS).toString();
            default -> now();
        };
    }

    /** The request's arguments, from its address or, posted, its form; an OAI badArgument when one is escaped wrongly. */
    private static Map<String, List<String>> arguments(Context ctx, boolean post) throws OaiError {
        // Checked here, not by the site's QueryEscapes: a harvester reads an OAI error, not an HTML page.
        Optional<String> broken = QueryEscapes.problem(post ? urlEncodedBody(ctx) : ctx.queryString());
        if (broken.isPresent()) {
            throw OaiError.badArgument("The arguments have " + broken.get() + ".");
        }
        return post ? ctx.formParamMap() : ctx.queryParamMap();
    }

    /** A POST's form body as sent, if it is URL-encoded (a multipart body has no percent-escapes to check). */
    private static String urlEncodedBody(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                ? ctx.body() : null;
    }

    /** The catalogue's address, and the identifiers of its records, for one request. */
    private record Site(String url) {

        String baseUrl() {
            return url + PATH;
        }

        String identifier(int id) {
            return OaiPmh.identifier(url, id);
        }

        /**
         * The record id an identifier names, if it is one of this repository's: exactly as
         * {@link #identifier} writes it, so "oai:host:024" names none (GetRecord would otherwise
         * answer it with a record whose header says "oai:host:24", another identifier).
         */
        Optional<Integer> id(String identifier) {
            Matcher m = Pattern.compile("oai:" + Pattern.quote(URI.create(url).getHost()) + ":([1-9][0-9]{0,8})")
                    .matcher(identifier);
            return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        }
    }

    private XmlText.Body answer(Site site, OaiRequest request) throws OaiError {
        return switch (request.verb()) {
            case IDENTIFY -> identify(site);
            case LIST_METADATA_FORMATS -> listMetadataFormats(site, request);
            case LIST_SETS -> listSets(request);
            case GET_RECORD -> getRecord(site, request);
            case LIST_IDENTIFIERS -> list(site, request, false);
            case LIST_RECORDS -> list(site, request, true);
        };
    }

    private XmlText.Body identify(Site site) {
        String earliest = queries.earliestDatestamp().map(Instant::toString).orElse(now());
        return xml -> {
            xml.writeStartElement("Identify");
            XmlText.element(xml, "repositoryName", archive.name());
            XmlText.element(xml, "baseURL", site.baseUrl());
            XmlText.element(xml, "protocolVersion", "2.0");
            XmlText.element(xml, "adminEmail", archive.adminEmail());
            XmlText.element(xml, "earliestDatestamp", earliest);
            XmlText.element(xml, "deletedRecord", "persistent");
            XmlText.element(xml, "granularity", "YYYY-MM-DDThh:mm:ssZ");
            xml.writeEndElement();
        };
    }

    private XmlText.Body listMetadataFormats(Site site, OaiRequest request) throws OaiError {
        if (request.has("identifier")) {
            item(site, request.get("identifier"));
        }
        return xml -> {
            xml.writeStartElement("ListMetadataFormats");
            xml.writeStartElement("metadataFormat");
            XmlText.element(xml, "metadataPrefix", OAI_DC);
            XmlText.element(xml, "schema", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd");
            XmlText.element(xml, "metadataNamespace", OAI_DC_NS);
            xml.writeEndElement();
            xml.writeEndElement();
        };
    }

    private XmlText.Body listSets(OaiRequest request) throws OaiError {
        if (request.has("resumptionToken")) {
            throw OaiError.badResumptionToken("The list of sets comes whole: this repository issued no token for it.");
        }
        List<AuthorityRef> types = queries.types();
        List<Integer> decades = queries.decades();
        return xml -> {
            xml.writeStartElement("ListSets");
            set(xml, OaiSets.TYPE, "By type of document");
            for (AuthorityRef type : types) {
                set(xml, OaiSets.ofType(type.key()), type.name());
            }
            set(xml, OaiSets.DECADE, "By decade of the document's date");
            for (int decade : decades) {
                set(xml, OaiSets.ofDecade(decade), "Documents of the " + decade + "s");
            }
            xml.writeEndElement();
        };
    }

    private static void set(XMLStreamWriter xml, String spec, String name) throws XMLStreamException {
        xml.writeStartElement("set");
        XmlText.element(xml, "setSpec", spec);
        XmlText.element(xml, "setName", name);
        xml.writeEndElement();
    }

    private XmlText.Body getRecord(Site site, OaiRequest request) throws OaiError {
        requireOaiDc(request.get("metadataPrefix"));
        OaiItem item = item(site, request.get("identifier"));
        return xml -> {
            xml.writeStartElement("GetRecord");
            record(xml, site, item);
            xml.writeEndElement();
        };
    }

    private XmlText.Body list(Site site, OaiRequest request, boolean records) throws OaiError {
        ResumptionToken given = request.has("resumptionToken")
                ? ResumptionToken.decode(request.get("resumptionToken")) : null;
        String prefix = given != null ? given.metadataPrefix() : request.get("metadataPrefix");
        requireOaiDc(prefix);
        OaiQueries.Selection selection = given != null
                ? new OaiQueries.Selection(date("from", given.from()), date("until", given.until()), blankToNull(given.set()))
                : new OaiQueries.Selection(date("from", request.get("from")), date("until", request.get("until")),
                        request.get("set"));
        // A token of the previous release carries no list size: counted now, as a first page is.
        ResumptionToken token = given != null && given.listSize() == ResumptionToken.UNCOUNTED
                ? given.counted(queries.count(selection)) : given;
        Instant afterDatestamp = token == null ? null : Instant.parse(token.lastDatestamp());
        int afterId = token == null ? 0 : token.lastId();
        long cursor = token == null ? 0 : token.cursor();

        List<OaiItem> items = queries.page(selection, afterDatestamp, afterId, PAGE_SIZE + 1, records);
        if (items.isEmpty() && token != null) {
            // Every record left after the token moved out of the list (changed past its until, or out
            // of its set): the list is complete, but a page may not be empty. The last record it still
            // holds that the harvester has comes again, ending it; a duplicate, which a harvester of a
            // changing repository handles, where noRecordsMatch would fail a harvest that went well.
            items = queries.lastUpTo(selection, afterDatestamp, afterId, records).map(List::of).orElse(List.of());
        }
        if (items.isEmpty()) {
            throw OaiError.noRecordsMatch();
        }
        boolean more = items.size() > PAGE_SIZE;
        List<OaiItem> page = more ? items.subList(0, PAGE_SIZE) : items;
        // Counted once, on the first page: an estimate while the list changes, exact on its last page.
        long completeListSize = token == null ? (more ? queries.count(selection) : page.size())
                : more ? Math.max(token.listSize(), cursor + page.size() + 1) : cursor + page.size();
        OaiItem last = page.get(page.size() - 1);
        String next = more ? new ResumptionToken(prefix, orEmpty(selection.set()), orEmpty(raw(request, token, "from")),
                orEmpty(raw(request, token, "until")), last.datestamp().toString(), last.id(), cursor + page.size(),
                completeListSize).encode() : null;
        return xml -> {
            xml.writeStartElement(records ? "ListRecords" : "ListIdentifiers");
            for (OaiItem item : page) {
                if (records) {
                    record(xml, site, item);
                } else {
                    header(xml, site, item);
                }
            }
            if (more || token != null) {
                // The last page of a list that came in several ends with an empty token.
                xml.writeStartElement("resumptionToken");
                xml.writeAttribute("completeListSize", String.valueOf(completeListSize));
                xml.writeAttribute("cursor", String.valueOf(cursor));
                if (next != null) {
                    xml.writeCharacters(next);
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        };
    }

    private static String raw(OaiRequest request, ResumptionToken token, String name) {
        if (token == null) {
            return request.get(name);
        }
        return name.equals("from") ? token.from() : token.until();
    }

    private static OaiDate date(String name, String value) throws OaiError {
        return value == null || value.isEmpty() ? null : OaiDate.parse(name, value);
    }

    private static String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static void requireOaiDc(String prefix) throws OaiError {
        if (!OAI_DC.equals(prefix)) {
            throw OaiError.cannotDisseminateFormat(prefix);
        }
    }

    private OaiItem item(Site site, String identifier) throws OaiError {
        return site.id(identifier).flatMap(queries::item).orElseThrow(() -> OaiError.idDoesNotExist(identifier));
    }

    private void record(XMLStreamWriter xml, Site site, OaiItem item) throws XMLStreamException {
        xml.writeStartElement("record");
        header(xml, site, item);
        if (!item.deleted()) {
            xml.writeStartElement("metadata");
            dublinCore(xml, site, item);
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void header(XMLStreamWriter xml, Site site, OaiItem item) throws XMLStreamException {
        xml.writeStartElement("header");
        if (item.deleted()) {
            xml.writeAttribute("status", "deleted");
        }
        XmlText.element(xml, "identifier", site.identifier(item.id()));
        XmlText.element(xml, "datestamp", item.datestamp().toString());
        for (String spec : item.setSpecs()) {
            XmlText.element(xml, "setSpec", spec);
        }
        xml.writeEndElement();
    }

    /**
     * Simple Dublin Core: its authors are creators and its recipients contributors ("Stalin,
     * Joseph"; an organisation whole), every person it names a subject, its places its coverage, its
     * date as precise as it is known ("1942-02"), its type both DCMI's "Text" and the catalogue's own.
     */
    private void dublinCore(XMLStreamWriter xml, Site site, OaiItem item) throws XMLStreamException {
        xml.writeStartElement("oai_dc", "dc", OAI_DC_NS);
        xml.writeNamespace("oai_dc", OAI_DC_NS);
        xml.writeNamespace("dc", DC_NS);
        xml.writeAttribute("xsi", XSI_NS, "schemaLocation", OAI_DC_NS + " http://www.openarchives.org/OAI/2.0/oai_dc.xsd");
        dc(xml, "title", item.title());
        for (PersonLink author : PersonLink.inRole(item.people(), PersonRole.AUTHOR)) {
            dc(xml, "creator", author.inverted());
        }
        for (PersonLink recipient : PersonLink.inRole(item.people(), PersonRole.RECIPIENT)) {
            dc(xml, "contributor", recipient.inverted());
        }
        if (item.date().isPresent()) {
            // None for an undated record: Dublin Core's elements are all optional, and no date is not one.
            dc(xml, "date", item.date().get().iso());
        }
        dc(xml, "type", "Text");
        if (item.typeLabel() != null) {
            dc(xml, "type", item.typeLabel());
        }
        if (!item.summary().isEmpty()) {
            dc(xml, "description", String.join("\n\n", item.summary()));
        }
        // ISO 639 codes as RFC 5646 writes them, as Dublin Core recommends ("ru"), the main one first.
        for (String language : item.languages().tags()) {
            dc(xml, "language", language);
        }
        // Subjects are a set, not the document's order: by name, as they always were.
        for (PersonLink person : item.people().stream().sorted(java.util.Comparator.comparing(PersonLink::sortName)
                .thenComparing(PersonLink::key)).toList()) {
            dc(xml, "subject", person.name());
        }
        for (String place : item.places()) {
            dc(xml, "coverage", place);
        }
        dc(xml, "publisher", archive.name());
        dc(xml, "identifier", site.url() + Permalinks.permanent(item.id()));
        xml.writeEndElement();
    }

    private static void dc(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        XmlText.element(xml, "dc", DC_NS, name, text);
    }

    /** The whole response: envelope, the request it answers, and the verb's element or an error. */
    private String respond(Site site, OaiRequest request, String responseDate, XmlText.Body body) {
        return XmlText.document(xml -> {
            xml.writeStartElement("OAI-PMH");
            xml.writeDefaultNamespace(OAI_NS);
            xml.writeNamespace("xsi", XSI_NS);
            xml.writeAttribute("xsi", XSI_NS, "schemaLocation", OAI_NS + " http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd");
            XmlText.element(xml, "responseDate", responseDate);
            xml.writeStartElement("request");
            if (request != null) {
                xml.writeAttribute("verb", request.verb().toString());
                for (Map.Entry<String, String> argument : request.arguments().entrySet()) {
                    // The schema types the echoed identifier as a URI: one that is not is left out.
                    if (argument.getKey().equals("identifier") && !OaiRequest.isUri(argument.getValue())) {
                        continue;
                    }
                    xml.writeAttribute(argument.getKey(), XmlText.clean(argument.getValue()));
                }
            }
            xml.writeCharacters(site.baseUrl());
            xml.writeEndElement();
            body.write(xml);
            xml.writeEndElement();
        });
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
