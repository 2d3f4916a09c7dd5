package io.churnwatch.alerting;

import java.util.Map;

/** Decides whether an alert with these labels is kept quiet now; silences and inhibitions both are Muters. */
@FunctionalInterface
public interface Muter {
    boolean mutes(Map<String, String> labels);

    static Muter anyOf(Muter... muters) {
        return labels -> {
            for (Muter m : muters) {
                if (m.mutes(labels)) {
                    return true;
                }
            }
            return false;
        };
    }
}
