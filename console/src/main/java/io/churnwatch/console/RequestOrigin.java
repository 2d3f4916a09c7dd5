package io.churnwatch.console;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a state-changing request was sent by a page of this console, from the headers every
 * current browser adds: {@code Sec-Fetch-Site} (Fetch Metadata) and {@code Origin}. A form on another
 * site that posts here, a login forged to sign the victim in as the attacker among them, is refused,
 * while a script or command-line client, which sends neither header, is not a CSRF vector and passes.
 * It guards the login, which has no session token yet, and backs up the session's token everywhere
 * else.
 */
final class RequestOrigin {

    private RequestOrigin() {}

    /**
     * Why the request must be refused, or empty when it may go on.
     *
     * @param secFetchSite the {@code Sec-Fetch-Site} header, or null
     * @param origin the {@code Origin} header, or null
     * @param host the {@code Host} header the request was sent to (behind a proxy, the proxy's)
     */
    static Optional<String> refusal(String secFetchSite, String origin, String host) {
        if (secFetchSite != null) {
            String site = secFetchSite.strip().toLowerCase(Locale.ROOT);
            if (site.equals("cross-site") || site.equals("same-site")) {
                return Optional.of("this form was sent from another site (Sec-Fetch-Site: " + site + ")");
            }
        }
        if (origin == null || origin.isBlank()) {
            return Optional.empty();
        }
        if (origin.strip().equals("null")) {
            return Optional.of("this form was sent from a page without an origin");
        }
        String authority;
        try {
            authority = URI.create(origin.strip()).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return Optional.of("the Origin header is not a URL");
        }
        if (authority == null || host == null || !authority.equalsIgnoreCase(host.strip())) {
            return Optional.of("this form was sent from " + origin.strip() + ", not from this console");
        }
        return Optional.empty();
    }
}
