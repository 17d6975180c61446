package org.panelwatch.ingest.fetch;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bytes of a page as text. The charset comes from, in order: a byte order mark, the Content-Type
 * header, a {@code <meta>} charset in the first 4 KiB, UTF-8; each only when the bytes decode without
 * error in it, since servers and pages both declare wrongly. When none fits, ICU guesses from the
 * bytes themselves. Labels are read the way browsers read them (WHATWG Encoding Standard, section 4.2):
 * "gb2312" is GB18030, "euc-kr" is windows-949, "shift_jis" is windows-31j, "iso-8859-1" is windows-1252.
 */
public final class PageDecoder {

    /** What the text was decoded with, and on what evidence: bom, header, meta, utf-8, detected, fallback. */
    public record Decoded(String text, Charset charset, String evidence) {
    }

    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]{0,512}?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_\\-:.]+)", Pattern.CASE_INSENSITIVE);
    private static final int META_SCAN_BYTES = 4096;
    private static final int MIN_DETECTION_CONFIDENCE = 10;

    /** WHATWG labels whose Java charset of the same name is narrower than what browsers decode. */
    private static final Map<String, String> BROWSER_CHARSETS = Map.ofEntries(
            Map.entry("gb2312", "GB18030"), Map.entry("gbk", "GB18030"), Map.entry("x-gbk", "GB18030"),
            Map.entry("chinese", "GB18030"), Map.entry("csgb2312", "GB18030"),
            Map.entry("euc-kr", "x-windows-949"), Map.entry("ks_c_5601-1987", "x-windows-949"),
            Map.entry("windows-949", "x-windows-949"), Map.entry("cseuckr", "x-windows-949"),
            Map.entry("shift_jis", "windows-31j"), Map.entry("sjis", "windows-31j"), Map.entry("x-sjis", "windows-31j"),
            Map.entry("ms_kanji", "windows-31j"), Map.entry("csshiftjis", "windows-31j"),
            Map.entry("iso-8859-1", "windows-1252"), Map.entry("latin1", "windows-1252"),
            Map.entry("us-ascii", "windows-1252"), Map.entry("ascii", "windows-1252"),
            // A page cannot be UTF-16 and still be read as ASCII to find its meta tag (WHATWG HTML 13.2.3.2).
            Map.entry("utf-16", "UTF-8"), Map.entry("utf-16le", "UTF-8"), Map.entry("utf-16be", "UTF-8"));

    private PageDecoder() {
    }

    public static Decoded decode(byte[] bytes, String headerCharset) {
        Decoded bom = byBom(bytes);
        if (bom != null) {
            return bom;
        }
        Charset header = charset(headerCharset);
        String text = header == null ? null : strict(bytes, header);
        if (text != null) {
            return new Decoded(text, header, "header");
        }
        Charset meta = charset(metaCharset(bytes));
        text = meta == null ? null : strict(bytes, meta);
        if (text != null) {
            return new Decoded(text, meta, "meta");
        }
        text = strict(bytes, StandardCharsets.UTF_8);
        if (text != null) {
            return new Decoded(text, StandardCharsets.UTF_8, "utf-8");
        }
        CharsetDetector detector = new CharsetDetector();
        detector.setText(bytes);
        CharsetMatch match = detector.detect();
        Charset detected = match == null || match.getConfidence() < MIN_DETECTION_CONFIDENCE ? null : charset(match.getName());
        if (detected != null) {
            return new Decoded(new String(bytes, detected), detected, "detected");
        }
        Charset fallback = header != null ? header : meta != null ? meta : Charset.forName("windows-1252");
        return new Decoded(new String(bytes, fallback), fallback, "fallback");
    }

    static String metaCharset(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, META_SCAN_BYTES), StandardCharsets.ISO_8859_1);
        Matcher matcher = META_CHARSET.matcher(head);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static Decoded byBom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            return new Decoded(new String(b, 3, b.length - 3, StandardCharsets.UTF_8), StandardCharsets.UTF_8, "bom");
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            return new Decoded(new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE), StandardCharsets.UTF_16BE, "bom");
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            return new Decoded(new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE, "bom");
        }
        return null;
    }

    /** The Java charset for a label, the browser's reading of it first; null when unknown. */
    static Charset charset(String label) {
        if (label == null || label.isBlank()) {
            return null;
        }
        String name = label.trim().replace("\"", "").replace("'", "").toLowerCase(Locale.ROOT);
        name = BROWSER_CHARSETS.getOrDefault(name, name);
        try {
            return Charset.isSupported(name) ? Charset.forName(name) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String strict(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
