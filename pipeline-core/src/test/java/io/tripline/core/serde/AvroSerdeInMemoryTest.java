package io.tripline.core.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import io.tripline.core.registry.InMemorySchemaRegistry;
import io.tripline.core.topic.Topics;
import io.tripline.schema.v1.TrailEvent;
import io.tripline.schema.v1.UserIdentity;

/** Offline runs (file replay) use the same serde and wire format with a registry inside the JVM. */
class AvroSerdeInMemoryTest {

    @Test
    void shouldRoundTripInTheWireFormatWithTheInMemoryRegistry() {
        Map<String, Object> settings = Map.of(SerdeConfig.CLIENT, new InMemorySchemaRegistry());
        Serde<TrailEvent> serde = Topics.RAW_CLOUDTRAIL.valueSerde(settings);
        TrailEvent event = TrailEvent.newBuilder()
                .setEventId("e-1")
                .setEventTime(Instant.parse("2026-11-01T10:00:00.123Z"))
                .setEventSource("cloudtrail.amazonaws.com")
                .setEventName("StopLogging")
                .setAwsRegion("us-east-1")
                .setUserIdentity(UserIdentity.newBuilder().setType("IAMUser").setUserName("mallory").build())
                .setResources(List.of())
                .setRaw("{}")
                .build();

        byte[] wire = serde.serializer().serialize("tripline.raw.cloudtrail", event);

        ByteBuffer header = ByteBuffer.wrap(wire);
        assertThat(header.get()).isZero();
        assertThat(header.getInt()).isEqualTo(1);
        assertThat(serde.deserializer().deserialize("tripline.raw.cloudtrail", wire)).isEqualTo(event);
    }
}
