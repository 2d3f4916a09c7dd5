package io.churnwatch.jobs.detect;

/**
 * Remembers the last few event ids of one entity as 64-bit hashes, so a redelivered event counts once.
 *
 * <p>Hashes instead of ids keep an order's state small (8 bytes per event instead of ~40); a collision
 * needs two events of the same entity to share a 64-bit FNV-1a hash. The ring holds {@link #CAPACITY}
 * events: an entity with more events than that could re-count a very old duplicate, which the bounded
 * out-of-orderness makes unlikely.
 */
public final class SeenEvents {

    public static final int CAPACITY = 16;

    private SeenEvents() {}

    /** Returns the ring with {@code eventId} added, or null if it was already there (a duplicate). */
    public static long[] addIfNew(long[] ring, String eventId) {
        long hash = hash(eventId);
        if (ring == null) {
            return new long[] {hash};
        }
        for (long seen : ring) {
            if (seen == hash) {
                return null;
            }
        }
        if (ring.length < CAPACITY) {
            long[] grown = java.util.Arrays.copyOf(ring, ring.length + 1);
            grown[ring.length] = hash;
            return grown;
        }
        System.arraycopy(ring, 1, ring, 0, ring.length - 1);
        ring[ring.length - 1] = hash;
        return ring;
    }

    public static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
