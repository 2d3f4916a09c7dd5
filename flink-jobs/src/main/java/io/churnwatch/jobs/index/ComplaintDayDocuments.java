package io.churnwatch.jobs.index;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.churnwatch.jobs.detect.trend.ComplaintDay;
import io.churnwatch.sink.elasticsearch.IndexDocument;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * Turns a judged {@link ComplaintDay} into its {@code churn-complaint-days} document, id
 * {@code <category>:<yyyy-mm-dd>}.
 *
 * <p>A day is judged once, when the watermark passes its end, and the same tickets always give the same
 * count and baseline; so a replay, or a restart from a checkpoint that judges a day again, writes the same
 * document under the same id. Written with a plain {@code index} (no external version): there is no newer
 * revision of a day that an older one could overwrite.
 */
public class ComplaintDayDocuments implements ElementConverter<ComplaintDay, IndexDocument> {

    private static final long serialVersionUID = 1L;

    private final String index;

    public ComplaintDayDocuments() {
        this(IndexTemplates.COMPLAINT_DAYS_INDEX);
    }

    public ComplaintDayDocuments(String index) {
        this.index = index;
    }

    @Override
    public IndexDocument apply(ComplaintDay day, SinkWriter.Context context) {
        return toDocument(day);
    }

    public IndexDocument toDocument(ComplaintDay day) {
        return IndexDocument.index(index, day.id(), DocumentJson.bytes(toJson(day)));
    }

    static ObjectNode toJson(ComplaintDay day) {
        ObjectNode doc = DocumentJson.object();
        doc.put("category", day.category);
        doc.put("day", day.date().toString());
        doc.put("tickets", day.tickets);
        doc.put("baseline_per_day", day.baselinePerDay);
        doc.put("baseline_days", day.baselineDays);
        doc.put("warmed_up", day.warmedUp);
        doc.put("spike", day.spike);
        DocumentJson.putText(doc, "incident_id", day.incidentId);
        return doc;
    }
}
