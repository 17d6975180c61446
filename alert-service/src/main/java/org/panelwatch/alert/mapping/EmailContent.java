package org.panelwatch.alert.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The e-mail form of a webhook body: a subject and the same content as plain text and as HTML,
 * with a link to the item.
 */
public record EmailContent(String subject, String text, String html) {

    public static EmailContent of(JsonNode body, String prefix) {
        String type = body.path("type").asText();
        JsonNode data = body.path("data");
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<html><body style=\"font-family:sans-serif\">");
        String subject;
        switch (type) {
            case AlertMessages.TEST -> {
                subject = "[TEST] Panelwatch test alert - not a real signal";
                text.append("TEST ALERT - not a real signal.\n\n").append(data.path("message").asText()).append('\n');
                html.append("<h2>TEST ALERT - not a real signal</h2><p>").append(esc(data.path("message").asText())).append("</p>");
            }
            case AlertMessages.DIGEST_CREATED -> {
                int count = data.path("count").asInt();
                subject = "Panelwatch digest: " + count + (count == 1 ? " alert" : " alerts");
                text.append(count).append(" alerts from ").append(data.path("periodStart").asText()).append(" to ")
                        .append(data.path("periodEnd").asText()).append(".\n");
                html.append("<h2>").append(count).append(" alerts</h2><p>").append(esc(data.path("periodStart").asText()))
                        .append(" &ndash; ").append(esc(data.path("periodEnd").asText())).append("</p>");
                for (JsonNode alert : data.path("alerts")) {
                    text.append("\n----------------------------------------\n");
                    html.append("<hr>");
                    appendAlert(alert, text, html);
                }
            }
            default -> {
                subject = "Panelwatch " + data.path("severity").asText("") + " signal: " + data.path("title").asText();
                appendAlert(data, text, html);
            }
        }
        html.append("</body></html>");
        return new EmailContent(prefix == null ? subject : prefix + " " + subject, text.toString(), html.toString());
    }

    private static void appendAlert(JsonNode a, StringBuilder text, StringBuilder html) {
        String link = a.path("link").asText("");
        text.append(a.path("title").asText()).append('\n')
                .append(a.path("source").asText("")).append(", published ").append(a.path("published").asText("unknown")).append('\n')
                .append("Signal ").append(a.path("type").asText()).append(", score ")
                .append(String.format(java.util.Locale.ROOT, "%.2f", a.path("score").asDouble()))
                .append(", severity ").append(a.path("severity").asText()).append('\n');
        html.append("<h3><a href=\"").append(esc(link)).append("\">").append(esc(a.path("title").asText())).append("</a></h3>")
                .append("<p>").append(esc(a.path("source").asText(""))).append(", published ")
                .append(esc(a.path("published").asText("unknown"))).append("<br>Signal <b>").append(esc(a.path("type").asText()))
                .append("</b>, score ").append(String.format(java.util.Locale.ROOT, "%.2f", a.path("score").asDouble()))
                .append(", severity <b>").append(esc(a.path("severity").asText())).append("</b></p>");
        if (a.path("topics").size() > 0) {
            text.append("Topics:\n");
            html.append("<p>Topics:</p><ul>");
            for (JsonNode t : a.path("topics")) {
                StringBuilder res = new StringBuilder();
                t.path("resolutions").forEach(r -> res.append(res.length() == 0 ? "" : "; ").append(r.asText()));
                text.append("  - ").append(t.path("name").asText(t.path("id").asText())).append(" (").append(res).append(")\n");
                html.append("<li>").append(esc(t.path("name").asText(t.path("id").asText()))).append(" <small>(")
                        .append(esc(res.toString())).append(")</small></li>");
            }
            html.append("</ul>");
        }
        if (a.path("evidence").size() > 0) {
            text.append("Evidence:\n");
            html.append("<p>Evidence:</p><ul>");
            for (JsonNode e : a.path("evidence")) {
                text.append("  \"").append(e.path("sentence").asText()).append("\"\n");
                html.append("<li><q>").append(esc(e.path("sentence").asText())).append("</q></li>");
            }
            html.append("</ul>");
        }
        text.append("Read: ").append(link).append('\n');
        html.append("<p><a href=\"").append(esc(link)).append("\">Read the item</a></p>");
        String itemPage = a.path("consoleItemUrl").asText("");
        String storyPage = a.path("consoleStoryUrl").asText("");
        if (!itemPage.isEmpty()) {
            text.append("Evidence in the console: ").append(itemPage).append('\n');
            html.append("<p><a href=\"").append(esc(itemPage)).append("\">See the evidence in the Panelwatch console</a>");
            if (!storyPage.isEmpty()) {
                text.append("The story across outlets: ").append(storyPage).append('\n');
                html.append(" · <a href=\"").append(esc(storyPage)).append("\">The story across outlets</a>");
            }
            html.append("</p>");
        }
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
