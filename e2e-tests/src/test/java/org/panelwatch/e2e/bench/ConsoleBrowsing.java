package org.panelwatch.e2e.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One analyst's browser on the console, without the browser: a cookie jar, sign-in through the
 * sign-in form (its CSRF token and cookie), then pages fetched as a browser would on first load:
 * the page and every stylesheet, script, icon and image it names, each counted in bytes received
 * (status line, headers and body, as sent; the console does not compress).
 */
final class ConsoleBrowsing {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    /** What a page makes a browser fetch at once: stylesheets, scripts, icons and images of the console's own. */
    private static final Pattern ASSETS = Pattern.compile("(?:<link[^>]+href|<script[^>]+src|<img[^>]+src)=\"(/[^\"]+)\"");

    record Load(int status, long htmlBytes, long totalBytes, List<String> assets) {
    }

    private final String consoleUrl;
    private final HttpClient http;

    ConsoleBrowsing(String consoleUrl) {
        this.consoleUrl = consoleUrl;
        CookieManager cookies = new CookieManager();
        cookies.setCookiePolicy(CookiePolicy.ACCEPT_ALL);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Signs in with {@code key}; fails loudly when the console does not accept it. */
    ConsoleBrowsing signIn(String key) throws IOException, InterruptedException {
        HttpResponse<String> form = get("/sign-in");
        Matcher token = CSRF.matcher(form.body());
        if (form.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("GET /sign-in answered " + form.statusCode() + " without a form");
        }
        String body = "csrf=" + enc(token.group(1)) + "&key=" + enc(key) + "&next=" + enc("/signals");
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(consoleUrl + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 303) {
            throw new IllegalStateException("signing in answered " + signedIn.statusCode() + " (a wrong key or Secure cookies on http?)");
        }
        return this;
    }

    /** The page alone, as a signed-in browser asks for it again (its assets already cached). */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(consoleUrl + path)).header("Accept", "text/html")
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A read API call (an absolute URL) with the key, as the console makes it behind a page. */
    HttpResponse<String> api(String url, String key) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The page and everything it names, as on a first visit with an empty cache. */
    Load firstLoad(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> page = bytes(path);
        long html = size(page);
        long total = html;
        Set<String> assets = new LinkedHashSet<>();
        Matcher m = ASSETS.matcher(new String(page.body(), StandardCharsets.UTF_8));
        while (m.find()) {
            assets.add(m.group(1).replace("&amp;", "&"));
        }
        for (String asset : assets) {
            HttpResponse<byte[]> a = bytes(asset);
            if (a.statusCode() != 200) {
                throw new IllegalStateException(path + " names " + asset + ", which answered " + a.statusCode());
            }
            total += size(a);
        }
        return new Load(page.statusCode(), html, total, new ArrayList<>(assets));
    }

    private HttpResponse<byte[]> bytes(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(consoleUrl + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Bytes on the wire for an HTTP/1.1 answer: status line, headers, blank line, body. */
    private static long size(HttpResponse<byte[]> r) {
        return "HTTP/1.1 200 OK\r\n".length() + headerBytes(r.headers()) + 2 + r.body().length;
    }

    private static long headerBytes(HttpHeaders headers) {
        long n = 0;
        for (var e : headers.map().entrySet()) {
            for (String v : e.getValue()) {
                n += e.getKey().length() + 2 + v.length() + 2;
            }
        }
        return n;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
