package org.panelwatch.console.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.panelwatch.console.support.FakeServices;

/**
 * The console's pages against fake services on loopback: sign-in and its refusals, the session
 * cookie, CSRF on every changing form, the security headers, hostile item text shown as text, and a
 * service that is down shown as a notice.
 */
@QuarkusTest
@QuarkusTestResource(FakeServices.class)
class ConsolePagesTest {

    static final String READER_KEY = "reader-key-0123456789abcdef";
    static final String ITEM = "11111111-1111-1111-1111-111111111111";
    static final String STORY = "22222222-2222-2222-2222-222222222222";
    static final String HOSTILE = "<script>alert('pwned')</script> Shells \"moved\" & sold";

    static final String TOPICS = """
            [{"id":"arms-transfer","name":"Arms transfer","description":"d",
              "resolutions":[{"number":"1718","paragraphs":["8"],"summary":"arms embargo"}]}]""";
    static final String SIGNALS = """
            {"items":[{"id":"33333333-3333-3333-3333-333333333333","type":"russia-dprk-military","score":0.91,
              "severity":"high","firstInStory":true,"detectedAt":"2026-11-30T10:00:00Z","itemId":"%s","storyId":"%s",
              "title":%s,"url":"javascript:alert(1)","source":"Test Wire","published":"2026-11-30T09:00:00Z","lang":"en",
              "evidence":[{"text":"Russia received <b>shells</b> from North Korea.","field":"body","start":0,"end":10}],
              "topics":[{"id":"arms-transfer","score":0.8}],
              "verdicts":{"confirmed":2,"falseAlarms":0,"latest":"confirmed"}}],"nextCursor":null}"""
            .formatted(ITEM, STORY, quoted(HOSTILE));

    @BeforeEach
    void stubs() {
        var s = FakeServices.server;
        s.resetAll();
        s.stubFor(get(urlEqualTo("/api/v1/topics")).withHeader("Authorization", equalTo("Bearer " + READER_KEY))
                .willReturn(okJson(TOPICS)));
        s.stubFor(get(urlEqualTo("/api/v1/topics")).atPriority(10).willReturn(aResponse().withStatus(401)));
        s.stubFor(get(urlEqualTo("/api/v1/feeds")).willReturn(aResponse().withStatus(403)));
        s.stubFor(get(urlEqualTo("/api/v1/subscriptions")).willReturn(aResponse().withStatus(401)));
        s.stubFor(get(urlPathEqualTo("/api/v1/signals")).willReturn(okJson(SIGNALS)));
    }

    @Test
    void signInPageCarriesATokenAndStrictHeaders() {
        Response r = given().get("/sign-in");
        r.then().statusCode(200);
        assertThat(r.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(r.asString()).contains("name=\"csrf\"").doesNotContainPattern("<script>[^<]");
        assertThat(r.detailedCookie(SignInPage.SIGN_IN_COOKIE).isHttpOnly()).isTrue();
        assertThat(r.detailedCookie(SignInPage.SIGN_IN_COOKIE).getSameSite()).isEqualToIgnoringCase("Strict");
    }

    @Test
    void aWrongKeyIsToldPlainlyAndAMissingTokenIsRefused() {
        Response form = given().get("/sign-in");
        String token = csrf(form.asString());
        Response wrong = given().redirects().follow(false).cookie(SignInPage.SIGN_IN_COOKIE, token)
                .formParam("csrf", token).formParam("key", "not-a-key").post("/sign-in");
        wrong.then().statusCode(401);
        assertThat(wrong.asString()).contains("That API key was not accepted").doesNotContain("Exception");

        given().redirects().follow(false).cookie(SignInPage.SIGN_IN_COOKIE, token).formParam("key", READER_KEY)
                .post("/sign-in").then().statusCode(403);
    }

    @Test
    void readerSignsInAndSeesSignalsWithHostileTextEscaped() {
        String session = signIn(READER_KEY);
        Response page = given().cookie(SignedInFilter.COOKIE, session).get("/signals?severity=high");
        page.then().statusCode(200);
        String html = page.asString();
        assertThat(html).contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;").doesNotContain("<script>alert");
        assertThat(html).contains("<mark>Russia received &lt;b&gt;shells&lt;/b&gt; from North Korea.</mark>");
        assertThat(html).contains("Arms transfer").contains("UNSCR 1718 para 8");
        assertThat(html).doesNotContain("javascript:alert").doesNotContain(READER_KEY);
        assertThat(html).contains("<option value=\"high\" selected>");
        assertThat(html).contains("<strong>Feedback:</strong> Confirmed by 2");
        FakeServices.server.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/api/v1/signals"))
                .withQueryParam("severity", equalTo("high")).withHeader("Authorization", equalTo("Bearer " + READER_KEY)));
    }

