package org.panelwatch.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Duration;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.panelwatch.common.outbound.AddressPolicy;
import org.panelwatch.common.outbound.DestinationGuard;
import org.panelwatch.common.outbound.HostResolver;

/** The parts of page fetching that need no server: the connect-time address check, PDF limits, charsets, Retry-After. */
class PageFetcherTest {

    @Test
    void theResolverRefusesANameWhoseAddressThePolicyRefuses() {
        PageFetcher.CheckedResolver resolver = new PageFetcher.CheckedResolver(
                new DestinationGuard(AddressPolicy.of(false), HostResolver.SYSTEM));

        assertThatThrownBy(() -> resolver.resolve("localhost", 80))
                .isInstanceOf(PageFetcher.RefusedAddress.class).hasMessageContaining("loopback");
    }

    @Test
    void aPdfLongerThanThePageLimitIsReadUpToTheLimit() throws Exception {
        PdfText.Read read = PdfText.read(pdf("First page text.", "Second page text.", "Third page text."), 2);

        assertThat(read.truncated()).isTrue();
        assertThat(read.pages()).isEqualTo(3);
        assertThat(read.content().articleBody()).contains("First page text.").contains("Second page text.")
                .doesNotContain("Third");
    }

    @Test
    void bytesThatAreNotAPdfAreUnreadableNotACrash() {
        assertThatThrownBy(() -> PdfText.read("%PDF-1.7 and then nothing".getBytes(), 200))
                .isInstanceOf(PageFetchException.class)
                .satisfies(e -> assertThat(((PageFetchException) e).code()).isEqualTo("pdf-unreadable"));
    }

    @Test
    void charsetLabelsAreReadAsBrowsersReadThem() {
        assertThat(PageDecoder.charset("gb2312")).isEqualTo(Charset.forName("GB18030"));
        assertThat(PageDecoder.charset("EUC-KR")).isEqualTo(Charset.forName("x-windows-949"));
        assertThat(PageDecoder.charset("iso-8859-1")).isEqualTo(Charset.forName("windows-1252"));
        assertThat(PageDecoder.charset("no-such-charset")).isNull();
        // Undecodable in the declared charset and in UTF-8: the bytes are guessed, never thrown on.
        assertThat(PageDecoder.decode(new byte[] {(byte) 0xff, (byte) 0xfe - 1, 0x41}, "utf-8").text()).isNotNull();
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsADate() {
        assertThat(PageFetcher.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(PageFetcher.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(PageFetcher.retryAfter("soon")).isNull();
    }

    private static byte[] pdf(String... pages) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
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
}
