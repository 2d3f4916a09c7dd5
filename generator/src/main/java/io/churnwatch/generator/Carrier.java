package io.churnwatch.generator;

import java.util.Objects;

/**
 * A parcel carrier and how often it delivers after the promise.
 *
 * @param name shown on every {@code DeliveryEvent}, e.g. {@code DHL}
 * @param lateRate share of this carrier's shipments delivered after their promise, in [0, 1]
 */
public record Carrier(String name, double lateRate) {

    public Carrier {
        Objects.requireNonNull(name, "carrier name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("carrier name must not be blank");
        }
        Rates.requireRate("carrier " + name + " lateRate", lateRate);
    }
}
