package org.panelwatch.analysis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One item per rule family that must get its topic, and passing mentions that must not. */
class TopicRulesTest {

    private final TaggingEngine engine = TestEngines.defaults();

    private List<String> topics(String body, String lang) {
        return engine.analyze("", body, lang).topics().stream().map(Analysis.TopicMatch::id).toList();
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource(delimiter = '|', textBlock = """
            arms-transfer | en | Investigators found that North Korea had sold rocket launchers to a buyer in the Middle East.
            arms-transfer | ko | 북한이 러시아에 탄약을 수출했다고 보고서가 밝혔다.
            military-cooperation | en | Russian instructors are training North Korean special forces at a base in the Far East.
            military-cooperation | ru | Россия и КНДР проведут совместные учения, заявили в Москве.
            wmd-missile | en | North Korea launched a new solid-fuel ballistic missile in its third test this year.
            wmd-missile | ja | 北朝鮮は新型の弾道ミサイルを発射した。
            petroleum | en | Tankers delivered diesel and other refined petroleum to North Korean ports far above the annual cap.
            maritime-evasion | en | The tanker turned off its AIS transponder before a ship-to-ship transfer with a North Korean vessel.
            overseas-workers | en | Thousands of North Korean labourers work abroad on construction sites and send their wages home.
            finance-cyber | en | A hacking group working for Pyongyang stole cryptocurrency worth $300 million from a bridge protocol.
            export-bans | en | Dredgers carried North Korean sand and coal to ports in violation of the ban.
            luxury-goods | en | Customs seized luxury watches and cognac destined for the elite in North Korea.
            sanctions-monitoring | en | The 1718 Committee added three North Korean trading companies to its list.
            sanctions-monitoring | en | The Treasury designated two shipping firms for helping North Korea evade sanctions.
            """)
    void substantiveReportsGetTheirTopic(String topic, String lang, String body) {
        assertThat(topics(body, lang)).as(body).contains(topic);
    }

    @ParameterizedTest(name = "not {0}")
    @CsvSource(delimiter = '|', textBlock = """
            arms-transfer | Pyongyang is spending the money on its weapons programmes, the report said.
            wmd-missile | A North Korean missile fired by Russian forces hit an apartment block in Kharkiv.
            sanctions-monitoring | The shipments violate Security Council resolutions on North Korea, officials said.
            overseas-workers | The Workers' Party of Korea opened its plenary meeting in Pyongyang.
            maritime-evasion | A cargo ship sank in a storm off the coast of Norway.
            military-cooperation | American and South Korean troops began joint drills, prompting criticism from Pyongyang.
            """)
    void passingMentionsDoNotTag(String topic, String body) {
        assertThat(topics(body, "en")).as(body).doesNotContain(topic);
    }

    private static final String FILLER = "The talks lasted three hours. Both sides praised the weather. "
            + "A concert followed in the evening. The delegation then toured a factory. ";

    @org.junit.jupiter.api.Test
    void aPassingMentionLateInALongItemIsNoTopicButTheSameInTheLeadIs() {
        String passing = "Officials noted that diesel and refined petroleum still reach North Korean ports above the annual cap.";
        assertThat(topics(FILLER + passing, "en")).doesNotContain("petroleum");
        assertThat(topics(passing + " " + FILLER, "en")).contains("petroleum");
    }

    @org.junit.jupiter.api.Test
    void aRussiaDprkActTagsItsTopicWhereverItIsTold() {
        List<String> late = topics(FILLER + "North Korea shipped artillery shells to Russia in May.", "en");
        assertThat(late).contains("arms-transfer");
        assertThat(topics(FILLER + "Thousands of North Korean soldiers fight for Russia in Kursk.", "en"))
                .contains("military-cooperation");
    }
}
