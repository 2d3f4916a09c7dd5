package io.churnwatch.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.churnwatch.alerting.nflog.ElasticsearchNotificationLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kibana saved objects that docker-compose's {@code kibana-setup} imports, checked without a
 * Kibana: every line parses, every reference points at an object in the file, every data view is
 * over an index ChurnWatch writes and every field a search, chart or query names is one the index
 * templates define, so a renamed field fails here and not on a retention lead's screen.
 */
class KibanaSavedObjectsTest {

    private static final Path NDJSON = Path.of("../docker/kibana/churnwatch-saved-objects.ndjson");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code field:} or {@code field <} in a KQL query. */
    private static final Pattern KQL_FIELD = Pattern.compile("([a-z_][a-z0-9_.]*)\\s*(?::|<=?|>=?)");

    private static final List<JsonNode> objects = new ArrayList<>();
    private static final Map<String, JsonNode> byId = new HashMap<>();
    /** Per index, every field its template maps, nested ones as {@code parent.child}. */
    private static final Map<String, Set<String>> mapped = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        for (String line : Files.readAllLines(NDJSON)) {
            if (!line.isBlank()) {
                JsonNode object = JSON.readTree(line);
                objects.add(object);
                byId.put(object.path("id").asText(), object);
            }
        }
        for (String index : List.of("churn-alerts", "churn-incidents")) {
            try (InputStream in =
                    KibanaSavedObjectsTest.class.getResourceAsStream("/elasticsearch/" + index + ".template.json")) {
                assertThat(in).as("the detection job's template for " + index).isNotNull();
                Set<String> fields = new HashSet<>();
                collect(JSON.readTree(in).path("template").path("mappings").path("properties"), "", fields);
                mapped.put(index, fields);
            }
        }
        mapped.put(
                ElasticsearchNotificationLog.INDEX,
                ElasticsearchNotificationLog.mappedFields().keySet());
    }

    @Test
    void theFileHoldsDataViewsSearchesChartsAndTheRetentionDashboard() {
        assertThat(objects)
                .extracting(o -> o.path("type").asText())
                .contains("index-pattern", "search", "visualization", "dashboard");
        assertThat(byId).containsKey("churnwatch-retention");
        assertThat(byId.keySet()).as("ids are unique").hasSize(objects.size());
    }

    @Test
    void everyReferenceIsToAnObjectInTheFileOfTheNamedType() {
        for (JsonNode object : objects) {
            for (JsonNode ref : object.path("references")) {
                JsonNode target = byId.get(ref.path("id").asText());
                assertThat(target)
                        .as(object.path("id").asText() + " references " + ref)
                        .isNotNull();
                assertThat(target.path("type").asText())
                        .isEqualTo(ref.path("type").asText());
            }
        }
    }

    @Test
    void dataViewsAreOverChurnWatchIndicesWithAMappedDateAsTimeField() {
        for (JsonNode view : ofType("index-pattern")) {
            String index = view.path("attributes").path("title").asText();
            assertThat(mapped).as("indices ChurnWatch writes").containsKey(index);
            assertThat(mapped.get(index))
                    .contains(view.path("attributes").path("timeFieldName").asText());
        }
    }

    @Test
    void everyFieldASearchOrChartNamesIsMappedInItsIndex() throws IOException {
        List<String> checked = new ArrayList<>();
        for (String type : List.of("search", "visualization")) {
            for (JsonNode object : ofType(type)) {
                Set<String> fields = mapped.get(indexOf(object));
                JsonNode attributes = object.path("attributes");
                List<String> named = new ArrayList<>();
                attributes.path("columns").forEach(c -> named.add(c.asText()));
                attributes.path("sort").forEach(s -> named.add(s.get(0).asText()));
                if (attributes.has("visState")) {
                    JSON.readTree(attributes.path("visState").asText())
                            .path("aggs")
                            .forEach(agg -> {
                                if (agg.path("params").has("field")) {
                                    named.add(agg.path("params").path("field").asText());
                                }
                            });
                }
                Matcher kql = KQL_FIELD.matcher(query(object));
                while (kql.find()) {
                    named.add(kql.group(1));
                }
                assertThat(fields)
                        .as(object.path("id").asText() + " on " + indexOf(object))
                        .containsAll(named);
                checked.addAll(named);
            }
        }
        assertThat(checked).as("fields checked").hasSizeGreaterThan(30);
    }

    @Test
    void theDashboardShowsEveryPanelItReferences() throws IOException {
        JsonNode dashboard = byId.get("churnwatch-retention");
        JsonNode panels =
                JSON.readTree(dashboard.path("attributes").path("panelsJSON").asText());
        Set<String> refNames = new HashSet<>();
        dashboard.path("references").forEach(r -> refNames.add(r.path("name").asText()));
        assertThat(panels).hasSizeGreaterThanOrEqualTo(6);
        panels.forEach(p -> assertThat(refNames).contains(p.path("panelRefName").asText()));
    }

    private static List<JsonNode> ofType(String type) {
        return objects.stream()
                .filter(o -> o.path("type").asText().equals(type))
                .toList();
    }

    private static String indexOf(JsonNode object) {
        for (JsonNode ref : object.path("references")) {
            if (ref.path("type").asText().equals("index-pattern")) {
                return byId.get(ref.path("id").asText())
                        .path("attributes")
                        .path("title")
                        .asText();
            }
        }
        throw new AssertionError(object.path("id").asText() + " names no data view");
    }

    private static String query(JsonNode object) throws IOException {
        String source = object.path("attributes")
                .path("kibanaSavedObjectMeta")
                .path("searchSourceJSON")
                .asText("{}");
        return JSON.readTree(source).path("query").path("query").asText("");
    }

    private static void collect(JsonNode properties, String prefix, Set<String> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            into.add(prefix + field.getKey());
            collect(field.getValue().path("properties"), prefix + field.getKey() + ".", into);
        }
    }
}