    @Test
    void anEntityPageListsItsItemsAndPagesOnWithTheCursorInTheUrl() {
        FakeServices.server.stubFor(get(urlPathEqualTo("/api/v1/entities/KPe.071")).willReturn(okJson("""
                {"id":"KPe.071","type":"un-entity","name":"Chon Ma San","unReference":"KPe.071","unListDate":"2026-10-01",
                 "items":[{"id":"%s","title":%s,"source":"Test Wire","published":"2026-11-30T09:00:00Z","lang":"en",
                   "topics":[],"signals":[{"type":"russia-dprk-military","score":0.9,"severity":"high"}]}],
                 "nextCursor":"c/2+"}""".formatted(ITEM, quoted(HOSTILE)))));
        String session = signIn(READER_KEY);
        Response page = given().cookie(SignedInFilter.COOKIE, session).get("/entities/KPe.071?cursor=c1");
        page.then().statusCode(200);
        String html = page.asString();
        assertThat(html).contains("<h1>Chon Ma San</h1>").contains("KPe.071").contains("2026-10-01")
                .contains("href=\"/items/" + ITEM + "\"").contains("&lt;script&gt;alert").doesNotContain("<script>alert")
                .contains("href=\"/entities/KPe.071?cursor=c%2F2%2B\"").contains("Newest items");
        FakeServices.server.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/api/v1/entities/KPe.071"))
                .withQueryParam("cursor", equalTo("c1")).withHeader("Authorization", equalTo("Bearer " + READER_KEY)));

