package io.churnwatch.jobs.index;

import static io.churnwatch.jobs.index.DocumentFixtures.missedShipBy;
import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.churnwatch.connect.ElasticsearchConnection;
import io.churnwatch.devstack.ElasticsearchCluster;
import io.churnwatch.devstack.WithDevStack;
import io.churnwatch.sink.elasticsearch.ElasticsearchSink;
import io.churnwatch.sink.elasticsearch.IndexDocument;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sink inside a real Flink job: parallelism 2, checkpointing on, a real Elasticsearch node. */
@WithDevStack
@Timeout(180)
class ElasticsearchSinkMiniClusterIT {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkMiniClusterIT.class);
    private static final int INCIDENTS = 3000;
    private static final int REPLAYED = 500;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void writesEveryIncidentOnceEvenWhenPartOfTheInputIsReplayed(ElasticsearchCluster elasticsearch) throws Exception {
        ElasticsearchClient client = elasticsearch.client();
        ElasticsearchConnection network = elasticsearch.connection();
        IndexTemplates.withDefaults().install(network);
        String index = IndexTemplates.INCIDENTS_INDEX + "-minicluster-it";

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(Duration.ofMillis(200).toMillis());
        // The replay re-sends the first incidents with the same revision: Elasticsearch answers 409
        // (already there) and the count must not grow.
        env.fromSequence(1, INCIDENTS + REPLAYED)
                .sinkTo(ElasticsearchSink.<Long>builder()
                        .setConnection(network)
                        .setElementConverter(new IncidentNumbered(index))
                        .setMaxBatchSize(200)
                        .setMaxTimeInBuffer(Duration.ofMillis(100))
                        .build())
                .name("elasticsearch")
                .uid("elasticsearch-sink");
        long started = System.nanoTime();
        env.execute("elasticsearch-sink-minicluster-it");
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        client.indices().refresh(r -> r.index(index));
        assertThat(client.count(c -> c.index(index)).count()).isEqualTo(INCIDENTS);
        assertThat(client.count(c -> c.index(index)
                                .query(q -> q.term(t -> t.field("kind").value("MISSED_SHIP_BY"))))
                        .count())
                .as("kind is mapped as keyword by the template")
                .isEqualTo(INCIDENTS);
        LOG.info("Wrote {} incidents (+{} replayed) at parallelism 2 in {} ms", INCIDENTS, REPLAYED, millis);
    }

    /** Element n becomes incident i-n; numbers past {@link #INCIDENTS} replay the first ones. */
    private static final class IncidentNumbered implements ElementConverter<Long, IndexDocument> {
        private static final long serialVersionUID = 1L;
        private final IncidentDocuments incidents;

        IncidentNumbered(String index) {
            this.incidents = new IncidentDocuments(index);
        }

        @Override
        public IndexDocument apply(Long n, SinkWriter.Context context) {
            long id = n > INCIDENTS ? n - INCIDENTS : n;
            return incidents.toDocument(missedShipBy("i-" + id, 0));
        }
    }
}
