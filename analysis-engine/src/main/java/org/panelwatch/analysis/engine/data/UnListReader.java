package org.panelwatch.analysis.engine.data;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.panelwatch.analysis.engine.CatalogueException;

/**
 * Reads the UN Security Council Consolidated Sanctions List in the UN's XML format
 * (https://www.un.org/sc/resources/sc-sanctions.xsd) and keeps the DPRK regime
 * ({@code UN_LIST_TYPE} DPRK): individuals KPi.nnn and entities KPe.nnn with their aliases.
 * Streams the file, so the full official list (all regimes) reads as well as the extract.
 * Aliases of {@code QUALITY} "Low" are left out: the UN itself marks them as too weak to identify.
 * The names are in Latin script, so they are matched in the Latin-script languages (en, de, fr);
 * Russian, Korean, Japanese and Chinese reporting writes them in its own script. The IMO numbers the
 * UN's comments give for listed shipping companies ("IMO number: 5571322") are recognised in every
 * language: a report citing the number names the company.
 */
public final class UnListReader {

    /** The result: entries plus the list's {@code dateGenerated}. */
    public record UnList(String dateGenerated, List<GazetteerEntry> individuals, List<GazetteerEntry> entities) {
        public List<GazetteerEntry> all() {
            List<GazetteerEntry> all = new ArrayList<>(individuals);
            all.addAll(entities);
            return all;
        }
    }

    private UnListReader() {
    }

    public static UnList read(InputStream in, String origin) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<GazetteerEntry> individuals = new ArrayList<>();
        List<GazetteerEntry> entities = new ArrayList<>();
        String dateGenerated = null;
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            Record current = null;
            String alias = null;
            String quality = null;
            boolean inAlias = false;
            boolean sawRoot = false;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    switch (name) {
                        case "CONSOLIDATED_LIST" -> {
                            sawRoot = true;
                            dateGenerated = xml.getAttributeValue(null, "dateGenerated");
                        }
                        case "INDIVIDUAL" -> current = new Record(true);
                        case "ENTITY" -> current = new Record(false);
                        case "INDIVIDUAL_ALIAS", "ENTITY_ALIAS" -> {
                            inAlias = true;
                            alias = null;
                            quality = null;
                        }
                        default -> {
                            if (current != null && isWanted(name)) {
                                String text = xml.getElementText().strip();
                                if (inAlias && name.equals("ALIAS_NAME")) {
                                    alias = text;
                                } else if (inAlias && name.equals("QUALITY")) {
                                    quality = text;
                                } else if (!inAlias) {
                                    current.set(name, text);
                                }
                            }
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = xml.getLocalName();
                    if ((name.equals("INDIVIDUAL_ALIAS") || name.equals("ENTITY_ALIAS")) && current != null) {
                        if (alias != null && !alias.isBlank() && !"Low".equalsIgnoreCase(quality)) {
                            current.aliases.add(alias);
                        }
                        inAlias = false;
                    } else if ((name.equals("INDIVIDUAL") || name.equals("ENTITY")) && current != null) {
                        if ("DPRK".equals(current.listType) && current.reference != null) {
                            (current.individual ? individuals : entities).add(current.toEntry());
                        }
                        current = null;
                    }
                }
            }
            if (!sawRoot) {
                throw new CatalogueException(null, origin + " is not a UN consolidated list (no CONSOLIDATED_LIST element)");
            }
        } catch (XMLStreamException e) {
            throw new CatalogueException(null, origin + " is not readable UN list XML: " + e.getMessage(), e);
        }
        return new UnList(dateGenerated, individuals, entities);
    }

    private static boolean isWanted(String element) {
        return switch (element) {
            case "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME", "UN_LIST_TYPE", "REFERENCE_NUMBER",
                 "ALIAS_NAME", "QUALITY", "COMMENTS1" -> true;
            default -> false;
        };
    }

    /** "IMO number: 5571322", "IMO Number: 5342883", "(IMO) Number: 1790183", "Company Number IMO 5434358". */
    private static final java.util.regex.Pattern IMO = java.util.regex.Pattern.compile("IMO\\)?[^0-9.;]{0,12}?(\\d{7})\\b");

    private static final class Record {
        final boolean individual;
        final List<String> names = new ArrayList<>();
        final Set<String> aliases = new LinkedHashSet<>();
        final Set<String> imoNumbers = new LinkedHashSet<>();
        String listType;
        String reference;

        Record(boolean individual) {
            this.individual = individual;
        }

        void set(String element, String text) {
            switch (element) {
                case "UN_LIST_TYPE" -> listType = text;
                case "REFERENCE_NUMBER" -> reference = text;
                case "COMMENTS1" -> {
                    java.util.regex.Matcher imo = IMO.matcher(text);
                    while (imo.find()) {
                        imoNumbers.add(imo.group(1));
                    }
                }
                default -> {
                    if (!text.isEmpty()) {
                        names.add(text);
                    }
                }
            }
        }

        GazetteerEntry toEntry() {
            String name = String.join(" ", names);
            Set<String> forms = new LinkedHashSet<>();
            forms.add(clean(name));
            aliases.forEach(a -> forms.add(clean(a)));
            forms.removeIf(f -> f.length() < 3);
            String display = titleCase(clean(name));
            Map<String, List<String>> byLanguage = new java.util.HashMap<>(
                    Map.of("en", List.copyOf(forms), "de", List.copyOf(forms), "fr", List.copyOf(forms)));
            if (!imoNumbers.isEmpty()) {
                byLanguage.put("*", List.copyOf(imoNumbers));
            }
            return new GazetteerEntry("un:" + reference, individual ? "un-individual" : "un-entity", display, reference,
                    List.of("un-listed"), byLanguage);
        }

        /** Alias names come quoted ("KOMID") or with punctuation the analyzers drop anyway. */
        private static String clean(String s) {
            return s.replace("\"", "").replace("“", "").replace("”", "").replaceAll("\\s+", " ").strip();
        }

        private static String titleCase(String s) {
            StringBuilder out = new StringBuilder(s.length());
            boolean start = true;
            for (char c : s.toCharArray()) {
                out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
                start = !Character.isLetterOrDigit(c);
            }
            return out.toString();
        }
    }
}
