package io.churnwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The indices the console reads (written by the jobs) and the two it writes itself, with the index
 * templates of the latter. Installing replaces a template, so it is idempotent.
 *
 * <p>A template only shapes indices created after it, so installing also adds the template's fields
 * to indices that already exist (adding a field to a mapping is allowed; changing one is not, and the
 * templates only ever add). Without that, a field added in a later release, such as the actions'
 * {@code contact}, would sit unsearchable in {@code _source} of an index made by an older console.
 */
public final class ConsoleIndices {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConsoleIndices.class);

    public static final String ALERTS = "churn-alerts";
    public static final String INCIDENTS = "churn-incidents";
    public static final String NOTIFICATIONS = "churn-notifications";
    /** Written by the detection job: one document per ticket category and judged day, id = category:day. */
    public static final String COMPLAINT_DAYS = "churn-complaint-days";
    /** Written by the console: one document per action, id = action_id. */
    public static final String ACTIONS = "churn-actions";
    /** Written by the console from the churn-alerts topic: churn-alerts holds only each alert's latest state. */
    public static final String REVISIONS = "churn-alert-revisions";

    static final List<String> OWN = List.of(ACTIONS, REVISIONS);

    private ConsoleIndices() {}

    public static void install(Es es) {
        for (String name : OWN) {
            JsonNode template = template(name);
            es.put("/_index_template/" + name, template);
            ObjectNode mapping = Json.object();
            mapping.set("properties", template.path("template").path("mappings").path("properties"));
            try {
                es.put("/" + name + "," + name + "-*/_mapping?allow_no_indices=true&ignore_unavailable=true", mapping);
            } catch (Es.EsException e) {
                if (e.status != 403) {
                    throw e;
                }
                // Not fatal: the template still shapes new indices; only fields added since stay unsearchable.
                LOG.warn(
                        "Cannot add new fields to the existing {} indices (403): give the console's Elasticsearch"
                                + " user indices:admin/mapping/put (or manage) on {}*, or fields added by this"
                                + " version are searchable only in indices created from now on",
                        name,
                        name);
            }
        }
    }

    static JsonNode template(String name) {
        String resource = "/elasticsearch/" + name + ".template.json";
        try (InputStream in = ConsoleIndices.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("index template " + resource + " is missing from the jar");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
