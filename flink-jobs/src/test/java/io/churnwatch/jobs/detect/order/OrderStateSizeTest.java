package io.churnwatch.jobs.detect.order;

import static io.churnwatch.jobs.detect.order.OrderFixtures.ONE_HOUR_BEFORE_SHIP_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.ORDER;
import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import java.util.UUID;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The benchmark budget is 200 bytes of state per open order; this keeps the POJO honest. */
class OrderStateSizeTest {

    private static final TypeSerializer<OrderState> SERIALIZER =
            TypeInformation.of(OrderState.class).createSerializer(new SerializerConfigImpl());

    private static int serializedSize(OrderState state) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        SERIALIZER.serialize(state, out);
        OrderState back = SERIALIZER.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).usingRecursiveComparison().isEqualTo(state);
        return out.length();
    }

    @Test
    void anOpenShippedOrderFitsTheStateBudgetEvenWithUuidEventIds() throws Exception {
        OrderState s = new OrderState();
        OrderEvent placed = OrderEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOrderId("o-1234567")
                .setCustomerId("c-123456")
                .setType(OrderEventType.PLACED)
                .setEventTime(OrderFixtures.PLACED_AT)
                .setPromisedShipBy(OrderFixtures.SHIP_BY)
                .setPromisedDeliveryBy(OrderFixtures.DELIVER_BY)
                .build();
        DeliveryEvent dispatched = DeliveryEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOrderId("o-1234567")
                .setShipmentId("s-1234567-1")
                .setCustomerId("c-123456")
                .setStatus(DeliveryStatus.DISPATCHED)
                .setEventTime(ONE_HOUR_BEFORE_SHIP_BY)
                .setCarrier("DHL")
                .build();
        OrderDetector.apply(ORDER, s, ShopEvent.of(placed), i -> {});
        OrderDetector.apply(ORDER, s, ShopEvent.of(dispatched), i -> {});

        int bytes = serializedSize(s);

        System.out.println("serialized OrderState of an open, shipped order: " + bytes + " bytes");
        assertThat(bytes).isLessThanOrEqualTo(200);
    }
}
