package org.panelwatch.ingest.normalisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.panelwatch.ingest.normalisation.TextNormaliser.NormalisedText;

/** Each kind of mess real input carries (see the fixtures) is removed, and every real paragraph is kept. */
class TextNormaliserTest {

    private static final TextNormaliser NORMALISER = new TextNormaliser();

    @Test
    void stripsStrayCodeFencesAndRepeatedTrailingParagraphs() {
        NormalisedText result = NORMALISER.normalise("Tankers meet at night", fixture("fenced-repeated.txt"), "en");

        assertThat(result.text()).doesNotContain("```").doesNotContain("“").doesNotContain("html");
        assertThat(paragraphs(result)).containsExactly(
                "Overview",
                "Coast guard officers in the Yellow Sea reported on Tuesday that two tankers had met at night with their transponders switched off, a pattern investigators associate with ship-to-ship transfers of refined petroleum.",
                "The first vessel, a 3,000-tonne product tanker flagged in a Pacific island state, had changed its name twice in the past year. Satellite images taken the next morning show it riding noticeably higher in the water.",
                "Analysts at a maritime research group said the rendezvous matched at least four earlier meetings in the same area since January.",
                "Regional Reaction",
                "The foreign ministry of a neighbouring state called the reports deeply troubling and urged flag registries to withdraw registrations from ships that switch off their identification systems.",
                "A spokesperson for the shipping company could not be reached for comment on Wednesday.",
                "Investigators expect to present their findings to the sanctions committee before the end of the quarter.");
        assertThat(result.report().removedCodeFences()).isEqualTo(2);
        assertThat(result.report().removedRepeatedParagraphs()).isEqualTo(3);
        assertThat(result.report().textLength()).isEqualTo(result.text().length());
        assertThat(result.report().originalLength()).isGreaterThan(result.text().length());
    }

    @Test
    void dropsRepeatedCaptionsTitleLineAndTrailerInAnotherScript() {
        NormalisedText result = NORMALISER.normalise("Tanker seen loading fuel off Nampo",
                fixture("captions-trailer.txt"), null);

        assertThat(result.text())
                .doesNotContain("Satellite image of the tanker at anchor")
                .doesNotContain("পাঠকের")
                .doesNotContain("\u00A0");
        assertThat(paragraphs(result)).containsExactly(
                "A tanker sanctioned by the Security Council was photographed at anchor off the port of Nampo last week, according to commercial satellite imagery reviewed by researchers.",
                "Background",
                "The vessel has been on the committee's designation list since 2018 and is barred from entering any port of a member state.",
                "1. Port calls: The researchers counted three port calls in six months.",
                "2. Flag changes: The ship changed flags twice.",
                "The ministry of unification declined to comment on the images.");
        assertThat(result.report().removedRepeatedLines()).isEqualTo(3);
        assertThat(result.report().removedBoilerplate()).isEqualTo(1);
        assertThat(result.lang()).isEqualTo("en");
        assertThat(result.report().languageDetected()).isTrue();
    }

    @Test
    void turnsHtmlIntoParagraphsWithoutPageFurniture() {
        NormalisedText result = NORMALISER.normalise("Troops train at a range near Vladivostok",
                fixture("page.html"), "en");

        assertThat(result.text())
                .doesNotContain("color", "tracking", "Home", "World", "Soldiers at the range", "Photo: Handout",
                        "Share this article", "Комментарии", "<");
        assertThat(paragraphs(result)).containsExactly(
                "Soldiers from both armies trained together at a range near Vladivostok, a defence ministry statement said on Friday.",
                "The statement said the drills covered artillery fire and drone reconnaissance.",
                "It gave no numbers.",
                "Defence officials in Seoul said they were monitoring the exercise & its aftermath.");
        // A whole page goes through the page reader, which drops the share and comment blocks by their
        // class before the trailing-line filter sees them.
        assertThat(result.report().removedBoilerplate()).isZero();
        assertThat(result.report().languageDetected()).isFalse();
    }

    @Test
    void takesAWholePagesTextFromItsJsonLdWhenTheMarkupHoldsNone() {
        NormalisedText result = NORMALISER.normalise("Tanker seen off Nampo", resource("/pages/jsonld-body.html"), null);

        assertThat(paragraphs(result)).containsExactly(
                "A product tanker on the sanctions list was photographed at anchor off Nampo last week, according to commercial satellite imagery reviewed by researchers.",
                "The vessel changed its name twice in the past year and switched off its transponder before entering the bay.",
                "The researchers said they had shared the images with the Security Council's panel of experts.");
        assertThat(result.lang()).isEqualTo("en");
    }

    @Test
    void readsAFragmentAsItIsEvenWithoutAnArticle() {
        NormalisedText result = NORMALISER.normalise("Short", "<p>Talks resume on Monday.</p>", "en");

        assertThat(result.text()).isEqualTo("Talks resume on Monday.");
    }

    @Test
    void dropsFenceDebrisThatLostBackticksButKeepsInlineCode() {
        NormalisedText result = NORMALISER.normalise("T", "\u201C`html\nIntroduction\nRun `make` first.\n``\n", "en");

        assertThat(paragraphs(result)).containsExactly("Introduction", "Run `make` first.");
        assertThat(result.report().removedCodeFences()).isEqualTo(2);
    }

    @Test
    void keepsARealLastParagraphThatMerelyStartsLikeBoilerplate() {
        String body = "The talks ended without agreement.\n\nComments by the minister were criticised in parliament.";
        NormalisedText result = NORMALISER.normalise("Talks", body, "en");

        assertThat(paragraphs(result)).containsExactly(
                "The talks ended without agreement.", "Comments by the minister were criticised in parliament.");
        assertThat(result.report().removedBoilerplate()).isZero();
    }

    @Test
    void composesToNfcAndFoldsWhitespace() {
        NormalisedText result = NORMALISER.normalise("Caf\u0065\u0301  talks", "Re\u0301sume\u0301\t of   the\u200B talks.", "fr");

        assertThat(result.title()).isEqualTo("Café talks");
        assertThat(result.text()).isEqualTo("Résumé of the talks.");
    }

    @Test
    void detectsTheLanguageWhenNoneIsGiven() {
        assertThat(NORMALISER.normalise("Учения", "Российские и северокорейские военные провели совместные учения.", null).lang())
                .isEqualTo("ru");
        assertThat(NORMALISER.normalise("훈련", "러시아와 북한 군대가 합동 훈련을 실시했다고 국방부가 밝혔다.", null).lang())
                .isEqualTo("ko");
        assertThat(NORMALISER.normalise("演習", "ロシアと北朝鮮の軍が合同演習を行ったと国防省が発表した。", null).lang())
                .isEqualTo("ja");
        assertThat(NORMALISER.normalise("Übung", "Russische und nordkoreanische Soldaten haben gemeinsam geübt, teilte das Ministerium mit.", null).lang())
                .isEqualTo("de");
        assertThat(NORMALISER.normalise("Title", "Given language wins.", "EN").lang()).isEqualTo("en");
    }

    private static List<String> paragraphs(NormalisedText result) {
        return Arrays.asList(result.text().split("\n\n"));
    }

    private static String fixture(String name) {
        return resource("/fixtures/" + name);
    }

    private static String resource(String path) {
        try (InputStream in = TextNormaliserTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
