package io.churnwatch.jobs.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.TicketPriority;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RulesParserTest {

    private static final String DEFAULTS = RulesParser.defaultDocument();

    @Test
    void theShippedDefaultsAreValidAndCoverEveryPriorityKindAndSeverity() {
        ChurnRules rules = RulesParser.defaults();

        assertThat(rules.support().firstReply(TicketPriority.URGENT)).isEqualTo(Duration.ofHours(1));
        assertThat(rules.support().nextReply(TicketPriority.LOW)).isEqualTo(Duration.ofHours(48));
        assertThat(rules.scoring().weights()).containsOnlyKeys(IncidentKind.values());
        assertThat(rules.alerts().levels()).containsOnlyKeys(AlertSeverity.values());
        assertThat(rules.playbooks())
                .extracting(ChurnRules.Playbook::name)
                .containsExactly("respectful-exit", "personal-save", "apology-and-callback", "watch-and-follow-up");
        assertThat(rules.support().isChurnCategory("Cancellation")).isTrue();
    }

    @Test
    void acceptsTheSameRulesAsJson() throws Exception {
        Object tree = new YAMLMapper().readValue(DEFAULTS, Object.class);
        String json = new ObjectMapper().writeValueAsString(tree);

        assertThat(RulesParser.parse(json))
                .usingRecursiveComparison()
                .withComparatorForType(java.math.BigDecimal::compareTo, java.math.BigDecimal.class)
                .isEqualTo(RulesParser.defaults());
    }

    @Test
    void listsEveryProblemWithWhereItIs() {
        String broken = DEFAULTS.replace("halfLife: P3D", "halfLife: PT0S")
                .replace("LOW: 25, MEDIUM: 50", "LOW: 10, MEDIUM: 50")
                .replace("URGENT: PT2H, ", "")
                .replace("when: { churnIntent: false, minSeverity: MEDIUM }", "when: { minSeverity: MEDIUM }");

        assertThatThrownBy(() -> RulesParser.parse(broken))
                .isInstanceOfSatisfying(
                        InvalidRulesException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "support.nextReplySla.URGENT is missing (need all of [LOW, NORMAL, HIGH, URGENT])",
                                        "scoring.halfLife must be a positive duration such as PT4H (got PT0S)",
                                        "alerts.levels.LOW (10.0) must be greater than alerts.resolveBelow (15.0); thresholds rise"
                                                + " with severity and the resolve threshold is below them all",
                                        "playbooks[2] (\"apology-and-callback\") has an offer, so its when.churnIntent must be false:"
                                                + " never push a save offer on a customer who asked to cancel"));
    }

    @Test
    void reopenWithinDefaultsToAWeekAndIsBounded() throws Exception {
        String without = DEFAULTS.replaceAll("(?m)^  reopenWithin:.*\n", "");
        assertThat(without).doesNotContain("reopenWithin");
        assertThat(RulesParser.parse(without).alerts().reopenWithin()).isEqualTo(java.time.Duration.ofDays(7));

        assertThatThrownBy(() -> RulesParser.parse(DEFAULTS.replace("reopenWithin: P7D", "reopenWithin: P120D")))
                .isInstanceOfSatisfying(
                        InvalidRulesException.class,
                        e -> assertThat(e.problems())
                                .containsExactly("alerts.reopenWithin must be between PT0S and P90D (got PT2880H)"));
    }

    @Test
    void graceIsPerDeadlineKindDefaultsWhenUnsetAndMustStayUnderADay() throws Exception {
        assertThat(RulesParser.defaults().grace()).isEqualTo(ChurnRules.Grace.DEFAULTS);
        String withoutGrace = DEFAULTS.replaceAll("(?s)\ngrace:\n.*?\n\n", "\n\n");
        assertThat(withoutGrace).doesNotContain("supportPromise:");
        assertThat(RulesParser.parse(withoutGrace).grace()).isEqualTo(ChurnRules.Grace.DEFAULTS);
        assertThat(RulesParser.parse(DEFAULTS.replace("shipBy: PT1H", "shipBy: PT0S"))
                        .grace()
                        .shipByMs())
                .isZero();

        String tooLong = DEFAULTS.replace("delivery: PT1H", "delivery: P2D")
                .replace("supportPromise: PT15M", "supportPromise: -PT1M");

        assertThatThrownBy(() -> RulesParser.parse(tooLong))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("grace.delivery must be at least PT0S and less than P1D (got PT48H)")
                .hasMessageContaining("grace.supportPromise must be at least PT0S and less than P1D (got PT-1M)");
    }

    @Test
    void rejectsAnUnknownKeySoATypoCannotLeaveADefaultInForce() {
        String typo = DEFAULTS.replace("halfLife: P3D", "halfLive: P3D");

        assertThatThrownBy(() -> RulesParser.parse(typo))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("halfLive")
                .hasMessageContaining("line");
    }

    @Test
    void rejectsAnEmptyOrUnreadableDocument() {
        assertThatThrownBy(() -> RulesParser.parse("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> RulesParser.parse("support: [not, closed")).isInstanceOf(InvalidRulesException.class);
        assertThatThrownBy(() -> RulesParser.parse("version: v2"))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("currency is missing")
                .hasMessageContaining("playbooks is missing");
    }

    @Test
    void theLastPlaybookMustCatchEveryAlert() {
        String noCatchAll = DEFAULTS.replace(
                "  - name: watch-and-follow-up\n",
                "  - name: watch-and-follow-up\n    when: { minSeverity: LOW, churnIntent: false }\n");

        assertThatThrownBy(() -> RulesParser.parse(noCatchAll)).hasMessageContaining("must be a catch-all");
    }

    @Test
    void rulesSurviveJavaSerializationBecauseTheyTravelInsideFlinkFunctions() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(RulesParser.defaults());
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(RulesParser.defaults());
        }
    }
}
