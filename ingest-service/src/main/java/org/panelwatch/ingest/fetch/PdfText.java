package org.panelwatch.ingest.fetch;

import java.io.IOException;
import java.time.Instant;
import java.util.Calendar;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The text of a PDF (UN Security Council documents, Panel of Experts and MSMT reports are PDFs),
 * read with Apache PDFBox up to a page limit; later pages are left out and the result says so.
 */
public final class PdfText {

    /** The document's content, and how many of its pages were read of how many. */
    public record Read(PageContent content, int pagesRead, int pages) {
        public boolean truncated() {
            return pagesRead < pages;
        }
    }

    private PdfText() {
    }

    public static Read read(byte[] bytes, int maxPages) throws PageFetchException {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            int pages = document.getNumberOfPages();
            int last = Math.min(pages, maxPages);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setStartPage(1);
            stripper.setEndPage(last);
            stripper.setParagraphEnd("\n\n");
            String text = stripper.getText(document);
            PDDocumentInformation info = document.getDocumentInformation();
            String title = info == null || info.getTitle() == null || info.getTitle().isBlank() ? null : info.getTitle().strip();
            Calendar created = info == null ? null : info.getCreationDate();
            Instant published = created == null ? null : created.toInstant();
            String lang = document.getDocumentCatalog().getLanguage();
            lang = lang == null || lang.isBlank() ? null : lang.strip().split("[-_]")[0].toLowerCase(java.util.Locale.ROOT);
            return new Read(new PageContent(text, title, published, lang, null, false), last, pages);
        } catch (IOException | RuntimeException e) {
            // Encrypted, damaged or not a PDF at all: the item keeps its summary.
            throw new PageFetchException("pdf-unreadable", e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        }
    }
}
