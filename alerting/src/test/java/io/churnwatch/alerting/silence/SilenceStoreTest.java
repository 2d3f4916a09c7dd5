package io.churnwatch.alerting.silence;

import static io.churnwatch.alerting.TestAlerts.BEGINNING;
import static io.churnwatch.alerting.TestAlerts.ONE_HOUR_LATER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.churnwatch.alerting.route.Matcher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SilenceStoreTest {
    private static final Silence VIP = new Silence(
            "s-1",
            List.of(Matcher.parse("customer_id=\"c1\""), Matcher.parse("severity=~\"LOW|MEDIUM\"")),
            BEGINNING,
            ONE_HOUR_LATER,
            "anna@example.com",
            "Account manager already called");
    private static final Map<String, String> C1_MEDIUM = Map.of("customer_id", "c1", "severity", "MEDIUM");

    private final SilenceStore store = new SilenceStore();

    @Test
    void silenceRoundTripsThroughItsJsonForm() {
        byte[] json = SilenceCodec.toJson(VIP);

        assertThat(new String(json, StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"s-1\",\"matchers\":["
                        + "{\"name\":\"customer_id\",\"value\":\"c1\",\"isRegex\":false,\"isEqual\":true},"
                        + "{\"name\":\"severity\",\"value\":\"LOW|MEDIUM\",\"isRegex\":true,\"isEqual\":true}],"
                        + "\"startsAt\":\"2026-03-02T10:00:00Z\",\"endsAt\":\"2026-03-02T11:00:00Z\","
                        + "\"createdBy\":\"anna@example.com\",\"comment\":\"Account manager already called\"}");
        assertThat(SilenceCodec.fromJson(json)).isEqualTo(VIP);
    }

    @Test
    void upsertMutesOnlyWhileActiveAndTombstoneRemoves() {
        store.apply("s-1", SilenceCodec.toJson(VIP));

        assertThat(store.at(BEGINNING.minusSeconds(1)).mutes(C1_MEDIUM)).isFalse();
        assertThat(store.at(BEGINNING).mutes(C1_MEDIUM)).isTrue();
        assertThat(store.at(BEGINNING).mutes(Map.of("customer_id", "c1", "severity", "CRITICAL")))
                .isFalse();
        assertThat(store.at(ONE_HOUR_LATER).mutes(C1_MEDIUM))
                .as("endsAt is exclusive")
                .isFalse();

        store.apply("s-1", null);

        assertThat(store.all()).isEmpty();
        assertThat(store.at(BEGINNING).mutes(C1_MEDIUM)).isFalse();
    }

    @Test
    void laterUpsertReplacesTheSilence() {
        store.apply("s-1", SilenceCodec.toJson(VIP));
        Silence extended = new Silence(
                "s-1", VIP.matchers(), BEGINNING, ONE_HOUR_LATER.plusSeconds(3600), "anna@example.com", "extended");

        store.apply("s-1", SilenceCodec.toJson(extended));

        assertThat(store.all()).containsExactly(extended);
        assertThat(store.at(ONE_HOUR_LATER).mutes(C1_MEDIUM)).isTrue();
    }

    @Test
    void malformedRecordIsRejectedAndLeavesTheStoreUnchanged() {
        store.apply("s-1", SilenceCodec.toJson(VIP));

        assertThatThrownBy(() -> store.apply("s-2", "{\"id\":\"s-2\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs id, matchers, startsAt and endsAt");
        assertThatThrownBy(() -> store.apply("s-3", "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a silence");
        assertThatThrownBy(() -> store.apply("other-key", SilenceCodec.toJson(VIP)))
                .hasMessageContaining("differs from its record key");
        assertThat(store.all()).containsExactly(VIP);
    }

    @Test
    void expiredSilencesArePruned() {
        store.apply("s-1", SilenceCodec.toJson(VIP));

        store.expire(ONE_HOUR_LATER);

        assertThat(store.all()).isEmpty();
    }
}
