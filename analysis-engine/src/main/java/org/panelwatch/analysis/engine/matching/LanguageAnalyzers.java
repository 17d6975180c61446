package org.panelwatch.analysis.engine.matching;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ko.KoreanAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.panelwatch.analysis.engine.data.Languages;

/**
 * One analyzer per language, each on its own field ({@code text_en}, {@code text_ko}, ...). Rules and
 * documents go through the same analyzer, so stemming (en, ru, de, fr) and morphological segmentation
 * (nori for Korean, kuromoji for Japanese, smartcn for Chinese) apply to both sides. Stop words are
 * kept for the European languages so that phrases such as "Republic of Korea" stay contiguous.
 */
final class LanguageAnalyzers {

    private final Map<String, Analyzer> byLanguage = new LinkedHashMap<>();
    private final Analyzer perField;

    LanguageAnalyzers() {
        byLanguage.put("en", new EnglishAnalyzer(CharArraySet.EMPTY_SET));
        byLanguage.put("ru", new RussianAnalyzer(CharArraySet.EMPTY_SET));
        // Lucene's Ukrainian analyzer needs the morfologik dictionary (not served here): words are
        // lower-cased and left whole, and the catalogue's Ukrainian forms use wildcards for the endings
        byLanguage.put("uk", new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer tokenizer = new StandardTokenizer();
                return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new LowerCaseFilter(in);
            }
        });
        byLanguage.put("de", new GermanAnalyzer(CharArraySet.EMPTY_SET));
        byLanguage.put("fr", new FrenchAnalyzer(CharArraySet.EMPTY_SET));
        byLanguage.put("ko", new KoreanAnalyzer());
        byLanguage.put("ja", new JapaneseAnalyzer());
        byLanguage.put("zh", new SmartChineseAnalyzer(true));
        Map<String, Analyzer> fields = new LinkedHashMap<>();
        byLanguage.forEach((lang, analyzer) -> fields.put(field(lang), analyzer));
        perField = new PerFieldAnalyzerWrapper(new CJKAnalyzer(), fields);
        if (!byLanguage.keySet().containsAll(Languages.SUPPORTED)) {
            throw new IllegalStateException("an analyzer is missing for one of " + Languages.SUPPORTED);
        }
    }

    static String field(String lang) {
        return "text_" + lang;
    }

    Analyzer forLanguage(String lang) {
        return byLanguage.get(lang);
    }

    Analyzer perField() {
        return perField;
    }

    /** Proximity is counted in tokens; Japanese and Chinese segment finer than the alphabetic languages. */
    static int scaleSlop(String lang, int slop) {
        return switch (lang) {
            case "ja", "zh" -> slop * 2;
            case "ko" -> slop * 3 / 2;
            default -> slop;
        };
    }
}
