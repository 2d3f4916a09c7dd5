package io.churnwatch.jobs.deliver.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The index templates for ChurnWatch's two indices, installed at job start so that the indices
 * get proper mappings (keyword ids, dates, doubles, nested reasons) before the first document
 * creates them. Installing is idempotent: a template is simply replaced.
 */
public final class IndexTemplates {

    private static final Logger LOG = LoggerFactory.getLogger(IndexTemplates.class);

    public static final String ALERTS_INDEX = "churn-alerts";
    public static final String INCIDENTS_INDEX = "churn-incidents";

    /** A single node cannot place replicas, and with them its health would stay yellow. */
    public static final int DEFAULT_NUMBER_OF_REPLICAS = 0;

    private static final List<String> TEMPLATES = List.of(ALERTS_INDEX, INCIDENTS_INDEX);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int numberOfReplicas;

    public IndexTemplates(int numberOfReplicas) {
        if (numberOfReplicas < 0) {
            throw new IllegalArgumentException("numberOfReplicas must be >= 0, was " + numberOfReplicas);
        }
        this.numberOfReplicas = numberOfReplicas;
    }

    public static IndexTemplates withDefaults() {
        return new IndexTemplates(DEFAULT_NUMBER_OF_REPLICAS);
    }

    /** Puts both templates; indices created afterwards get their mappings. */
    public void install(ElasticsearchClient client) throws IOException {
        for (String name : TEMPLATES) {
            byte[] body = templateBody(name);
            client.indices().putIndexTemplate(request -> request
                    .name(name)
                    .withJson(new ByteArrayInputStream(body)));
            LOG.info("Installed Elasticsearch index template {} ({} replicas)", name, numberOfReplicas);
        }
    }

    /** Installs the templates with a short-lived client built from {@code networkConfig}. */
    public void install(NetworkConfig networkConfig) throws IOException {
        try (ElasticsearchClient client = networkConfig.createClient()) {
            install(client);
        }
    }

    /** Names of the installed templates, which are also the names of the indices they match. */
    public static List<String> names() {
        return TEMPLATES;
    }

    byte[] templateBody(String name) {
        String resource = "/elasticsearch/" + name + ".template.json";
        try (InputStream in = IndexTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Index template resource " + resource + " is missing from the jar");
            }
            ObjectNode template = (ObjectNode) MAPPER.readTree(in);
            ((ObjectNode) template.path("template").path("settings"))
                    .put("number_of_replicas", numberOfReplicas);
            return MAPPER.writeValueAsBytes(template);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read index template " + resource, e);
        }
    }
}
