package org.panelwatch.ingest.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Article text and metadata from the project's own page fixtures ({@code src/test/resources/pages}). */
class PageReaderTest {

    private final PageReader reader = new PageReader();

    @Test
    void takesTheBodyFromJsonLdWhenTheMarkupHasNone() {
        ExtractedPage page = reader.read(fixture("jsonld-body.html"), "https://news.example.org/tanker?utm_source=x");

        assertThat(paragraphs(page)).containsExactly(
                "A product tanker on the sanctions list was photographed at anchor off Nampo last week, according to commercial satellite imagery reviewed by researchers.",
                "The vessel changed its name twice in the past year and switched off its transponder before entering the bay.",
                "The researchers said they had shared the images with the Security Council's panel of experts.");
        assertThat(page.title()).isEqualTo("Tanker seen off Nampo");
        assertThat(page.published()).isEqualTo("2024-03-05T08:30:00Z");
        assertThat(page.lang()).isEqualTo("en-GB");
        assertThat(page.canonicalUrl()).isEqualTo("https://news.example.org/2024/03/tanker-nampo");
    }

    @Test
    void aLineBreakInTheHtmlSourceIsASpaceNotANewParagraph() {
        String html = "<html><body><article><h1>Shells by rail</h1>\n<p>Commercial satellite images taken over three weeks show"
                + "\nlong trains of covered freight cars moving from the Rajin port area across the rail bridge into Russia,"
                + "\r\nanalysts at an independent research group said on Monday.</p>\n<p>The analysts counted about 150 rail"
                + "\ncars<br>in the period.</p><pre>line one\nline two</pre></article></body></html>";

        ExtractedPage page = reader.read(html, "https://news.example.org/rail");

        assertThat(paragraphs(page)).containsExactly(
                "Commercial satellite images taken over three weeks show long trains of covered freight cars moving from the "
                        + "Rajin port area across the rail bridge into Russia, analysts at an independent research group said on Monday.",
                "The analysts counted about 150 rail cars", "in the period.", "line one", "line two");
    }

    @Test
    void keepsHeadingsAndParagraphsInOrderAndDropsFurniture() {
        ExtractedPage page = reader.read(fixture("boilerplate.html"), "https://review.example.org/transfers");

        assertThat(paragraphs(page)).containsExactly(
                "Coast guard officers reported on Tuesday that two tankers had met at night with their transponders switched off, a pattern investigators associate with transfers of refined petroleum.",
                "The first vessel, a three thousand tonne product tanker, had changed its name twice in the past year. Satellite images taken the next morning show it riding higher in the water.",
                "Regional reaction",
                "The foreign ministry of a neighbouring state called the reports deeply troubling and urged flag registries to withdraw the registrations of ships that hide their position.",
                "Investigators expect to present their findings to the sanctions committee before the end of the quarter.");
        assertThat(page.title()).isEqualTo("Ship-to-ship transfers in the Yellow Sea - Coastal Review");
        assertThat(page.lang()).isEqualTo("de");
        assertThat(page.published()).isNull();
        assertThat(page.canonicalUrl()).isEqualTo("https://review.example.org/transfers");
    }

    @Test
    void decodesAPageByItsMetaCharset() {
        ExtractedPage page = reader.read(fixture("windows-1251.html"), "https://ru.example.org/nampo");

        assertThat(paragraphs(page)).containsExactly(
                "Танкер из санкционного списка был сфотографирован на якорной стоянке у порта Нампхо на прошлой неделе, сообщили исследователи, изучившие коммерческие спутниковые снимки.",
                "За последний год судно дважды меняло название и отключало транспондер перед входом в залив.",
                "Исследователи передали снимки группе экспертов Совета Безопасности ООН.");
        assertThat(page.title()).isEqualTo("Танкер у порта Нампхо");
    }

    @Test
    void findsNoArticleOnAPageOfLinks() {
        ExtractedPage page = reader.read(fixture("no-article.html"), "https://review.example.org/");

        assertThat(page.articleBody()).isEmpty();
        assertThat(page.title()).isEqualTo("Coastal Review — Home");
        assertThat(page.lang()).isEqualTo("en");
    }

    private static List<String> paragraphs(ExtractedPage page) {
        return Arrays.asList(page.articleBody().split("\n\n"));
    }

    private static byte[] fixture(String name) {
        try (InputStream in = PageReaderTest.class.getResourceAsStream("/pages/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
