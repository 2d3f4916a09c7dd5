package io.churnwatch.schemas.avro;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The schema versions that were ever released for a record, read from the classpath.
 *
 * <p>Versions live at {@code io/churnwatch/schemas/released/<RecordName>/v1.avsc}, {@code v2.avsc}, ...
 * numbered without gaps; the highest number is the current schema. Each file is self-contained
 * (named types inlined) so it can be handed to any Avro library on its own. Once released, a file
 * never changes: records written with it may sit in Kafka for the topic's retention and longer in
 * dead-letter queues.
 */
public final class ReleasedSchemas {

    static final String ROOT = "io/churnwatch/schemas/released/";

    /** Every top-level record with released versions: the ones that travel on Kafka or in files on their own. */
    public static final List<String> RECORD_NAMES = List.of(
            "OrderEvent",
            "DeliveryEvent",
            "SupportTicketEvent",
            "CustomerProfile",
            "Incident",
            "ChurnAlert",
            "DeadLetter",
            "AlertAction");

    private ReleasedSchemas() {}

    /** Every released version of the named record (e.g. "DeliveryEvent"), oldest first; empty if none. */
    public static List<ReleasedSchema> of(String recordName) {
        return of(recordName, ReleasedSchemas.class.getClassLoader());
    }

    public static List<ReleasedSchema> of(String recordName, ClassLoader classLoader) {
        List<ReleasedSchema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            String resource = resourceName(recordName, version);
            try (InputStream in = classLoader.getResourceAsStream(resource)) {
                if (in == null) {
                    return List.copyOf(versions);
                }
                // A fresh parser per file: versions share type names, which one parser would reject as redefined.
                versions.add(new ReleasedSchema(recordName, version, new Schema.Parser().parse(in)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read released schema " + resource, e);
            }
        }
    }

    /** Which released record version has this fingerprint, if any; used to explain a record on the wrong topic. */
    public static Optional<ReleasedSchema> findByFingerprint(long fingerprint, ClassLoader classLoader) {
        return RECORD_NAMES.stream()
                .flatMap(name -> of(name, classLoader).stream())
                .filter(version -> version.fingerprint() == fingerprint)
                .findFirst();
    }

    /** The classpath resource name of one version, e.g. {@code io/churnwatch/schemas/released/OrderEvent/v1.avsc}. */
    public static String resourceName(String recordName, int version) {
        return ROOT + recordName + "/v" + version + ".avsc";
    }
}
