/**
 * A seeded, reproducible synthetic shop for tests, the demo, replays and benchmarks.
 *
 * <p>{@link io.churnwatch.generator.ShopGenerator} streams customer profiles, orders, parcel scans
 * and support tickets in event-time order (within a configurable out-of-order bound, with optional
 * duplicates), and keeps a {@link io.churnwatch.generator.BrokenPromiseLedger} of every promise it
 * broke, so a detection job's output can be checked against ground truth:
 *
 * <pre>{@code
 * GeneratorConfig config = GeneratorConfig.defaults().withSeed(7).withTotalOrders(5_000);
 * ShopGenerator shop = new ShopGenerator(config);
 * try (EventSink sink = JsonLinesEventSink.open(Path.of("shop.jsonl"))) {
 *     EventPump.pump(shop, Pacer.of(Pace.asFastAsPossible()), sink);
 * }
 * List<BrokenPromise> expected = shop.ledger().all();
 * }</pre>
 *
 * <p>Sinks: {@link io.churnwatch.generator.JsonLinesEventSink} (the schemas module's JSON Lines),
 * {@link io.churnwatch.generator.KafkaEventSink} (Avro single-object encoding, topics and keys from
 * {@code Topics}), or the generator itself as an {@link java.util.Iterator}. Pacing:
 * {@link io.churnwatch.generator.Pace} as fast as possible, a fixed rate, or live with a speed-up.
 */
package io.churnwatch.generator;
