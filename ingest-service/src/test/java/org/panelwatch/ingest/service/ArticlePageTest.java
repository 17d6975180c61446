package org.panelwatch.ingest.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.ingest.support.RawTopic;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * Items pushed with {@code "fetch": true} whose pages a local WireMock server serves: good pages,
 * pages in other charsets, a PDF, and every kind of page that cannot be had. Each item reaches
 * {@code panelwatch.news.raw} exactly once, and its queue row says what happened.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class ArticlePageTest {

    private static final String INGEST_KEY = "dev-ingest-key";
    private static final String SUMMARY = "Short summary.";
    private static WireMockServer server;

    @Inject
    PageFetchWorker worker;

    private final String run = UUID.randomUUID().toString();

    /** A queue row as the test reads it. */
    record Row(String status, String reason, int attempts, String textSource) {
    }

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(get(urlEqualTo("/robots.txt")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody("User-agent: *\nDisallow: /private/\n")));
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    /** Rows left by an earlier run would compete for the workers. */
    @BeforeEach
    void emptyQueue() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM ingest.page_fetch");
        }
    }

    @Test
    void aPushedSummaryGoesToKafkaOnceWithThePagesTextTitleDateLanguageAndCanonicalUrl() throws Exception {
        String canonical = "/" + run + "/articles/panel-report";
        serveHtml(canonical, null, """
                <!doctype html><html lang="en-GB"><head><title>UN panel finds sanctions breaches</title>
                <link rel="canonical" href="%s">
                <meta property="article:published_time" content="2024-06-19T08:00:00Z"></head>
                <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
                <article><h1>UN panel finds sanctions breaches</h1>
                <p>The UN Panel of Experts found that twelve ship-to-ship transfers of refined petroleum took place
                off the coast of Nampo during the first half of the year.</p>
                <p>The report names three vessels that switched off their transponders before the transfers.</p>
                </article><footer>Subscribe to our newsletter</footer></body></html>""".formatted(canonical));
        String url = server.baseUrl() + canonical + "?utm_source=rss";

        String id = given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON)
                .body(Map.of("url", url, "title", "Panel report", "body", SUMMARY, "fetch", true))
                .post("/api/v1/items").then().statusCode(202).body("items[0].status", is("queued"))
                .extract().path("items[0].id");
        assertThat(RawTopic.recordsWithKeys(List.of(id))).as("nothing goes out before the page is read").isEmpty();

        assertThat(outcome(id)).isEqualTo(new Row("done", null, 1, "page"));
        List<ConsumerRecord<String, String>> records = RawTopic.recordsWithKeys(List.of(id));
        assertThat(records).hasSize(1);
        NewsItemEvent event = RawTopic.event(records.get(0));
        assertThat(event.textSource()).isEqualTo(NewsItemEvent.TEXT_FROM_PAGE);
        assertThat(event.text()).contains("twelve ship-to-ship transfers of refined petroleum")
                .contains("switched off their transponders").doesNotContain("newsletter").doesNotContain(SUMMARY);
        assertThat(event.title()).isEqualTo("UN panel finds sanctions breaches");
        assertThat(event.published()).isEqualTo(Instant.parse("2024-06-19T08:00:00Z"));
        assertThat(event.lang()).isEqualTo("en");
        assertThat(event.url()).isEqualTo(server.baseUrl() + canonical);

        server.verify(getRequestedFor(urlPathEqualTo(canonical))
                .withHeader("User-Agent", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "Panelwatch/0.1 (+https://panelwatch.org/crawler)")));
    }

    @Test
    void aPageWhoseCanonicalUrlIsAlreadyKnownIsADuplicateAndNotSentAgain() throws Exception {
        String canonical = "/" + run + "/story";
        String page = "<html><head><link rel=canonical href='" + canonical + "'></head><body><article>"
                + "<p>The Security Council committee added two vessels to its list of designated ships.</p>"
                + "</article></body></html>";
        serveHtml(canonical, null, page);
        serveHtml(canonical + "/amp", null, page);
        String first = push(server.baseUrl() + canonical);
        assertThat(outcome(first).textSource()).isEqualTo("page");

        String amp = push(server.baseUrl() + canonical + "/amp");
        Row row = outcome(amp);
        assertThat(row.status()).isEqualTo("done");
        assertThat(row.reason()).startsWith("duplicate: ").contains(first);
        assertThat(RawTopic.recordsWithKeys(List.of(amp))).isEmpty();
    }

    @Test
    void pagesInOtherCharsetsComeOutRight() throws Exception {
        String russian = "Совет Безопасности ООН продлил мандат группы экспертов по санкциям против КНДР.";
        String russianLong = russian + " Эксперты сообщили о новых случаях перевалки нефтепродуктов в открытом море "
                + "и о судах, которые отключали транспондеры перед встречей.";
        String korean = "유엔 안전보장이사회는 북한에 대한 제재 위반을 조사하는 전문가 패널의 임무를 연장했다.";
        String japanese = "国連安全保障理事会は北朝鮮に対する制裁違反を調査する専門家パネルの任務を延長した。";
        String chinese = "联合国安理会延长了调查朝鲜违反制裁行为的专家小组的任务。";
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(charsetPage("cp1251-header", "windows-1251", true, false, russian), russian);
        expected.put(charsetPage("euckr-meta", "EUC-KR", false, true, korean), korean);
        expected.put(charsetPage("sjis-header", "Shift_JIS", true, false, japanese), japanese);
        expected.put(charsetPage("gb18030-meta", "GB18030", false, true, chinese), chinese);
        // Declared by neither header nor page: the bytes tell.
        expected.put(charsetPage("cp1251-undeclared", "windows-1251", false, false, russianLong), russianLong);
        // The header says UTF-8, the bytes are not: the page's own declaration is believed.
        String wrong = "/" + run + "/cp1251-wrong-header";
        server.stubFor(get(urlEqualTo(wrong)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody(html(russian, "<meta charset=\"windows-1251\">").getBytes(Charset.forName("windows-1251")))));
        expected.put(wrong, russian);

        Map<String, String> ids = new LinkedHashMap<>();
        for (String path : expected.keySet()) {
            ids.put(path, push(server.baseUrl() + path));
        }
        for (Map.Entry<String, String> page : expected.entrySet()) {
            String id = ids.get(page.getKey());
            assertThat(outcome(id).textSource()).as(page.getKey()).isEqualTo("page");
            NewsItemEvent event = RawTopic.event(RawTopic.recordsWithKeys(List.of(id)).get(0));
            assertThat(event.text()).as(page.getKey()).isEqualTo(page.getValue());
        }
    }

    @Test
    void aPdfReportIsReadWithItsTitle() throws Exception {
        String path = "/" + run + "/S-2024-215.pdf";
        server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/pdf").withBody(pdf("Final report of the Panel of Experts",
                        "The Panel investigated ship-to-ship transfers of refined petroleum.",
                        "Annex 12 lists the vessels that switched off their transponders."))));
        String id = push(server.baseUrl() + path);

        assertThat(outcome(id)).isEqualTo(new Row("done", null, 1, "page"));
        NewsItemEvent event = RawTopic.event(RawTopic.recordsWithKeys(List.of(id)).get(0));
        assertThat(event.title()).isEqualTo("Final report of the Panel of Experts");
        assertThat(event.text()).contains("The Panel investigated ship-to-ship transfers of refined petroleum.")
                .contains("Annex 12 lists the vessels");
    }

    @Test
    void aPageThatCannotBeHadSendsTheSummaryAndRecordsWhy() throws Exception {
        String base = "/" + run;
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put(stub("/private" + base + "/memo", 200, "text/html", html("A memo long enough to be an article.", "")),
                "robots-disallowed");
        reasons.put(stub(base + "/gone", 404, "text/html", "<p>Not found</p>"), "http-404");
        reasons.put(stub(base + "/subscribers-only", 403, "text/html", "<p>Subscribe</p>"), "paywall");
        reasons.put(stub(base + "/broken", 500, "text/html", "<p>Oops</p>"), "http-500");
        server.stubFor(get(urlEqualTo(base + "/busy")).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")));
        reasons.put(base + "/busy", "http-503");
        reasons.put(stub(base + "/metered", 200, "text/html", """
                <html><head><script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":false,
                "headline":"Exclusive"}</script></head><body><article><p>The first paragraph of an exclusive report
                on the shipments, for subscribers only.</p></article></body></html>"""), "paywall");
        reasons.put(stub(base + "/consent", 200, "text/html", """
                <html><body><div class="cmp"><p>We and our partners use cookies to personalise content and ads.</p>
                <p>Select Accept all to agree, or manage your choices at any time.</p></div>
                </body></html>"""), "consent-wall");
        reasons.put(stub(base + "/huge", 200, "text/html", "<p>" + "sanctions ".repeat(160_000) + "</p>"), "too-large");
        server.stubFor(get(urlEqualTo(base + "/bomb")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withHeader("Content-Encoding", "gzip")
                .withBody(gzip(new byte[20 * 1024 * 1024]))));
        reasons.put(base + "/bomb", "too-large");
        byte[] png = new byte[2048];
        png[0] = (byte) 0x89;
        png[1] = 'P';
        png[2] = 'N';
        png[3] = 'G';
        server.stubFor(get(urlEqualTo(base + "/photo")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withBody(png)));
        reasons.put(base + "/photo", "not-a-page");
        server.stubFor(get(urlEqualTo(base + "/binary-as-html")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody(png)));
        reasons.put(base + "/binary-as-html", "not-a-page");
        server.stubFor(get(urlEqualTo(base + "/loop")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", base + "/loop")));
        reasons.put(base + "/loop", "too-many-redirects");
        server.stubFor(get(urlEqualTo(base + "/to-metadata")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));
        reasons.put(base + "/to-metadata", "address-refused");
        server.stubFor(get(urlEqualTo(base + "/slow")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withFixedDelay(6_000).withBody(html("Too late.", ""))));
        reasons.put(base + "/slow", "timeout");

        Map<String, String> ids = new LinkedHashMap<>();
        for (String path : reasons.keySet()) {
            ids.put(path, push(server.baseUrl() + path));
        }
        for (Map.Entry<String, String> page : reasons.entrySet()) {
            String id = ids.get(page.getKey());
            Row row = outcome(id);
            assertThat(row.status()).as(page.getKey()).isEqualTo("failed");
            assertThat(row.reason()).as(page.getKey()).startsWith(page.getValue() + ": ");
            assertThat(row.textSource()).as(page.getKey()).isEqualTo("pushed");
            List<ConsumerRecord<String, String>> records = RawTopic.recordsWithKeys(List.of(id));
            assertThat(records).as(page.getKey()).hasSize(1);
            NewsItemEvent event = RawTopic.event(records.get(0));
            assertThat(event.text()).as(page.getKey()).isEqualTo(SUMMARY);
            assertThat(event.textSource()).as(page.getKey()).isEqualTo(NewsItemEvent.TEXT_AS_PUSHED);
        }
        // Failures that may pass are tried again (max-attempts is 2 in tests); the others are not.
        assertThat(outcome(ids.get(base + "/broken")).attempts()).isEqualTo(2);
        assertThat(outcome(ids.get(base + "/busy")).attempts()).isEqualTo(2);
        assertThat(outcome(ids.get(base + "/slow")).attempts()).isEqualTo(2);
        assertThat(outcome(ids.get(base + "/gone")).attempts()).isEqualTo(1);
        server.verify(0, getRequestedFor(urlEqualTo("/private" + base + "/memo")));
        // Retry-After: 1 kept the second try of /busy at least a second after the first.
        List<Instant> busy = requestTimes(base + "/busy");
        assertThat(busy).hasSize(2);
        assertThat(Duration.between(busy.get(0), busy.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void malformedHtmlStillGivesItsText() throws Exception {
        String path = stub("/" + run + "/tag-soup", 200, "text/html; charset=utf-8",
                "<html><body><article><p>The committee <b>designated <i>two</b> tankers</i> on Monday"
                        + "<p>Both vessels flew flags of convenience<div><table><tr><td>unclosed");
        String id = push(server.baseUrl() + path);
        assertThat(outcome(id).textSource()).isEqualTo("page");
        assertThat(RawTopic.event(RawTopic.recordsWithKeys(List.of(id)).get(0)).text())
                .contains("The committee designated two tankers on Monday").contains("flags of convenience");
    }

    @Test
    void requestsToOneHostKeepTheIntervalAndRobotsTxtIsReadOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String path = stub("/" + run + "/polite/" + i, 200, "text/html",
                    html("Report number " + i + " on the enforcement of the sanctions regime.", ""));
            ids.add(push(server.baseUrl() + path));
        }
        for (String id : ids) {
            assertThat(outcome(id).textSource()).isEqualTo("page");
        }
        List<Instant> times = server.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .filter(r -> r.getUrl().contains("/polite/"))
                .map(r -> r.getLoggedDate().toInstant()).sorted().toList();
        assertThat(times).hasSize(4);
        // Four workers would send all four at once; paced, they take 3 intervals of 50 ms. Each request is
        // sent just after its slot is taken, so allow some scheduling jitter on a busy machine.
        assertThat(Duration.between(times.get(0), times.get(3))).isGreaterThanOrEqualTo(Duration.ofMillis(120));
        server.verify(1, getRequestedFor(urlEqualTo("/robots.txt")));
    }

    @Test
    void askingForThePageNeedsAUrlAndABoolean() {
        given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON)
                .body("[{\"title\":\"T\",\"body\":\"B\",\"fetch\":true},"
                        + "{\"title\":\"T\",\"body\":\"B\",\"url\":\"https://example.org/a\",\"fetch\":\"yes\"}]")
                .post("/api/v1/items").then().statusCode(422)
                .body("errors.find { it.index == 0 }.field", is("url"))
                .body("errors.find { it.index == 0 }.message", is("is required when fetch is true"))
                .body("errors.find { it.index == 1 }.field", is("fetch"));
    }

    private String push(String url) {
        return given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON)
                .body(Map.of("url", url, "title", "A summary", "body", SUMMARY, "fetch", true))
                .post("/api/v1/items").then().statusCode(202).body("items[0].status", is("queued"))
                .extract().path("items[0].id");
    }

    /** Drives the workers until the row has its outcome. */
    private Row outcome(String id) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            worker.tick();
            return row(id);
        }, row -> row != null && (row.status().equals("done") || row.status().equals("failed")));
    }

    static Row row(String id) throws Exception {
        try (Connection c = TestDatabase.connect();
                PreparedStatement st = c.prepareStatement(
                        "SELECT status, reason, attempts, text_source FROM ingest.page_fetch WHERE id = ?::uuid")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)) : null;
            }
        }
    }

    private static List<Instant> requestTimes(String path) {
        return server.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .filter(r -> r.getUrl().equals(path))
                .map(r -> r.getLoggedDate().toInstant())
                .sorted(Comparator.naturalOrder()).toList();
    }

    private static String html(String paragraph, String head) {
        return "<html><head>" + head + "<title>Sanctions</title></head><body><article><p>" + paragraph
                + "</p></article></body></html>";
    }

    private static String stub(String path, int status, String contentType, String body) {
        server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", contentType).withBody(body)));
        return path;
    }

    private static void serveHtml(String path, String charset, String body) {
        stub(path, 200, "text/html" + (charset == null ? "" : "; charset=" + charset), body);
    }

    /** A page in {@code charset}, declared in the header, in a meta tag, or nowhere. */
    private String charsetPage(String name, String charset, boolean inHeader, boolean inMeta, String text) {
        String path = "/" + run + "/" + name;
        String head = inMeta ? "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=" + charset + "\">" : "";
        server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html" + (inHeader ? "; charset=" + charset : ""))
                .withBody(html(text, head).getBytes(Charset.forName(charset)))));
        return path;
    }

    private static byte[] pdf(String title, String... pages) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.getDocumentInformation().setTitle(title);
            for (String text : pages) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.newLineAtOffset(72, 700);
                    content.showText(text);
                    content.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
