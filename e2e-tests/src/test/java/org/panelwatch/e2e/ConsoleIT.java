package org.panelwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The analyst console in headless Chromium against the running stack: sign in, the signals with
 * their evidence, a filter that survives a reload, a story across outlets, feedback that reaches the
 * export, a webhook subscription and its test delivery, feeds, the overview, sign out; a hostile
 * title shown as text that runs nothing; a POST without its CSRF token refused; an expired session
 * back to the page asked; the verdicts beside each signal; a UN-listed vessel linked to its entity
 * page, paged; the signal page from the keyboard. Every page is
 * screenshotted under target/screenshots and checked with axe-core (no serious or critical violation).
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final String SIGNAL = "russia-dprk-military";
    /**
     * Ingest reads a title with markup as HTML: its tags are dropped and its entities decoded, so the
     * stored title holds the literal script and image below, which the console must show as text.
     */
    private static final String HOSTILE_TITLE = "<b>Breaking:</b> &lt;script&gt;window.__pwned=1&lt;/script&gt;"
            + "&lt;img src=x onerror=\"window.__pwned=2\"&gt; Shells reach Russia from North Korea";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The cargo ship Chong Chon Gang, listed under its operator Ocean Maritime Management (KPe.020). */
    private static final String VESSEL = "Chong Chon Gang";
    private static final String VESSEL_REFERENCE = "KPe.020";
    /** One more than a page of the console's entity page (25). */
    private static final int VESSEL_ITEMS = 26;

    private final SampleNews news = new SampleNews();
    private final WebhookReceiver receiver = new WebhookReceiver();
    private RunningStack.Stack stack;
    private ConsoleBrowser browser;
    private WebDriverWait wait;
    private String console;
    private String missileId;
    private String missileTitle;
    private String hostileId;
    private String storyId;
    private AlertApi.Subscriber subscriber;
    private final List<String> vesselIds = new ArrayList<>();
    private final List<String> pagesChecked = new ArrayList<>();

    @BeforeAll
    void pushItemsAndOpenTheBrowser() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        stack = RunningStack.stack();
        console = stack.consoleUrl();
        IngestApi ingest = new IngestApi(stack);
        ReadApi read = new ReadApi(stack);

        Map<String, Object> missile = tagged(news.missileDelivery());
        missileTitle = (String) missile.get("title");
        List<Map<String, Object>> story = news.syndicatedAirDefenceStory().stream().map(this::tagged).toList();
        Map<String, Object> hostile = tagged(news.droneTraining());
        hostile.put("title", HOSTILE_TITLE);
        List<Map<String, Object>> all = new ArrayList<>(List.of(missile, hostile));
        all.addAll(story);
        List<IngestApi.Receipt> receipts = ingest.push(all);
        missileId = receipts.get(0).id();
        hostileId = receipts.get(1).id();
        receipts.forEach(r -> read.awaitItem(r.id()));
        storyId = read.awaitItem(receipts.get(2).id()).getString("storyId");
        Await.until("the missile item's signal", () -> read.signals(SIGNAL, s -> missileId.equals(s.get("itemId"))).stream().findFirst());
        // More reports naming a UN-listed vessel than one page of its entity page holds.
        List<Map<String, Object>> sightings = new ArrayList<>();
        for (int n = 0; n < VESSEL_ITEMS; n++) {
            sightings.add(vesselSighting(n));
        }
        ingest.push(sightings).forEach(r -> vesselIds.add(r.id()));
        vesselIds.forEach(read::awaitItem);

        subscriber = new AlertApi(stack).createSubscriber("console e2e " + news.token());
        browser = new ConsoleBrowser();
        wait = new WebDriverWait(browser.driver, Duration.ofSeconds(30));
        // A page replaced while a condition reads it: look again rather than fail.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
        receiver.close();
    }

    @Test
    @Order(1)
    void aWrongKeyIsToldAndTheReaderKeyLeadsToThePageAsked() {
        browser.open(console + "/signals?q=" + news.token());
        wait.until(urlContains("/sign-in"));
        check("sign-in");
        signIn("not-a-real-key");
        assertThat(text(By.cssSelector(".error-summary"))).contains("That API key was not accepted");
        check("sign-in-wrong-key");

        signIn(stack.readerKey());
        wait.until(urlContains("/signals?q=" + news.token()));
        assertThat(text(By.tagName("h1"))).isEqualTo("Signals");
        assertThat(browser.driver.getPageSource()).doesNotContain(stack.readerKey());
    }

    @Test
    @Order(2)
    void theSignalsAreListedWithTheirEvidenceHighlighted() {
        WebElement row = signalRow(missileTitle);
        assertThat(row.findElements(By.cssSelector("blockquote.evidence mark"))).isNotEmpty();
        assertThat(row.findElement(By.cssSelector(".tag")).getText()).containsIgnoringCase("severity");
        check("signals");

        // Unfiltered: every signal of the stack (with the demo's, when it ran), the README's picture.
        browser.open(console + "/signals");
        assertThat(browser.driver.findElements(By.cssSelector("li.signal"))).isNotEmpty();
        browser.viewportScreenshot("signals-first-screen");
        check("signals-all");
        browser.open(console + "/signals?q=" + news.token());
    }

    @Test
    @Order(3)
    void aFilterNarrowsTheListAndSurvivesAReload() {
        int before = browser.driver.findElements(By.cssSelector("li.signal")).size();
        WebElement outlet = browser.driver.findElement(By.id("f-source"));
        outlet.clear();
        outlet.sendKeys("Frontline Desk");
        browser.driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(urlContains("source=Frontline+Desk"));
        List<String> outlets = outletsShown();
        assertThat(outlets).isNotEmpty().allMatch("Frontline Desk"::equals);
        assertThat(outlets.size()).isLessThan(before);

        browser.driver.navigate().refresh();
        assertThat(browser.driver.getCurrentUrl()).contains("source=Frontline+Desk").contains("q=" + news.token());
        assertThat(browser.driver.findElement(By.id("f-source")).getAttribute("value")).isEqualTo("Frontline Desk");
        assertThat(outletsShown()).isEqualTo(outlets);
        check("signals-filtered");
    }

    @Test
    @Order(4)
    void theSyndicatedStoryShowsItsOutletsOnOnePage() {
        browser.open(console + "/stories/" + storyId);
        String summary = text(By.cssSelector(".summary-list"));
        assertThat(summary).contains("Peninsula Wire").contains("Harbour Times").contains("Continental Post").contains("Outlets (3)");
        assertThat(browser.driver.findElements(By.cssSelector(".timeline li"))).hasSizeGreaterThanOrEqualTo(3);
        check("story");
    }

    @Test
    @Order(5)
    void feedbackGivenOnAnItemAppearsInTheExport() throws Exception {
        browser.open(console + "/items/" + missileId);
        assertThat(browser.driver.findElements(By.cssSelector(".item-text mark"))).isNotEmpty();
        check("item");
        browser.driver.findElement(By.cssSelector("label[for=v-confirmed]")).click();
        browser.driver.findElement(By.id("note")).sendKeys("Matches the intelligence briefing " + news.token());
        browser.driver.findElement(By.cssSelector("#feedback-form button[type=submit]")).click();
        wait.until(d -> d.findElements(By.cssSelector(".flash")).size() > 0);
        assertThat(text(By.cssSelector(".flash"))).contains("feedback is recorded");
        assertThat(text(By.id("feedback"))).contains("confirmed").contains("Matches the intelligence briefing");
        check("item-after-feedback");

        String export = RestAssured.given().baseUri(stack.analysisUrl()).auth().oauth2(stack.readerKey())
                .get("/api/v1/feedback/export").then().statusCode(200).extract().asString();
        Optional<JsonNode> line = export.lines().map(ConsoleIT::parse).filter(n -> missileId.equals(n.path("id").asText())).findFirst();
        assertThat(line).as("the export line of the judged item").isPresent();
        assertThat(line.get().path("russia_dprk_military").asBoolean()).isTrue();
        for (String field : List.of("id", "title", "body", "lang", "published", "source_url", "russia_dprk_military", "topics")) {
            assertThat(line.get().has(field)).as(field).isTrue();
        }
    }

    @Test
    @Order(6)
    void aHostileTitleIsShownAsTextAndRunsNothing() {
        String stored = new ReadApi(stack).awaitItem(hostileId).getString("title");
        assertThat(stored).as("the stored title holds live markup").contains("<script>window.__pwned=1</script>");
        browser.open(console + "/items/" + hostileId);
        assertThat(text(By.tagName("h1"))).isEqualTo(stored).contains("<script>window.__pwned=1</script>").contains("onerror=");
        assertThat(browser.driver.executeScript("return window.__pwned === undefined ? null : window.__pwned;")).isNull();
        assertThat(browser.driver.findElements(By.cssSelector("main img"))).isEmpty();
        check("item-hostile");
        browser.open(console + "/signals?q=" + news.token());
        assertThat(browser.driver.getPageSource()).contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
        assertThat(browser.driver.executeScript("return window.__pwned === undefined ? null : window.__pwned;")).isNull();
    }

    @Test
    @Order(7)
    void aPostWithoutItsCsrfTokenIsRefused() throws Exception {
        Cookie session = browser.driver.manage().getCookieNamed("pw_session");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualToIgnoringCase("Strict");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(console + "/items/" + missileId + "/feedback"))
                .header("Cookie", "pw_session=" + session.getValue())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("verdict=false-alarm")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("security token");
    }

    @Test
    @Order(8)
    void theOverviewDrawsItsCharts() {
        browser.open(console + "/overview?days=7");
        assertThat(browser.driver.findElements(By.cssSelector("figure.chart svg"))).isNotEmpty();
        assertThat(text(By.cssSelector("main"))).contains("Signals per day").contains("Signals analysts confirmed, per week")
                .contains("Entities named most");
        check("overview");
    }

    @Test
    @Order(9)
    void signingOutEndsTheSession() {
        browser.driver.findElement(By.cssSelector("form.sign-out button")).click();
        wait.until(urlContains("/sign-in"));
        assertThat(text(By.cssSelector("main"))).contains("You are signed out");
        browser.open(console + "/signals");
        wait.until(urlContains("/sign-in"));
    }

    @Test
    @Order(10)
    void aSubscriberCreatesAWebhookSubscriptionAndItsTestShowsADelivery() {
        browser.open(console + "/sign-in");
        signIn(subscriber.apiKey());
        browser.open(console + "/alerts");
        check("alerts");
        String name = "Console e2e " + news.token();
        browser.driver.findElement(By.id("name")).sendKeys(name);
        browser.driver.findElement(By.id("url")).sendKeys(receiver.webhookUrl());
        browser.driver.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(d -> d.findElements(By.cssSelector(".secret")).size() > 0);
        String secret = text(By.cssSelector(".secret"));
        assertThat(secret).startsWith("whsec_");
        receiver.useSecret(secret);
        check("alerts-created");

        browser.driver.findElement(By.linkText(name)).click();
        wait.until(urlContains("/alerts/"));
        browser.driver.findElement(By.xpath("//button[normalize-space()='Send a test message']")).click();
        wait.until(d -> d.findElements(By.cssSelector(".flash")).size() > 0);
        assertThat(text(By.cssSelector(".flash"))).contains("Test message sent");
        assertThat(browser.driver.findElements(By.cssSelector(".delivery"))).isNotEmpty();
        assertThat(text(By.cssSelector(".delivery"))).containsIgnoringCase("test").contains("delivered").contains("204");
        assertThat(receiver.deliveries(d -> d.body().contains("test.alert") && d.verified())).isNotEmpty();
        check("alert");
        signOut();
    }

    @Test
    @Order(11)
    void anAdminSeesTheFeedsWithTheirHealth() {
        browser.open(console + "/sign-in");
        signIn(stack.adminKey());
        browser.open(console + "/feeds");
        assertThat(text(By.tagName("h1"))).isEqualTo("Feeds");
        String url = receiver.serveFeed("console-" + news.token(), news.rss(List.of(tagged(news.cruiseMissileTest()))));
        browser.driver.findElement(By.id("feed-url")).sendKeys(url);
        browser.driver.findElement(By.id("feed-name")).sendKeys("Console feed " + news.token());
        browser.driver.findElement(By.xpath("//button[normalize-space()='Add feed']")).click();
        wait.until(d -> d.findElements(By.cssSelector(".flash")).size() > 0);
        WebElement row = browser.driver.findElement(By.xpath("//tr[.//strong[normalize-space()='Console feed " + news.token() + "']]"));
        row.findElement(By.xpath(".//button[contains(normalize-space(), 'Poll now')]")).click();
        wait.until(d -> text(By.cssSelector(".flash")).startsWith("Polled"));
        check("feeds");
        row = browser.driver.findElement(By.xpath("//tr[.//strong[normalize-space()='Console feed " + news.token() + "']]"));
        row.findElement(By.xpath(".//button[contains(normalize-space(), 'Remove')]")).click();
        wait.until(d -> text(By.cssSelector(".flash")).contains("removed"));
        signOut();
    }

    @Test
    @Order(12)
    void anExpiredSessionSignsInAgainAndReturnsToThePageAsked() {
        browser.open(console + "/sign-in");
        signIn(stack.readerKey());
        // The server no longer knows the browser's session: what an expired one looks like to it.
        browser.driver.manage().deleteCookieNamed("pw_session");
        browser.driver.manage().addCookie(new Cookie.Builder("pw_session", "an-expired-session").path("/")
                .isHttpOnly(true).sameSite("Strict").build());
        browser.open(console + "/overview?days=30");
        wait.until(urlContains("/sign-in"));
        assertThat(text(By.cssSelector("main"))).contains("Your session has ended");
        check("sign-in-expired");
        signIn(stack.readerKey());
        wait.until(urlContains("/overview?days=30"));
        assertThat(text(By.tagName("h1"))).contains("Overview");
    }

    @Test
    @Order(13)
    void eachSignalShowsTheVerdictsGivenSoFar() {
        browser.open(console + "/signals?q=" + news.token());
        // The missile item was confirmed once (feedback above); the drone item has none.
        assertThat(rowOfItem(missileId).findElement(By.cssSelector(".verdicts")).getText()).isEqualTo("Feedback: Confirmed by 1");
        assertThat(rowOfItem(hostileId).findElement(By.cssSelector(".verdicts")).getText()).isEqualTo("Feedback: No verdict yet");
        check("signals-verdicts");
    }

    @Test
    @Order(14)
    void aListedVesselLinksToItsUnReferenceAndItsItemsArePaged() {
        String newest = vesselIds.get(vesselIds.size() - 1);
        browser.open(console + "/items/" + newest);
        // The engine marks an entity where it first names it: here in the title.
        List<WebElement> inText = browser.driver.findElements(By.cssSelector("h1 a.entity[href='/entities/" + VESSEL_REFERENCE + "']"));
        assertThat(inText).as("the vessel named in the title links to its UN reference").isNotEmpty();
        assertThat(inText.get(0).getText()).isEqualTo(VESSEL);
        check("item-listed-vessel");

        browser.driver.findElement(By.cssSelector("aside a[href='/entities/" + VESSEL_REFERENCE + "']")).click();
        wait.until(urlContains("/entities/" + VESSEL_REFERENCE));
        assertThat(text(By.cssSelector(".summary-list"))).contains("UN reference").contains(VESSEL_REFERENCE);
        List<String> firstPage = itemLinks();
        assertThat(firstPage).hasSize(25);
        check("entity");

        browser.driver.findElement(By.linkText("Older items")).click();
        wait.until(urlContains("cursor="));
        List<String> secondPage = itemLinks();
        assertThat(secondPage).isNotEmpty().doesNotContainAnyElementsOf(firstPage);
        List<String> seen = new ArrayList<>(firstPage);
        seen.addAll(secondPage);
        assertThat(seen).as("every report naming the vessel, once, over the two pages")
                .containsAll(vesselIds.stream().map(id -> "/items/" + id).toList());
        check("entity-older");
    }

    @Test
    @Order(15)
    void theSignalPageIsUsableFromTheKeyboard() {
        browser.open(console + "/signals?q=" + news.token());
        WebElement body = browser.driver.findElement(By.tagName("body"));
        body.sendKeys(Keys.TAB);
        WebElement focused = browser.driver.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Skip to main content");
        focused.sendKeys(Keys.ENTER);
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("main");
        // From the skip target, Tab reaches the filters in order; a filter is applied with Enter.
        WebElement field = null;
        for (int i = 0; i < 40 && field == null; i++) {
            browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
            WebElement now = browser.driver.switchTo().activeElement();
            if ("f-lang".equals(now.getAttribute("id"))) {
                field = now;
            }
        }
        assertThat(field).as("the language filter reached with Tab").isNotNull();
        field.sendKeys("en", Keys.ENTER);
        wait.until(urlContains("lang=en"));
        assertThat(browser.driver.findElements(By.cssSelector("li.signal"))).isNotEmpty();
        // Every result's title is a link, reached and followed from the keyboard.
        WebElement link = browser.driver.findElement(By.cssSelector("li.signal h3 a"));
        String href = link.getAttribute("href");
        link.sendKeys(Keys.ENTER);
        wait.until(d -> d.getCurrentUrl().equals(href));
        signOut();
        assertThat(pagesChecked).contains("sign-in", "signals", "story", "item", "overview", "alerts", "alert", "feeds",
                "entity", "signals-verdicts", "sign-in-expired");
    }

    // ---------------------------------------------------------------------------------------------

    /** The item with this run's token in its text, so the signal page can be filtered to this run. */
    private Map<String, Object> tagged(Map<String, Object> item) {
        Map<String, Object> copy = new LinkedHashMap<>(item);
        copy.put("body", item.get("body") + "\n\nReference " + news.token() + ".");
        return copy;
    }

    private void signIn(String key) {
        WebElement field = browser.driver.findElement(By.id("key"));
        field.clear();
        field.sendKeys(key);
        String before = browser.driver.getCurrentUrl();
        browser.driver.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(d -> !d.getCurrentUrl().equals(before) || !d.findElements(By.cssSelector(".error-summary")).isEmpty());
    }

    private void signOut() {
        browser.driver.findElement(By.cssSelector("form.sign-out button")).click();
        wait.until(urlContains("/sign-in"));
    }

    /** A report of the listed vessel at anchor, not a signal; each with its own neutral paragraph. */
    private Map<String, Object> vesselSighting(int n) {
        Map<String, Object> item = new LinkedHashMap<>(news.briefing(1000 + n));
        item.put("title", "The cargo ship " + VESSEL + " seen off Nampho, sighting no. " + n);
        item.put("body", "Satellite images showed the cargo ship " + VESSEL + " at anchor off Nampho, the monitoring group said "
                + "in its sighting no. " + n + ".\n\n" + item.get("body"));
        return tagged(item);
    }

    private List<String> itemLinks() {
        return browser.driver.findElements(By.cssSelector(".timeline .signal-title a")).stream()
                .map(a -> URI.create(a.getAttribute("href")).getPath()).toList();
    }

    private WebElement rowOfItem(String itemId) {
        return browser.driver.findElement(By.xpath("//li[contains(@class,'signal')][.//h3/a[@href='/items/" + itemId + "']]"));
    }

    private WebElement signalRow(String title) {
        return browser.driver.findElement(By.xpath("//li[contains(@class,'signal')][.//a[normalize-space()=\"" + title + "\"]]"));
    }

    private List<String> outletsShown() {
        return browser.driver.findElements(By.cssSelector("li.signal .meta span:nth-of-type(2)")).stream()
                .map(WebElement::getText).toList();
    }

    private String text(By by) {
        return browser.driver.findElement(by).getText();
    }

    /** A screenshot of the page and its axe-core check: no serious or critical violation. */
    private void check(String page) {
        browser.screenshot(page);
        assertThat(browser.seriousAccessibilityViolations()).as("axe-core on " + page).isEmpty();
        pagesChecked.add(page);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
