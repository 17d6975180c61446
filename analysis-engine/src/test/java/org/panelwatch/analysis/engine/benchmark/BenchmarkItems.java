package org.panelwatch.analysis.engine.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic English news items of about 4 KB, written for the benchmark: a mix of sanctions, military,
 * shipping and unrelated sentences, shuffled per item so the engine cannot profit from one fixed text.
 */
public final class BenchmarkItems {

    private static final String[] SENTENCES = {
        "Officials in Seoul said on Monday that North Korea had shipped more artillery shells to Russia by rail.",
        "The European Union agreed a new budget for agricultural subsidies after long negotiations in Brussels.",
        "A cargo vessel was seen loading containers at the port of Rajin, according to commercial satellite imagery.",
        "Local elections in the region were marked by low turnout and complaints about long queues at polling stations.",
        "Analysts said the ministry's statement did not address questions about fuel deliveries above the annual cap.",
        "The central bank left interest rates unchanged, citing persistent inflation in services and housing.",
        "A delegation led by the defence minister held talks in Pyongyang on expanding military cooperation.",
        "Researchers tracked tankers that switched off their transponders before meeting other ships at night.",
        "The football club announced the signing of a young striker from a rival team for an undisclosed fee.",
        "Investigators linked the theft of digital assets from an exchange to a hacking group tied to Pyongyang.",
        "Heavy rain caused flooding in several districts, and emergency services evacuated hundreds of residents.",
        "The panel of experts that monitored the sanctions ended its work after its mandate was not renewed.",
        "Prices of consumer electronics fell during the holiday season as retailers cleared their stock.",
        "Workers from the North were reported on construction sites in the Far East despite the ban on such labour.",
        "The orchestra opened its season with a programme of works by Brahms and a new piece by a local composer.",
        "Moscow and Pyongyang signed an agreement that includes a clause on mutual assistance in case of attack.",
        "A technology company reported higher quarterly profits driven by demand for cloud computing services.",
        "Customs officers seized a shipment of luxury cars that were bound for the North through a third country.",
    };

    private BenchmarkItems() {
    }

    public static List<String> items(int count, int targetChars, long seed) {
        Random random = new Random(seed);
        List<String> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder body = new StringBuilder(targetChars + 200);
            while (body.length() < targetChars) {
                body.append(SENTENCES[random.nextInt(SENTENCES.length)]).append(' ');
            }
            items.add(body.toString());
        }
        return items;
    }
}
