package io.churnwatch.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.churnwatch.events.AlertActionKind;
import io.churnwatch.events.ContactChannel;
import io.churnwatch.events.SaveOutcome;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the console accepts from a client, and the 400 that names the field otherwise. */
class RequestValidationTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static Map<String, String> base(String kind) {
        Map<String, String> f = new HashMap<>();
        f.put("action_id", "0f8fad5b-d9cb-469f-a165-70867728950e");
        f.put("kind", kind);
        f.put("alert_revision", "2");
        f.put("workflow_version", "1");
        return f;
    }

    @Test
    void readsAResolutionWithItsOutcomeInAnyCase() {
        Map<String, String> f = base("Resolve");
        f.put("outcome", "left_respectfully");

        ActionRequest r = ActionRequest.parse(f::get, NOW);

        assertThat(r.kind()).isEqualTo(AlertActionKind.RESOLVE);
        assertThat(r.outcome()).isEqualTo(SaveOutcome.LEFT_RESPECTFULLY);
        assertThat(r.alertRevision()).isEqualTo(2);
    }

    @Test
    void aNoteSaysHowTheCustomerWasReachedAndWithoutAChannelClaimsNoContact() {
        Map<String, String> reached = base("note");
        reached.put("note", "called, she'll think about the voucher");
        reached.put("contact", "Phone");
        Map<String, String> plain = base("note");
        plain.put("note", "left a voicemail");
        plain.put("contact", "");

        assertThat(ActionRequest.parse(reached::get, NOW).contact()).isEqualTo(ContactChannel.PHONE);
        assertThat(ActionRequest.parse(plain::get, NOW).contact()).isNull();
    }

    @Test
    void aResolveWithAnOutcomeThatNeedsAConversationImpliesAContact() {
        Map<String, String> saved = base("resolve");
        saved.put("outcome", "saved");
        Map<String, String> byEmail = base("resolve");
        byEmail.put("outcome", "left_respectfully");
        byEmail.put("contact", "email");
        Map<String, String> noContact = base("resolve");
        noContact.put("outcome", "no_contact");

        assertThat(ActionRequest.parse(saved::get, NOW).contact()).isEqualTo(ContactChannel.OTHER);
        assertThat(ActionRequest.parse(byEmail::get, NOW).contact()).isEqualTo(ContactChannel.EMAIL);
        assertThat(ActionRequest.parse(noContact::get, NOW).contact()).isNull();
    }

    @Test
    void aContactIsRefusedWhereItCannotBeTrue() {
        Map<String, String> noContact = base("resolve");
        noContact.put("outcome", "no_contact");
        noContact.put("contact", "phone");
        Map<String, String> ack = base("acknowledge");
        ack.put("contact", "phone");
        Map<String, String> pigeon = base("note");
        pigeon.put("note", "sent a pigeon");
        pigeon.put("contact", "pigeon");

        assertThatThrownBy(() -> ActionRequest.parse(noContact::get, NOW))
                .isInstanceOfSatisfying(BadRequest.class, e -> {
                    assertThat(e.field()).isEqualTo("contact");
                    assertThat(e.getMessage()).contains("no_contact");
                });
        assertThatThrownBy(() -> ActionRequest.parse(ack::get, NOW)).isInstanceOfSatisfying(BadRequest.class, e -> {
            assertThat(e.field()).isEqualTo("contact");
            assertThat(e.getMessage())
                    .isEqualTo("contact can only be recorded with a note or a resolve, not with acknowledge");
        });
        assertThatThrownBy(() -> ActionRequest.parse(pigeon::get, NOW))
                .isInstanceOfSatisfying(
                        BadRequest.class,
                        e -> assertThat(e.getMessage()).isEqualTo("contact must be one of phone, email, chat, other"));
    }

    @Test
    void readsABrowsersLocalTimeAsUtc() {
        Map<String, String> f = base("snooze");
        f.put("snoozed_until", "2026-11-24T08:30");
        f.put("reason", "customer on holiday");

        assertThat(ActionRequest.parse(f::get, NOW).snoozedUntil()).isEqualTo(Instant.parse("2026-11-24T08:30:00Z"));
    }

    @Test
    void namesTheFieldAtFault() {
        assertField(Map.of("kind", "acknowledge"), "action_id");
        Map<String, String> badKind = base("escalate");
        assertField(badKind, "kind");
        Map<String, String> snoozeNoReason = base("snooze");
        snoozeNoReason.put("snoozed_until", "2026-11-24T08:30:00Z");
        assertField(snoozeNoReason, "reason");
        Map<String, String> assignMarkup = base("assign");
        assignMarkup.put("assignee", "<b>bob</b>");
        assertField(assignMarkup, "assignee");
        Map<String, String> version = base("note");
        version.put("workflow_version", "one");
        assertField(version, "workflow_version");
        Map<String, String> note = base("note");
        assertField(note, "note");
    }

    @Test
    void theWorklistQueryRoundTripsThroughTheUrlAndRefusesUnknownValues() {
        WorklistQuery q = WorklistQuery.parse(Map.of(
                "severity",
                List.of("high,critical"),
                "assignee",
                List.of("mine"),
                "overdue",
                List.of("true"),
                "page",
                List.of("2")));

        assertThat(q.severity()).containsExactly("HIGH", "CRITICAL");
        assertThat(q.queryString()).isEqualTo("?severity=HIGH%2CCRITICAL&assignee=mine&overdue=true&page=2");
        assertThat(q.toggle("severity", "HIGH")).isEqualTo("?severity=CRITICAL&assignee=mine&overdue=true");
        assertThatThrownBy(() -> WorklistQuery.parse(Map.of("tier", List.of("diamond"))))
                .isInstanceOfSatisfying(
                        BadRequest.class, e -> assertThat(e.field()).isEqualTo("tier"));
        assertThatThrownBy(() -> WorklistQuery.parse(Map.of("sort", List.of("x"))))
                .isInstanceOfSatisfying(
                        BadRequest.class, e -> assertThat(e.field()).isEqualTo("sort"));
        assertThatThrownBy(() -> WorklistQuery.parse(Map.of("size", List.of("1000"))))
                .isInstanceOfSatisfying(
                        BadRequest.class, e -> assertThat(e.getMessage()).isEqualTo("size must be between 5 and 100"));
    }

    @Test
    void aLoginNeverRedirectsToAnotherSite() {
        assertThat(ConsoleServer.safeNext("/alerts/a-1?x=1")).isEqualTo("/alerts/a-1?x=1");
        assertThat(ConsoleServer.safeNext("//evil.example/")).isEqualTo("/");
        assertThat(ConsoleServer.safeNext("https://evil.example/")).isEqualTo("/");
        assertThat(ConsoleServer.safeNext("/\\evil.example")).isEqualTo("/");
    }

    private static void assertField(Map<String, String> fields, String field) {
        assertThatThrownBy(() -> ActionRequest.parse(fields::get, NOW))
                .isInstanceOfSatisfying(
                        BadRequest.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
