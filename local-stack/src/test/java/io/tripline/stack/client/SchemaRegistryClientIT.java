package io.tripline.stack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import io.tripline.core.registry.RegistryException;
import io.tripline.core.registry.SchemaMetadata;
import io.tripline.core.registry.SchemaRegistryClient;
import io.tripline.stack.testing.SharedStack;

/** pipeline-core's registry client against the project's Confluent-compatible registry on a real broker. */
class SchemaRegistryClientIT {

    private static final SharedStack STACK = SharedStack.get();

    private static final Schema V1 = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"io.tripline.it\",\"fields\":["
                    + "{\"name\":\"id\",\"type\":\"string\"}]}");
    private static final Schema V2_WITH_DEFAULT = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"io.tripline.it\",\"fields\":["
                    + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
    private static final Schema V2_REQUIRED = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"io.tripline.it\",\"fields\":["
                    + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"note\",\"type\":\"string\"}]}");

    private final SchemaRegistryClient client = new SchemaRegistryClient(STACK.registryUrl());

    @Test
    void shouldRegisterLookUpAndFetchByIdWithTheSameIdEachTime() {
        String subject = SharedStack.uniqueName("probe") + "-value";
        int id = client.register(subject, V1);

        assertThat(new SchemaRegistryClient(STACK.registryUrl()).register(subject, V1)).isEqualTo(id);
        SchemaMetadata found = new SchemaRegistryClient(STACK.registryUrl()).lookup(subject, V1);
        assertThat(found.id()).isEqualTo(id);
        assertThat(found.version()).isEqualTo(1);
        assertThat(new SchemaRegistryClient(STACK.registryUrl()).schemaById(id)).isEqualTo(V1);
        assertThat(client.subjects()).contains(subject);
        assertThat(client.versions(subject)).containsExactly(1);
    }

    @Test
    void shouldAcceptABackwardCompatibleVersionAndRefuseAnIncompatibleOneWith409() {
        String subject = SharedStack.uniqueName("evolve") + "-value";
        client.register(subject, V1);
        assertThat(client.isCompatible(subject, V2_WITH_DEFAULT, "latest")).isTrue();
        assertThat(client.isCompatible(subject, V2_REQUIRED, "latest")).isFalse();

        client.register(subject, V2_WITH_DEFAULT);
        assertThat(client.latest(subject).version()).isEqualTo(2);

        assertThatThrownBy(() -> client.register(subject, V2_REQUIRED))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(RegistryException.INCOMPATIBLE);
                    assertThat(e.retriable()).isFalse();
                });
    }

    @Test
    void shouldLetASubjectOptOutOfCompatibilityChecks() {
        String subject = SharedStack.uniqueName("none") + "-value";
        client.register(subject, V1);
        assertThat(client.setCompatibility(subject, "NONE")).isEqualTo("NONE");
        assertThat(client.compatibility(subject)).isEqualTo("NONE");
        assertThat(client.register(subject, V2_REQUIRED)).isPositive();
    }

    @Test
    void shouldReportUnknownSubjectsAndIdsWithConfluentErrorCodes() {
        assertThatThrownBy(() -> client.latest(SharedStack.uniqueName("missing")))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(RegistryException.SUBJECT_NOT_FOUND));
        assertThatThrownBy(() -> client.schemaById(987_654))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(RegistryException.SCHEMA_NOT_FOUND));
    }

    @Test
    void shouldReportAnUnreachableRegistryAsRetriable() {
        SchemaRegistryClient nowhere = new SchemaRegistryClient("http://127.0.0.1:9");
        assertThatThrownBy(() -> nowhere.register("x-value", V1))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.retriable()).isTrue());
    }
}
