package org.dossier.harvest;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** What the XML responses (OAI-PMH, sitemaps, Atom) share: a StAX writer and text fit for XML 1.0. */
final class XmlText {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final int BUFFER = 16 * 1024;

    private XmlText() {
    }

    /** Writes a document's root element and all within it. */
    @FunctionalInterface
    interface Body {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    /**
     * A whole UTF-8 document, written as it goes: nothing is held but a buffer of {@value #BUFFER}
     * bytes. The buffer is also what lets the response be compressed: Javalin decides on a
     * response's first write, and compresses none smaller than 1,500 bytes (the XML declaration
     * alone, unbuffered, left a sitemap of a million addresses uncompressed).
     */
    static void document(OutputStream out, Body body) {
        try {
            BufferedOutputStream buffered = new BufferedOutputStream(out, BUFFER);
            write(FACTORY.createXMLStreamWriter(buffered, "UTF-8"), body);
            buffered.flush();
        } catch (XMLStreamException e) {
            throw unchecked(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A whole document as text. */
    static String document(Body body) {
        StringWriter out = new StringWriter();
        try {
            write(FACTORY.createXMLStreamWriter(out), body);
        } catch (XMLStreamException e) {
            throw unchecked(e);
        }
        return out.toString();
    }

    private static void write(XMLStreamWriter xml, Body body) throws XMLStreamException {
        xml.writeStartDocument("UTF-8", "1.0");
        body.write(xml);
        xml.writeEndDocument();
        xml.close();
    }

    /**
     * The text without the characters XML 1.0 cannot carry at all (control characters other than
     * tab and line breaks, lone surrogates, U+FFFE and U+FFFF); StAX escapes the rest but would
     * pass these through and make the document unreadable.
     */
    static String clean(String text) {
        return replaced(text, false);
    }

    /**
     * The text with each character XML 1.0 cannot carry written as its code point ("U+0000"): what
     * an error message quoting a harvester's argument says, so that "oai:example.org:1" followed by
     * a NUL is not shown as the identifier of a record that exists.
     */
    static String shown(String text) {
        return replaced(text, true);
    }

    private static String replaced(String text, boolean shown) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            allowed = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD;
            if (!allowed && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (!allowed && shown) {
                out.append(String.format(Locale.ROOT, "U+%04X", (int) c));
            } else if (allowed && out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** An element holding only text. */
    static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(clean(text));
        xml.writeEndElement();
    }

    /** An element in a namespace, holding only text. */
    static void element(XMLStreamWriter xml, String prefix, String namespace, String name, String text)
            throws XMLStreamException {
        xml.writeStartElement(prefix, name, namespace);
        xml.writeCharacters(clean(text));
        xml.writeEndElement();
    }

    private static UncheckedIOException unchecked(XMLStreamException e) {
        return new UncheckedIOException(new IOException("the XML response could not be written", e));
    }
}
