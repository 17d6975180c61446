package org.panelwatch.ingest.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.panelwatch.ingest.catalogue.SourceCatalogue.CatalogueFeed;
import org.panelwatch.ingest.catalogue.SourceCatalogue.CatalogueSource;
import org.panelwatch.ingest.catalogue.SourceCatalogue.Kind;

/**
 * Reads a source catalogue and checks every entry, reporting all problems at once: an operator fixes
 * the file in one go. Unknown fields are errors too (a misspelt {@code summaryonly} must not pass).
 */
public final class SourceCatalogueReader {

    /** Thrown for a catalogue that cannot be read or has invalid entries; the message lists them. */
    public static final class InvalidCatalogue extends RuntimeException {
        private final transient List<String> problems;

        InvalidCatalogue(Path file, List<String> problems) {
            super("Source catalogue " + file + " is invalid:\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
    private static final int MIN_INTERVAL_SECONDS = 60;
    private static final int MAX_INTERVAL_SECONDS = 86_400;
    /** Besides ISO 3166-1 alpha-2: the EU (exceptionally reserved in ISO 3166) and international bodies. */
    private static final Set<String> EXTRA_COUNTRIES = Set.of("EU", "INT");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SourceCatalogueReader() {
    }

    public static SourceCatalogue read(Path file) {
        SourceCatalogue catalogue;
        try {
            catalogue = YAML.readValue(Files.readString(file), SourceCatalogue.class);
        } catch (JsonProcessingException e) {
            throw new InvalidCatalogue(file, List.of(e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : "")));
        } catch (IOException e) {
            throw new InvalidCatalogue(file, List.of("cannot be read: " + e.getMessage()));
        }
        List<String> problems = problems(catalogue);
        if (!problems.isEmpty()) {
            throw new InvalidCatalogue(file, problems);
        }
        return catalogue;
    }

    static List<String> problems(SourceCatalogue catalogue) {
        List<String> problems = new ArrayList<>();
        if (catalogue == null || catalogue.sources() == null) {
            problems.add("no 'sources' list");
            return problems;
        }
        Set<String> ids = new HashSet<>();
        Set<String> feedKeys = new HashSet<>();
        for (int i = 0; i < catalogue.sources().size(); i++) {
            CatalogueSource source = catalogue.sources().get(i);
            String where = "sources[" + i + "]" + (source != null && source.id() != null ? " (" + source.id() + ")" : "");
            if (source == null) {
                problems.add(where + ": empty entry");
                continue;
            }
            if (blank(source.id()) || !ID.matcher(source.id()).matches()) {
                problems.add(where + ": id must be lower-case letters, digits and '-' (2-64 characters)");
            } else if (!ids.add(source.id())) {
                problems.add(where + ": id used twice");
            }
            if (blank(source.name())) {
                problems.add(where + ": name is required");
            }
            if (!isHttpUrl(source.homepage())) {
                problems.add(where + ": homepage must be an absolute http(s) URL");
            }
            if (Kind.of(source.kind()) == null) {
                problems.add(where + ": kind must be one of " + kinds());
            }
            if (source.country() == null || !(COUNTRIES.contains(source.country()) || EXTRA_COUNTRIES.contains(source.country()))) {
                problems.add(where + ": country must be an ISO 3166-1 alpha-2 code, EU or INT");
            }
            if (source.languages() == null || source.languages().isEmpty()) {
                problems.add(where + ": languages must list at least one ISO 639-1 code");
            } else {
                for (String language : source.languages()) {
                    if (language == null || language.length() != 2 || !LANGUAGES.contains(language)) {
                        problems.add(where + ": language '" + language + "' is not an ISO 639-1 code");
                    }
                }
            }
            if (source.summaryOnly() == null) {
                problems.add(where + ": summaryOnly (true or false) is required");
            }
            if (source.pollIntervalSeconds() == null || source.pollIntervalSeconds() < MIN_INTERVAL_SECONDS
                    || source.pollIntervalSeconds() > MAX_INTERVAL_SECONDS) {
                problems.add(where + ": pollIntervalSeconds must be between " + MIN_INTERVAL_SECONDS + " and "
                        + MAX_INTERVAL_SECONDS);
            }
            if (blank(source.provenance())) {
                problems.add(where + ": provenance is required (the page that states the feed URL, or 'unverified: …')");
            }
            List<CatalogueFeed> feeds = source.feedList();
            for (int f = 0; f < feeds.size(); f++) {
                feedProblems(where + ".feeds[" + f + "]", feeds.get(f), feedKeys, problems);
            }
        }
        return problems;
    }

    private static void feedProblems(String where, CatalogueFeed feed, Set<String> feedKeys, List<String> problems) {
        if (feed == null) {
            problems.add(where + ": empty entry");
            return;
        }
        switch (feed.typeOrDefault()) {
            case CatalogueFeed.RSS -> {
                if (!isHttpUrl(feed.url())) {
                    problems.add(where + ": url must be an absolute http(s) URL");
                } else if (!feedKeys.add(feed.url())) {
                    problems.add(where + ": url used twice in the catalogue");
                }
                if (feed.query() != null) {
                    problems.add(where + ": an rss feed has no query");
                }
            }
            case CatalogueFeed.GDELT -> {
                if (blank(feed.query())) {
                    problems.add(where + ": a gdelt feed needs a query");
                } else if (!feedKeys.add("gdelt:" + feed.query().strip())) {
                    problems.add(where + ": query used twice in the catalogue");
                }
                if (feed.url() != null) {
                    problems.add(where + ": a gdelt feed has a query, not a url");
                }
            }
            default -> problems.add(where + ": type must be rss or gdelt");
        }
    }

    private static boolean isHttpUrl(String url) {
        if (blank(url)) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String kinds() {
        List<String> labels = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            labels.add(kind.label());
        }
        return String.join(", ", labels);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
