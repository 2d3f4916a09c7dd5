package io.churnwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.jobs.alert.CustomerSignal;
import io.churnwatch.jobs.alert.ProfileSnapshot;
import io.churnwatch.jobs.alert.RiskState;
import io.churnwatch.jobs.detect.order.OrderState;
import io.churnwatch.jobs.detect.ticket.TicketState;
import io.churnwatch.jobs.detect.trend.ComplaintDay;
import io.churnwatch.jobs.detect.trend.TrendState;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every type the detection job keeps in keyed state is a Flink POJO all the way down (enums, strings,
 * BigDecimal, arrays of POJOs, and Avro records through flink-avro's schema-carrying serializer), never
 * Kryo: Kryo's bytes depend on class registration order and Kryo's version, and it does not evolve a
 * schema, so a savepoint would not survive an upgrade. A POJO serializer evolves by field name (added
 * fields start at their default, removed ones are dropped); renaming a field or changing its type is
 * a new state format (flink-jobs/README.md, State compatibility).
 */
class StateTypesTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                RiskState.class,
                ProfileSnapshot.class,
                CustomerSignal.class,
                OrderState.class,
                TicketState.class,
                TrendState.class,
                ComplaintDay.class
            })
    void aStateTypeSerializesWithoutKryo(Class<?> type) {
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false); // createSerializer throws where any field would need Kryo

        TypeSerializer<?> serializer = TypeInformation.of(type).createSerializer(noKryo);

        assertThat(serializer).isInstanceOf(PojoSerializer.class);
    }
}
