package io.churnwatch.schemas.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.schemas.SampleRecords;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReleasedSchemasTest {

    static Stream<Schema> currentSchemas() {
        return SampleRecords.all().stream().map(SpecificRecord::getSchema);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordNames")
    void everyTopLevelRecordHasReleasedVersionsNumberedWithoutGaps(String recordName) {
        List<ReleasedSchema> versions = ReleasedSchemas.of(recordName);

        assertThat(versions).as("released versions of %s", recordName).isNotEmpty();
        assertThat(versions)
                .extracting(ReleasedSchema::version)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, versions.size()).boxed().toList());
    }

    static List<String> recordNames() {
        return ReleasedSchemas.RECORD_NAMES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentSchemas")
    void newestReleasedVersionIsTheGeneratedSchema(Schema current) {
        List<ReleasedSchema> versions = ReleasedSchemas.of(current.getName());
        ReleasedSchema newest = versions.get(versions.size() - 1);
        String next = ReleasedSchemas.resourceName(current.getName(), newest.version() + 1);

        assertThat(newest.schema())
                .as(
                        "%s.avsc differs from its newest released version %s. If the change is meant to ship, release it: "
                                + "write %s.getClassSchema().toString(true) to src/main/resources/%s (see docs/event-contract.md, "
                                + "'Releasing a schema version'); never edit a released file.",
                        current.getName(), newest.label(), current.getName(), next)
                .isEqualTo(current);
        assertThat(newest.fingerprint()).isEqualTo(org.apache.avro.SchemaNormalization.parsingFingerprint64(current));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentSchemas")
    void currentSchemaReadsEveryReleasedVersion(Schema current) {
        for (ReleasedSchema writer : ReleasedSchemas.of(current.getName())) {
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(current, writer.schema());

            assertThat(result.getType())
                    .as(
                            "current %s cannot read records written with %s: %s",
                            current.getName(),
                            writer.label(),
                            result.getResult().getIncompatibilities())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentSchemas")
    void everyReleasedVersionReadsCurrentRecords(Schema current) {
        // Forward compatibility: a consumer still on an older release keeps working while producers upgrade.
        for (ReleasedSchema reader : ReleasedSchemas.of(current.getName())) {
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(reader.schema(), current)
                            .getType())
                    .as("%s %s cannot read current records", current.getName(), reader.label())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versionTwoChanges")
    void versionOneLacksOnlyTheFieldVersionTwoAdded(String recordName, String addedField) {
        List<ReleasedSchema> versions = ReleasedSchemas.of(recordName);

        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).schema().getField(addedField)).isNull();
        assertThat(versions.get(1).schema().getField(addedField)).isNotNull();
        assertThat(versions.get(1).schema().getFields().stream()
                        .map(Schema.Field::name)
                        .filter(name -> !name.equals(addedField))
                        .toList())
                .containsExactlyElementsOf(versions.get(0).schema().getFields().stream()
                        .map(Schema.Field::name)
                        .toList());
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> versionTwoChanges() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("DeliveryEvent", "promised_delivery_by"),
                org.junit.jupiter.params.provider.Arguments.of("SupportTicketEvent", "channel"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordNames")
    void findsTheRecordAndVersionOfAFingerprint(String recordName) {
        for (ReleasedSchema version : ReleasedSchemas.of(recordName)) {
            assertThat(ReleasedSchemas.findByFingerprint(
                            version.fingerprint(), getClass().getClassLoader()))
                    .hasValueSatisfying(found -> {
                        assertThat(found.recordName()).isEqualTo(recordName);
                        assertThat(found.version()).isEqualTo(version.version());
                    });
        }
    }
}