        given().cookie(SignedInFilter.COOKIE, session).get("/entities/KPe.999").then().statusCode(404);
    }

    @Test
    void withoutASessionAPageLeadsToSignInAndBack() {
        Response r = given().redirects().follow(false).get("/signals?lang=en");
        r.then().statusCode(303);
        assertThat(r.header("Location")).contains("/sign-in?next=%2Fsignals%3Flang%3Den");
        given().redirects().follow(false).cookie(SignedInFilter.COOKIE, "expired-or-forged").get("/overview")
                .then().statusCode(303).header("Location", org.hamcrest.Matchers.containsString("expired=1"));
    }

    @Test
    void everyChangingFormRefusesAPostWithoutItsToken() {
        String session = signIn(READER_KEY);
        for (String path : new String[] {"/items/" + ITEM + "/feedback", "/alerts", "/alerts/preview", "/alerts/x", "/alerts/x/pause",
                "/alerts/x/resume", "/alerts/x/delete", "/alerts/x/test", "/feeds", "/feeds/x/delete", "/feeds/x/poll",
                "/sign-out"}) {
            given().redirects().follow(false).cookie(SignedInFilter.COOKIE, session).formParam("verdict", "confirmed")
                    .post(path).then().statusCode(403);
            given().redirects().follow(false).cookie(SignedInFilter.COOKIE, session).formParam("csrf", "wrong")
                    .post(path).then().statusCode(403);
        }
        FakeServices.server.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/items/" + ITEM + "/feedback")));
    }

    @Test
    void feedbackGoesToTheAnalysisServiceWithTheSessionsKey() {
        String session = signIn(READER_KEY);
        String token = csrf(given().cookie(SignedInFilter.COOKIE, session).get("/signals").asString());
        FakeServices.server.stubFor(post(urlEqualTo("/api/v1/items/" + ITEM + "/feedback")).willReturn(
                aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"verdict\":\"confirmed\"}")));
        given().redirects().follow(false).cookie(SignedInFilter.COOKIE, session).formParam("csrf", token)
                .formParam("verdict", "confirmed").formParam("note", "seen").post("/items/" + ITEM + "/feedback")
                .then().statusCode(303);
        FakeServices.server.verify(postRequestedFor(urlEqualTo("/api/v1/items/" + ITEM + "/feedback"))
                .withHeader("Authorization", equalTo("Bearer " + READER_KEY))
                .withRequestBody(equalToJson("{\"verdict\":\"confirmed\",\"note\":\"seen\"}", true, true)));
    }

    @Test
    void aServiceThatIsDownIsANoticeOnThePageThatNeedsIt() {
        String session = signIn(READER_KEY);
        FakeServices.server.stubFor(get(urlPathEqualTo("/api/v1/signals")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Response page = given().cookie(SignedInFilter.COOKIE, session).get("/signals");
        page.then().statusCode(200);
        assertThat(page.asString()).contains("analysis-service is not answering");
    }

    @Test
    void aServiceThatDidNotAnswerAtSignInIsNamedOnTheFirstPage() {
        var s = FakeServices.server;
        String admin = "admin-key-0123456789abcdef";
        s.stubFor(get(urlEqualTo("/api/v1/topics")).atPriority(1).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        s.stubFor(get(urlEqualTo("/api/v1/feeds")).withHeader("Authorization", equalTo("Bearer " + admin))
                .willReturn(okJson("{\"items\":[]}")));
        s.stubFor(get(urlEqualTo("/api/v1/subscriptions")).withHeader("Authorization", equalTo("Bearer " + admin))
                .willReturn(okJson("{\"items\":[]}")));
        Response form = given().get("/sign-in");
        String token = csrf(form.asString());
        Response r = given().redirects().follow(false).cookie(SignInPage.SIGN_IN_COOKIE, token)
                .formParam("csrf", token).formParam("key", admin).formParam("next", "/feeds").post("/sign-in");
        r.then().statusCode(303);
        String session = r.detailedCookie(SignedInFilter.COOKIE).getValue();
        String page = given().cookie(SignedInFilter.COOKIE, session).get("/feeds").asString();
        assertThat(page).contains("Not every service answered when you signed in: analysis-service");
    }

    @Test
    void theNewSignalCountAnswersWithAnETagAnd304WhenUnchanged() {
        String session = signIn(READER_KEY);
        Response none = given().cookie(SignedInFilter.COOKIE, session)
                .get("/signals/new?severity=high&after=33333333-3333-3333-3333-333333333333");
        none.then().statusCode(200);
        assertThat(none.jsonPath().getInt("count")).isZero();
        given().cookie(SignedInFilter.COOKIE, session).header("If-None-Match", none.header("ETag"))
                .get("/signals/new?severity=high&after=33333333-3333-3333-3333-333333333333").then().statusCode(304);
        Response one = given().cookie(SignedInFilter.COOKIE, session).get("/signals/new?after=an-older-one");
        assertThat(one.jsonPath().getInt("count")).isEqualTo(1);
        assertThat(one.header("ETag")).isNotEqualTo(none.header("ETag"));
    }

    @Test
    void theFilterPreviewAsksTheReadApiWithTheFiltersTerms() {
        var s = FakeServices.server;
        String admin = "admin-key-0123456789abcdef";
        s.stubFor(get(urlEqualTo("/api/v1/topics")).withHeader("Authorization", equalTo("Bearer " + admin)).willReturn(okJson(TOPICS)));
        s.stubFor(get(urlEqualTo("/api/v1/feeds")).withHeader("Authorization", equalTo("Bearer " + admin))
                .willReturn(okJson("{\"items\":[]}")));
        s.stubFor(get(urlEqualTo("/api/v1/subscriptions")).withHeader("Authorization", equalTo("Bearer " + admin))
                .willReturn(okJson("{\"items\":[]}")));
        String session = signIn(admin);
        String token = csrf(given().cookie(SignedInFilter.COOKIE, session).get("/alerts").asString());
        Response page = given().cookie(SignedInFilter.COOKIE, session).formParam("csrf", token).formParam("name", "")
                .formParam("channelType", "webhook").formParam("keywords", "shells, rail cars").formParam("languages", "en")
                .formParam("topic", "arms-transfer").formParam("mode", "immediate").post("/alerts/preview");
        page.then().statusCode(200);
        assertThat(page.asString()).contains("1 signal</strong> matched").contains("&lt;script&gt;alert");
        s.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/api/v1/signals"))
                .withQueryParam("q", equalTo("shells or \"rail cars\"")).withQueryParam("lang", equalTo("en"))
                .withQueryParam("topic", equalTo("arms-transfer"))
                .withQueryParam("since", com.github.tomakehurst.wiremock.client.WireMock.matching("\\d{4}-.*")));
        // Nothing was created by a preview.
        s.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/subscriptions")));
    }

    @Test
    void signOutEndsTheSession() {
        String session = signIn(READER_KEY);
        String token = csrf(given().cookie(SignedInFilter.COOKIE, session).get("/signals").asString());
        given().redirects().follow(false).cookie(SignedInFilter.COOKIE, session).formParam("csrf", token)
                .post("/sign-out").then().statusCode(303);
        given().redirects().follow(false).cookie(SignedInFilter.COOKIE, session).get("/signals").then().statusCode(303);
    }

    static String signIn(String key) {
        Response form = given().get("/sign-in");
        String token = csrf(form.asString());
        Response r = given().redirects().follow(false).cookie(SignInPage.SIGN_IN_COOKIE, token)
                .formParam("csrf", token).formParam("key", key).formParam("next", "/signals").post("/sign-in");
        r.then().statusCode(303);
        assertThat(r.header("Location")).endsWith("/signals");
        var cookie = r.detailedCookie(SignedInFilter.COOKIE);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualToIgnoringCase("Strict");
        assertThat(cookie.getValue()).doesNotContain(key);
        return cookie.getValue();
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a csrf field").isTrue();
        return m.group(1);
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
