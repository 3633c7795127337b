package ior.testutil;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** Parses SVG as strict XML (javax.xml, no DTDs or external entities) and reads it back. */
public final class Xml {
    private Xml() {}

    /** The document, or an AssertionError saying where the XML is broken. */
    public static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            int line = e.getLineNumber();
            String[] lines = xml.split("\n", -1);
            String at = line >= 1 && line <= lines.length ? lines[line - 1] : "";
            int col = Math.max(0, e.getColumnNumber() - 1);
            String near = at.substring(Math.max(0, col - 80), Math.min(at.length(), col + 40));
            throw new AssertionError("not well-formed XML at " + line + ":" + e.getColumnNumber() + ": " + e.getMessage() + "\nnear: " + near, e);
        } catch (Exception e) {
            throw new AssertionError("cannot parse XML: " + e, e);
        }
    }

    /** Text content of every element with this local name, in document order. */
    public static List<String> texts(Document d, String localName) {
        List<String> out = new ArrayList<>();
        NodeList nl = d.getElementsByTagNameNS("*", localName);
        for (int i = 0; i < nl.getLength(); i++) out.add(nl.item(i).getTextContent());
        return out;
    }

    /** Elements with this local name. */
    public static List<Element> elements(Document d, String localName) {
        List<Element> out = new ArrayList<>();
        NodeList nl = d.getElementsByTagNameNS("*", localName);
        for (int i = 0; i < nl.getLength(); i++) out.add((Element) nl.item(i));
        return out;
    }

    /** All text of the document (every text node), for "does it show X" checks. */
    public static String allText(Document d) {
        return d.getDocumentElement().getTextContent();
    }
}
