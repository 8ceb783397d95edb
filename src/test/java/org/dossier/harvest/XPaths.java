package org.dossier.harvest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.NamespaceContext;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** XPath over the harvesting responses, with prefixes o (OAI-PMH), oai_dc, dc, s (sitemaps) and a (Atom). */
final class XPaths {

    private static final Map<String, String> PREFIXES = Map.of(
            "o", OaiPmh.OAI_NS, "oai_dc", OaiPmh.OAI_DC_NS, "dc", OaiPmh.DC_NS,
            "s", Sitemaps.NS, "a", AtomFeed.NS);

    private XPaths() {
    }

    static List<String> values(Node node, String expression) {
        try {
            NodeList nodes = (NodeList) xpath().evaluate(expression, node, XPathConstants.NODESET);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                values.add(nodes.item(i).getTextContent());
            }
            return values;
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(expression, e);
        }
    }

    static String value(Node node, String expression) {
        try {
            return xpath().evaluate(expression, node);
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(expression, e);
        }
    }

    static int count(Node node, String expression) {
        return Integer.parseInt(value(node, "count(" + expression + ")").replace(".0", ""));
    }

    private static XPath xpath() {
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return PREFIXES.get(prefix);
            }

            @Override
            public String getPrefix(String uri) {
                return null;
            }

            @Override
            public Iterator<String> getPrefixes(String uri) {
                return null;
            }
        });
        return xpath;
    }
}
