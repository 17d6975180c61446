package org.panelwatch.analysis.service;

import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.panelwatch.analysis.engine.CatalogueException;
import org.panelwatch.analysis.engine.data.UnListReader;

/**
 * Decides whether a downloaded UN consolidated list may replace the current one. The structure is
 * checked against what the UN's schema (https://www.un.org/sc/resources/sc-sanctions.xsd) requires of
 * the parts the engine reads: a CONSOLIDATED_LIST root with its dateGenerated, INDIVIDUALS and
 * ENTITIES, and every INDIVIDUAL and ENTITY with a DATAID, a FIRST_NAME, an UN_LIST_TYPE and a
 * REFERENCE_NUMBER. A download cut short is not well-formed XML and fails the reading; an empty
 * list, or one with far fewer DPRK records than the current one, is refused too.
 */
final class UnListCheck {

    /** The list read, or why it was refused. */
    record Verdict(UnListReader.UnList list, String refusal) {
        boolean accepted() {
            return refusal == null;
        }
    }

    private static final Set<String> REQUIRED = Set.of("DATAID", "FIRST_NAME", "UN_LIST_TYPE", "REFERENCE_NUMBER");

    private UnListCheck() {
    }

    static Verdict check(byte[] xml, int currentRecords, double minShare) {
        if (xml == null || xml.length == 0) {
            return refused("the answer was empty");
        }
        String structure = structure(xml);
        if (structure != null) {
            return refused(structure);
        }
        UnListReader.UnList list;
        try {
            list = UnListReader.read(new ByteArrayInputStream(xml), "the downloaded list");
        } catch (CatalogueException e) {
            return refused(e.getMessage());
        }
        int records = list.individuals().size() + list.entities().size();
        if (records == 0) {
            return refused("it holds no DPRK individual or entity");
        }
        if (records < currentRecords * minShare) {
            return refused("it holds " + records + " DPRK individuals and entities against " + currentRecords
                    + " in the current list: taken for a truncated list");
        }
        return new Verdict(list, null);
    }

    private static Verdict refused(String why) {
        return new Verdict(null, why);
    }

    /** Null when the structure is right, else what is wrong. */
    private static String structure(byte[] xml) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
            boolean root = false;
            boolean individuals = false;
            boolean entities = false;
            int depth = 0;
            String record = null;
            Set<String> seen = new java.util.HashSet<>();
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = reader.getLocalName();
                    if (depth == 1) {
                        if (!name.equals("CONSOLIDATED_LIST")) {
                            return "its root element is " + name + ", not CONSOLIDATED_LIST";
                        }
                        root = true;
                        String generated = reader.getAttributeValue(null, "dateGenerated");
                        if (generated == null) {
                            return "CONSOLIDATED_LIST has no dateGenerated";
                        }
                        try {
                            OffsetDateTime.parse(generated.endsWith("Z") || generated.matches(".*[+-]\\d\\d:\\d\\d$")
                                    ? generated : generated + "Z");
                        } catch (DateTimeParseException e) {
                            return "dateGenerated '" + generated + "' is not a date";
                        }
                    } else if (depth == 2) {
                        individuals |= name.equals("INDIVIDUALS");
                        entities |= name.equals("ENTITIES");
                    } else if (depth == 3 && (name.equals("INDIVIDUAL") || name.equals("ENTITY"))) {
                        record = name;
                        seen.clear();
                    } else if (depth == 4 && record != null) {
                        seen.add(name);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (depth == 3 && record != null) {
                        if (!seen.containsAll(REQUIRED)) {
                            Set<String> missing = new java.util.TreeSet<>(REQUIRED);
                            missing.removeAll(seen);
                            return "an " + record + " has no " + String.join(", ", missing);
                        }
                        record = null;
                    }
                    depth--;
                }
            }
            if (!root) {
                return "it is not a UN consolidated list (no CONSOLIDATED_LIST element)";
            }
            if (!individuals || !entities) {
                return "it has no " + (individuals ? "ENTITIES" : "INDIVIDUALS") + " element";
            }
            return null;
        } catch (XMLStreamException e) {
            return "it is not well-formed XML (cut short?): line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNumber());
        }
    }
}
