package org.dossier.harvest;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.bootstrap.DOMImplementationRegistry;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

/**
 * The OAI-PMH 2.0 and oai_dc schemas, read from src/test/resources/xsd: every schemaLocation they
 * import is answered from there, and one that is not is an error, so validation never downloads.
 */
final class OaiSchema {

    private static final Map<String, String> LOCAL = Map.of(
            "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd", "/xsd/OAI-PMH.xsd",
            "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", "/xsd/oai_dc.xsd",
            "http://dublincore.org/schemas/xmls/simpledc20021212.xsd", "/xsd/simpledc20021212.xsd",
            "http://www.w3.org/2001/03/xml.xsd", "/xsd/xml.xsd",
            "http://www.w3.org/2001/xml.xsd", "/xsd/xml.xsd",
            "http://www.w3.org/2009/01/xml.xsd", "/xsd/xml.xsd");

    // Before SCHEMA: static fields are set in order, and loading the schemas needs the resolver.
    private static final LSResourceResolver RESOLVER = (type, namespace, publicId, systemId, baseUri) -> {
        String resource = LOCAL.get(systemId);
        if (resource == null) {
            throw new IllegalStateException("the schemas import " + systemId + ", which is not in src/test/resources/xsd");
        }
        LSInput input = ls().createLSInput();
        input.setByteStream(open(resource));
        input.setSystemId(systemId);
        input.setPublicId(publicId);
        return input;
    };

    private static final Schema SCHEMA = load();

    private OaiSchema() {
    }

    /** Validates an OAI-PMH response; throws with the validator's message when it is not valid. */
    static void validate(String xml) throws SAXException, IOException {
        Validator validator = SCHEMA.newValidator();
        validator.setResourceResolver(RESOLVER);
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.validate(new StreamSource(new StringReader(xml)));
    }


    private static Schema load() {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setResourceResolver(RESOLVER);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            return factory.newSchema(new Source[] {
                source("http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"),
                source("http://www.openarchives.org/OAI/2.0/oai_dc.xsd")});
        } catch (SAXException e) {
            throw new IllegalStateException("the OAI-PMH schemas do not load", e);
        }
    }

    private static Source source(String url) {
        return new StreamSource(open(LOCAL.get(url)), url);
    }

    private static InputStream open(String resource) {
        InputStream in = OaiSchema.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is missing from the test resources");
        }
        return in;
    }

    private static DOMImplementationLS ls() {
        try {
            return (DOMImplementationLS) DOMImplementationRegistry.newInstance().getDOMImplementation("LS");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asks the catalogue at {@code /oai?query}, validates the answer and parses it. */
    static org.w3c.dom.Document harvest(org.dossier.testing.Http http, String query) throws Exception {
        String body = http.get("/oai?" + query).body();
        validate(body);
        return parse(body);
    }

    static org.w3c.dom.Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }
}
