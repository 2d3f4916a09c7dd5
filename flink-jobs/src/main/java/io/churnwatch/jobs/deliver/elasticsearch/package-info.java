/**
 * An Elasticsearch 8 sink for Flink 2.x, on the connector base's {@code AsyncSinkBase}, written
 * because no Flink 2 Elasticsearch connector is published. The sink classes know nothing of
 * ChurnWatch, so the package can be lifted out as a connector; {@link
 * io.churnwatch.jobs.deliver.elasticsearch.IncidentDocuments}, {@link
 * io.churnwatch.jobs.deliver.elasticsearch.AlertDocuments}, {@link
 * io.churnwatch.jobs.deliver.elasticsearch.IndexTemplates} and {@link
 * io.churnwatch.jobs.deliver.elasticsearch.ElasticsearchDeadLetters} are the ChurnWatch part.
 *
 * <p>Roles, one class each:
 * <ul>
 *   <li>{@code IndexDocument}: the request entry (index, id, JSON bytes, upsert or index,
 *       optional external version), checkpointed by {@code IndexDocumentStateSerializer}.</li>
 *   <li>{@code ElasticsearchSink} / {@code ElasticsearchSinkBuilder}: serializable configuration,
 *       named defaults, validation in {@code build()}.</li>
 *   <li>{@code ElasticsearchSinkWriter}: bulk requests; per-item outcome from
 *       {@code BulkItemClassifier}, whole-request failures from {@code RequestFailureClassifier}.</li>
 *   <li>{@code FailedDocumentHandler}: where documents Elasticsearch rejects for good go.</li>
 *   <li>{@code ElasticsearchConnection} / {@code SecretSource}: hosts, auth and TLS, secrets read on the
 *       worker.</li>
 * </ul>
 *
 * <p>Ordering of revisions: incidents and alerts are written with {@code version_type=external}
 * and their revision as version, so Elasticsearch keeps the newest revision whatever order the
 * writes arrive in, and a 409 means "already newer". Scripted checks were ruled out because the
 * integ-test distribution has no painless; {@code external_gte} was not chosen because an equal
 * revision carries the same content (ids and revisions are deterministic).
 */
package io.churnwatch.jobs.deliver.elasticsearch;
