/**
 * An Elasticsearch 8 sink for Flink 2.x, on the connector base's {@code AsyncSinkBase}, written
 * because no Flink 2 Elasticsearch connector is published. Nothing here knows ChurnWatch's records:
 * the detection job's {@code io.churnwatch.jobs.index} package holds the ChurnWatch part (alert and
 * incident documents, index templates, dead letters for rejected documents). The module depends
 * only on Flink, the Elasticsearch client and {@code churnwatch-connect} (how to reach a cluster),
 * so it can be lifted out as a connector.
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
 *   <li>{@code io.churnwatch.connect.ElasticsearchConnection}: hosts, auth and TLS, secrets
 *       resolved on the worker that builds the client.</li>
 * </ul>
 *
 * <p>Ordering of revisions: callers may write with {@code version_type=external} and a revision
 * as version, so Elasticsearch keeps the newest revision whatever order the writes arrive in, and
 * a 409 means "already newer". Scripted checks were ruled out because the integ-test distribution
 * has no painless; {@code external_gte} was not chosen because an equal revision carries the same
 * content when ids and revisions are deterministic, as ChurnWatch's are.
 */
package io.churnwatch.sink.elasticsearch;
