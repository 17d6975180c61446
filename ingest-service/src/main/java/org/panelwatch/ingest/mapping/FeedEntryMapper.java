package org.panelwatch.ingest.mapping;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.panelwatch.ingest.service.ItemSubmission;

/** Feed entries become submissions like pushed items, so both share ids and de-duplication. */
public final class FeedEntryMapper {

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*");
    private static final int TITLE_FROM_BODY_CHARS = 120;

    private FeedEntryMapper() {
    }

    /** Entries without any text are left out. */
    public static List<ItemSubmission> toSubmissions(SyndFeed feed, String feedUrl, String sourceName) {
        String lang = feed.getLanguage() != null && LANGUAGE_TAG.matcher(feed.getLanguage().trim()).matches()
                ? feed.getLanguage().trim().split("[-_]")[0].toLowerCase(Locale.ROOT)
                : null;
        List<ItemSubmission> items = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            String body = body(entry);
            String title = blankToNull(entry.getTitle());
            if (body == null && title == null) {
                continue;
            }
            if (title == null) {
                String plain = Jsoup.parse(body).text();
                title = plain.length() > TITLE_FROM_BODY_CHARS ? plain.substring(0, TITLE_FROM_BODY_CHARS) + "…" : plain;
            }
            items.add(new ItemSubmission(link(entry, feedUrl), title, body == null ? title : body,
                    instant(entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate()),
                    sourceName, lang, blankToNull(entry.getUri())));
        }
        return items;
    }

    private static String body(SyndEntry entry) {
        String content = entry.getContents().stream()
                .map(SyndContent::getValue)
                .filter(v -> v != null && !v.isBlank())
                .collect(Collectors.joining("\n\n"));
        if (!content.isBlank()) {
            return content;
        }
        return entry.getDescription() == null ? null : blankToNull(entry.getDescription().getValue());
    }

    /** The entry's link resolved against the feed URL; only http(s) links identify an item. */
    private static String link(SyndEntry entry, String feedUrl) {
        String link = blankToNull(entry.getLink());
        if (link == null) {
            return null;
        }
        try {
            URI resolved = URI.create(feedUrl).resolve(link.trim());
            String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && resolved.getHost() != null ? resolved.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static java.time.Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
