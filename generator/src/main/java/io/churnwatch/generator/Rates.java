package io.churnwatch.generator;

/**
 * How often each thing goes right or wrong in the simulated shop. Every value is a probability in
 * [0, 1]; "of all orders" rates are exclusive shares of the orders placed.
 *
 * @param confirm share of orders that get a CONFIRMED event
 * @param cancelBeforeShipping of all orders: cancelled by the customer before the ship-by deadline, never shipped
 * @param neverShipped of all orders: never handed to a carrier (most are cancelled days after the ship-by)
 * @param shippedLate of all orders: dispatched after the ship-by deadline
 * @param split share of multi-item orders shipped as two parcels, each with its own delivery promise
 * @param revisedEta share of late parcels whose IN_TRANSIT scan announces a revised ETA after the promise
 * @param deliveryFailure share of parcels with a FAILED_ATTEMPT, LOST or RETURNED_TO_SENDER
 * @param refundAfterBadExperience share of badly served orders that get a REFUND_ or RETURN_REQUESTED
 * @param returnAfterGoodExperience share of well served orders returned anyway
 * @param ticketAfterBadExperience share of badly served orders that make the customer open a ticket
 * @param ticketAfterGoodExperience share of well served orders with a billing or product ticket
 * @param slowFirstReply share of tickets whose first agent reply misses the first-reply SLA
 * @param customerReply share of tickets where the customer writes back after the first reply
 * @param slowNextReply share of customer replies answered after the next-reply SLA
 * @param promiseMade share of tickets where the agent makes a promise
 * @param promiseBroken share of promises not kept by their due time (half of them are kept late)
 * @param reopen share of resolved tickets the customer reopens
 */
public record Rates(
        double confirm,
        double cancelBeforeShipping,
        double neverShipped,
        double shippedLate,
        double split,
        double revisedEta,
        double deliveryFailure,
        double refundAfterBadExperience,
        double returnAfterGoodExperience,
        double ticketAfterBadExperience,
        double ticketAfterGoodExperience,
        double slowFirstReply,
        double customerReply,
        double slowNextReply,
        double promiseMade,
        double promiseBroken,
        double reopen) {

    public static final Rates DEFAULT = new Rates(
            0.70, 0.03, 0.01, 0.03, 0.15, 0.60, 0.02, 0.25, 0.02, 0.45, 0.03, 0.10, 0.50, 0.10, 0.40, 0.15, 0.10);

    /** Nothing ever goes wrong: no cancellations, late or failed parcels, slow replies or broken promises. */
    public static final Rates FLAWLESS =
            new Rates(0.70, 0.0, 0.0, 0.0, 0.15, 0.0, 0.0, 0.0, 0.02, 0.0, 0.03, 0.0, 0.50, 0.0, 0.40, 0.0, 0.0);

    public Rates {
        requireRate("confirm", confirm);
        requireRate("cancelBeforeShipping", cancelBeforeShipping);
        requireRate("neverShipped", neverShipped);
        requireRate("shippedLate", shippedLate);
        requireRate("split", split);
        requireRate("revisedEta", revisedEta);
        requireRate("deliveryFailure", deliveryFailure);
        requireRate("refundAfterBadExperience", refundAfterBadExperience);
        requireRate("returnAfterGoodExperience", returnAfterGoodExperience);
        requireRate("ticketAfterBadExperience", ticketAfterBadExperience);
        requireRate("ticketAfterGoodExperience", ticketAfterGoodExperience);
        requireRate("slowFirstReply", slowFirstReply);
        requireRate("customerReply", customerReply);
        requireRate("slowNextReply", slowNextReply);
        requireRate("promiseMade", promiseMade);
        requireRate("promiseBroken", promiseBroken);
        requireRate("reopen", reopen);
        double fates = cancelBeforeShipping + neverShipped + shippedLate;
        if (fates > 1.0) {
            throw new IllegalArgumentException(
                    "cancelBeforeShipping + neverShipped + shippedLate is a share of all orders "
                            + "and must be at most 1, was " + fates);
        }
    }

    static void requireRate(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be a probability in [0, 1], was " + value);
        }
    }
}
