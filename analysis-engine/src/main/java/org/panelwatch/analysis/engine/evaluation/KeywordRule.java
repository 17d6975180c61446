package org.panelwatch.analysis.engine.evaluation;

import java.util.List;
import java.util.Locale;

/**
 * The keyword rule a user would set up instead of Panelwatch, scored beside the engine:
 * {@code russia AND (dprk OR "north korea") AND (weapons OR troops OR missiles OR munitions)}, with the
 * obvious translations of each word for the languages of the evaluation sets, matched as lower-case
 * substrings of title and body (so "russia" also finds "Russian", "ракет" every case of "ракета", as a
 * search box with stemming would). One rule for every language: a user would not write one per language.
 */
final class KeywordRule {

    static final String TEXT = "russia AND (dprk OR \"north korea\") AND (weapons OR troops OR missiles OR munitions)";

    /** Each group must match; within a group any form does. */
    static final List<List<String>> GROUPS = List.of(
            List.of("russia", "росси", "росі", "러시아", "ロシア", "俄罗斯", "俄国", "russland", "russie", "rusia"),
            List.of("dprk", "north korea", "кндр", "северная корея", "северной кореи", "северную корею", "северной корее",
                    "північна корея", "північної кореї", "північну корею", "північній кореї", "북한", "北朝鮮", "朝鲜",
                    "nordkorea", "corée du nord", "corea del norte"),
            List.of("weapon", "troops", "missile", "munition",
                    "оружи", "войск", "ракет", "боеприпас",
                    "зброя", "зброї", "зброю", "військ", "ракет", "боєприпас",
                    "무기", "병력", "미사일", "탄약",
                    "武器", "兵器", "部隊", "ミサイル", "弾薬",
                    "部队", "军队", "导弹", "弹药",
                    "waffen", "truppen", "raketen", "munition",
                    "armes", "troupes", "missiles", "munitions",
                    "armas", "tropas", "misiles", "municiones"));

    private KeywordRule() {
    }

    static boolean matches(String title, String body) {
        String text = ((title == null ? "" : title) + "\n" + (body == null ? "" : body)).toLowerCase(Locale.ROOT);
        return GROUPS.stream().allMatch(g -> g.stream().anyMatch(text::contains));
    }

    /** How many of the rule's groups a sentence touches: to point at the sentence a missed item turns on. */
    static int groupsIn(String sentence) {
        String s = sentence.toLowerCase(Locale.ROOT);
        return (int) GROUPS.stream().filter(g -> g.stream().anyMatch(s::contains)).count();
    }
}
