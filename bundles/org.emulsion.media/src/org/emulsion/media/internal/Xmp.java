package org.emulsion.media.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Frame metadata (string key → string value) as an XMP packet, the form restorers' tools
 * (exiftool, Adobe apps, DAM systems) read from TIFF tag 700. A key is {@code prefix:name} in a
 * well-known namespace (e.g. {@code Iptc4xmpExt:DigitalSourceType}) or a bare name, which goes
 * into Emulsion's own namespace and reads back bare.
 */
public final class Xmp {

    /** Namespace of bare keys; {@code .invalid} is reserved, so it can never clash with a real one. */
    public static final String EMULSION_NS = "https://emulsion.invalid/ns/xmp/1.0/";

    private static final String RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

    private static final Map<String, String> NAMESPACES = Map.of(
            "emulsion", EMULSION_NS,
            "Iptc4xmpExt", "http://iptc.org/std/Iptc4xmpExt/2008-02-29/",
            "Iptc4xmpCore", "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
            "xmp", "http://ns.adobe.com/xap/1.0/",
            "xmpMM", "http://ns.adobe.com/xap/1.0/mm/",
            "photoshop", "http://ns.adobe.com/photoshop/1.0/",
            "dc", "http://purl.org/dc/elements/1.1/");

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private Xmp() {
    }

    /** {@code key} with its namespace prefix: bare keys are Emulsion's ({@code tool} → {@code emulsion:tool}). */
    public static String qualified(String key) {
        return key.indexOf(':') < 0 ? "emulsion:" + key : key;
    }

    /** The key a {@link #qualified} name stands for. */
    public static String unqualified(String name) {
        return name.startsWith("emulsion:") ? name.substring("emulsion:".length()) : name;
    }

    /** Checks that every key can be written; names the first that cannot. */
    public static void checkKeys(Map<String, String> metadata) {
        metadata.forEach((key, value) -> {
            prefixOf(key);
            if (value == null || value.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                throw new IllegalArgumentException("metadata key " + key + ": no value, or control characters in it");
            }
        });
    }

    /** The packet for {@code metadata}, UTF-8, keys in the map's order. */
    public static byte[] packet(Map<String, String> metadata) {
        checkKeys(metadata);
        StringBuilder xml = new StringBuilder(256);
        xml.append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
                .append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
                .append(" <rdf:RDF xmlns:rdf=\"").append(RDF_NS).append("\">\n")
                .append("  <rdf:Description rdf:about=\"\"");
        metadata.keySet().stream().map(Xmp::prefixOf).distinct().sorted()
                .forEach(p -> xml.append("\n    xmlns:").append(p).append("=\"").append(NAMESPACES.get(p)).append('"'));
        xml.append(">\n");
        metadata.forEach((key, value) -> {
            String name = qualified(key);
            xml.append("   <").append(name).append('>').append(escape(value)).append("</").append(name).append(">\n");
        });
        xml.append("  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The simple (text-valued) properties of an XMP packet, written in element or attribute form.
     * Properties in Emulsion's namespace come back as bare keys, others as {@code prefix:name}.
     */
    public static Map<String, String> parse(byte[] packet) throws IOException {
        Map<String, String> result = new LinkedHashMap<>();
        NodeList descriptions;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            descriptions = factory.newDocumentBuilder().parse(new ByteArrayInputStream(packet))
                    .getElementsByTagNameNS(RDF_NS, "Description");
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("XMP packet is not well-formed XML (" + e.getMessage() + ")", e);
        }
        for (int i = 0; i < descriptions.getLength(); i++) {
            Element description = (Element) descriptions.item(i);
            NamedNodeMap attributes = description.getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                Attr attribute = (Attr) attributes.item(a);
                String ns = attribute.getNamespaceURI();
                if (ns != null && !ns.equals(RDF_NS) && !ns.equals(XMLConstants.XMLNS_ATTRIBUTE_NS_URI)) {
                    result.put(key(attribute), attribute.getValue());
                }
            }
            for (Node child = description.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element property && isText(property)) {
                    result.put(key(property), property.getTextContent());
                }
            }
        }
        return result;
    }

    private static boolean isText(Element property) {
        for (Node n = property.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                return false; // structures, arrays: not a key/value
            }
        }
        return true;
    }

    private static String key(Node node) {
        return EMULSION_NS.equals(node.getNamespaceURI()) ? node.getLocalName()
                : (node.getPrefix() == null ? "" : node.getPrefix() + ":") + node.getLocalName();
    }

    private static String prefixOf(String key) {
        int colon = key.indexOf(':');
        String prefix = colon < 0 ? "emulsion" : key.substring(0, colon);
        String name = key.substring(colon + 1);
        if (!NAMESPACES.containsKey(prefix) || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metadata key '" + key + "' cannot be written: use a bare name ("
                    + NAME.pattern() + ") or one of the prefixes " + NAMESPACES.keySet().stream().sorted().toList());
        }
        return prefix;
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
