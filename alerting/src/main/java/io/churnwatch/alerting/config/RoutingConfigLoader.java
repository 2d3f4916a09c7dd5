package io.churnwatch.alerting.config;

import io.churnwatch.alerting.inhibit.InhibitRule;
import io.churnwatch.alerting.notify.QuietHours;
import io.churnwatch.alerting.notify.RateLimit;
import io.churnwatch.alerting.route.AlertLabels;
import io.churnwatch.alerting.route.Matcher;
import io.churnwatch.alerting.route.Route;
import io.churnwatch.connect.Secret;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads the routing file and validates all of it before the first alert: unknown keys, bad
 * durations, matchers and time zones, undefined receivers, missing secrets. Every problem names
 * its path and line; all are reported together in one {@link InvalidConfigException}.
 */
public final class RoutingConfigLoader {
    static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
    static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);
    static final Duration DEFAULT_AM_RESOLVE_TIMEOUT = Duration.ofHours(24);
    static final String DEFAULT_DASHBOARD = "http://localhost:8080/alerts/{alert_id}";
    /** "UTC" as a region, so that times read "... UTC" rather than "... Z". */
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("UTC");

    private static final Set<String> LABELS = Set.of(
            AlertLabels.ALERTNAME,
            AlertLabels.ALERT_ID,
            AlertLabels.CUSTOMER_ID,
            AlertLabels.SEVERITY,
            AlertLabels.TIER,
            AlertLabels.REGION,
            AlertLabels.KIND,
            AlertLabels.SCOPE);
    private static final Set<String> CHANNELS = Set.of("pagerduty", "slack", "email", "webhook", "alertmanager");

    private final RoutingSecrets secrets;

    public RoutingConfigLoader(Map<String, String> env, Path baseDir) {
        this.secrets = new RoutingSecrets(env, baseDir);
    }

    /** Reads secrets from the process environment and files relative to the routing file. */
    public static RoutingConfig load(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        return new RoutingConfigLoader(System.getenv(), dir)
                .parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    public RoutingConfig parse(String source, String yaml) {
        YamlTree tree;
        try (Reader r = new StringReader(yaml)) {
            tree = YamlTree.parse(r);
        } catch (IOException e) {
            throw new InvalidConfigException(source, List.of("not valid YAML: " + e.getMessage()));
        }
        Problems problems = new Problems();
        YamlNode root = tree.root();
        root.allowOnly(problems, Set.of("global", "route", "receivers", "inhibit_rules"));

        YamlNode global = root.child("global");
        global.allowOnly(problems, Set.of("dashboard_url_template", "timezone", "currency"));
        String dashboard = global.optString("dashboard_url_template").orElse(DEFAULT_DASHBOARD);
        ZoneId timeZone = DEFAULT_TIME_ZONE;
        Optional<String> zoneName = global.optString("timezone");
        if (zoneName.isPresent()) {
            try {
                timeZone = ZoneId.of(zoneName.get());
            } catch (DateTimeException e) {
                problems.add(
                        global.child("timezone"),
                        "global.timezone \"" + zoneName.get()
                                + "\" is not an IANA time zone such as Europe/Berlin or UTC");
            }
        }
        Optional<String> currency = global.optString("currency");
        if (currency.isPresent() && !currency.get().matches("[A-Z]{3}")) {
            problems.add(
                    global.child("currency"),
                    "global.currency \"" + currency.get() + "\" is not an ISO 4217 code such as EUR");
        }

        Map<String, ReceiverConfig> receivers = receivers(root.child("receivers"), problems);

        YamlNode routeNode = root.child("route");
        Route route = null;
        if (routeNode.isMissing()) {
            problems.add(root, "route is required");
        } else {
            if (routeNode.has("matchers")) {
                problems.add(
                        routeNode.child("matchers"), "route.matchers is not allowed: the root route takes every alert");
            }
            if (!routeNode.has("receiver")) {
                problems.add(routeNode, "route.receiver is required: the root route catches what no other route takes");
            }
            Route defaults = new Route(
                    "",
                    List.of(),
                    "",
                    List.of(),
                    false,
                    DEFAULT_GROUP_WAIT,
                    DEFAULT_GROUP_INTERVAL,
                    DEFAULT_REPEAT_INTERVAL,
                    false,
                    List.of());
            route = route(routeNode, "route", defaults, receivers, problems);
        }

        List<InhibitRule> inhibitRules = new ArrayList<>();
        for (YamlNode r : root.child("inhibit_rules").elements(problems)) {
            r.allowOnly(problems, Set.of("source_matchers", "target_matchers", "equal"));
            List<Matcher> sources = matchers(r, "source_matchers", problems);
            List<Matcher> targets = matchers(r, "target_matchers", problems);
            if (sources.isEmpty() || targets.isEmpty()) {
                problems.add(r, r.path() + " needs source_matchers and target_matchers");
            }
            List<String> equal = r.strings(problems, "equal");
            labelNames(r.child("equal"), equal, problems);
            inhibitRules.add(new InhibitRule(sources, targets, equal));
        }

        if (!problems.isEmpty()) {
            throw new InvalidConfigException(source, problems.messages());
        }
        return new RoutingConfig(route, receivers, inhibitRules, dashboard, timeZone, currency);
    }

    private Route route(YamlNode n, String id, Route parent, Map<String, ReceiverConfig> receivers, Problems problems) {
        n.allowOnly(
                problems,
                Set.of(
                        "receiver",
                        "matchers",
                        "group_by",
                        "group_wait",
                        "group_interval",
                        "repeat_interval",
                        "continue",
                        "routes"));
        String receiver = n.optString("receiver").orElse(parent.receiver());
        if (n.has("receiver") && !receivers.containsKey(receiver)) {
            problems.add(
                    n.child("receiver"),
                    n.path() + ".receiver \"" + receiver + "\" is not defined (known: "
                            + String.join(", ", new TreeSet<>(receivers.keySet())) + ")");
        }
        List<String> groupBy = n.has("group_by") ? n.strings(problems, "group_by") : parent.groupBy();
        boolean groupByAll = n.has("group_by") ? groupBy.equals(List.of("...")) : parent.groupByAll();
        if (!groupByAll) {
            labelNames(n.child("group_by"), n.has("group_by") ? groupBy : List.of(), problems);
        }
        Duration groupWait = n.optDuration(problems, "group_wait").orElse(parent.groupWait());
        Duration groupInterval = n.optDuration(problems, "group_interval").orElse(parent.groupInterval());
        Duration repeatInterval = n.optDuration(problems, "repeat_interval").orElse(parent.repeatInterval());
        if (groupInterval.isZero()) {
            problems.add(n.child("group_interval"), n.path() + ".group_interval must be more than 0");
        }
        if (repeatInterval.compareTo(groupInterval) < 0) {
            problems.add(
                    n.child("repeat_interval"),
                    n.path() + ".repeat_interval " + repeatInterval + " is shorter than group_interval " + groupInterval
                            + "; repeats happen on group_interval ticks");
        }
        ReceiverConfig rc = receivers.get(receiver);
        if (rc != null
                && rc.channel() instanceof ChannelConfig.Alertmanager am
                && am.resolveTimeout().compareTo(repeatInterval) <= 0) {
            problems.add(
                    n,
                    n.path() + " sends to alertmanager receiver \"" + receiver + "\" whose resolve_timeout "
                            + am.resolveTimeout() + " is not longer than repeat_interval " + repeatInterval
                            + "; Alertmanager would resolve firing alerts between refreshes");
        }
        List<Matcher> matchers = matchers(n, "matchers", problems);
        boolean cont = n.bool(problems, "continue", false);
        Route template = new Route(
                id, matchers, receiver, groupBy, groupByAll, groupWait, groupInterval, repeatInterval, cont, List.of());
        List<Route> children = new ArrayList<>();
        List<YamlNode> childNodes = n.child("routes").elements(problems);
        for (int i = 0; i < childNodes.size(); i++) {
            children.add(route(childNodes.get(i), id + ".routes[" + i + "]", template, receivers, problems));
        }
        return new Route(
                id, matchers, receiver, groupBy, groupByAll, groupWait, groupInterval, repeatInterval, cont, children);
    }

    private static List<Matcher> matchers(YamlNode parent, String key, Problems problems) {
        List<Matcher> out = new ArrayList<>();
        for (YamlNode m : parent.child(key).elements(problems)) {
            try {
                Matcher matcher = Matcher.parse(m.text().orElse(""));
                if (!LABELS.contains(matcher.name())) {
                    problems.add(
                            m,
                            m.path() + " matches on \"" + matcher.name() + "\", which is not a label (known: "
                                    + String.join(", ", new TreeSet<>(LABELS)) + ")");
                }
                out.add(matcher);
            } catch (IllegalArgumentException e) {
                problems.add(m, m.path() + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static void labelNames(YamlNode where, List<String> names, Problems problems) {
        for (String name : names) {
            if (!LABELS.contains(name)) {
                problems.add(
                        where,
                        where.path() + " names \"" + name + "\", which is not a label (known: "
                                + String.join(", ", new TreeSet<>(LABELS)) + ")");
            }
        }
    }

    private Map<String, ReceiverConfig> receivers(YamlNode list, Problems problems) {
        Map<String, ReceiverConfig> out = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (YamlNode r : list.elements(problems)) {
            Set<String> allowed = new HashSet<>(CHANNELS);
            allowed.addAll(Set.of("name", "delivery", "rate_limit", "quiet_hours"));
            r.allowOnly(problems, allowed);
            String name = r.string(problems, "name");
            if (!name.isEmpty() && !seen.add(name)) {
                problems.add(r.child("name"), r.path() + ".name \"" + name + "\" is defined twice");
            }
            List<String> present = CHANNELS.stream().filter(r::has).sorted().toList();
            if (present.size() != 1) {
                problems.add(
                        r,
                        r.path() + " (\"" + name + "\") needs exactly one of "
                                + String.join(", ", new TreeSet<>(CHANNELS))
                                + (present.isEmpty() ? "" : ", found " + String.join(", ", present)));
                continue;
            }
            String type = present.get(0);
            ChannelConfig channel = channel(type, r.child(type), problems);
            DeliveryPolicy delivery = delivery(r.child("delivery"), problems);
            Optional<RateLimit> rateLimit = rateLimit(r.child("rate_limit"), problems);
            Optional<QuietHours> quiet = quietHours(r.child("quiet_hours"), problems);
            if (quiet.isPresent() && type.equals("pagerduty")) {
                problems.add(
                        r.child("quiet_hours"),
                        r.path() + ".quiet_hours is not allowed on a pagerduty receiver: "
                                + "pages must not wait; use quiet hours only for receivers that do not page");
            }
            if (channel != null) {
                out.put(name, new ReceiverConfig(name, channel, delivery, rateLimit, quiet));
            }
        }
        return out;
    }

    private ChannelConfig channel(String type, YamlNode n, Problems problems) {
        switch (type) {
            case "pagerduty" -> {
                n.allowOnly(problems, keys(Set.of("url", "source"), "routing_key"));
                URI url = uri(n, "url", problems).orElse(ChannelConfig.PagerDuty.DEFAULT_URL);
                Optional<Secret> key = secrets.read(n, "routing_key", true, problems);
                return key.map(k -> new ChannelConfig.PagerDuty(
                                url, k, n.optString("source").orElse("churnwatch")))
                        .orElse(null);
            }
            case "slack" -> {
                n.allowOnly(problems, keys(Set.of(), "webhook_url"));
                return secrets.read(n, "webhook_url", true, problems)
                        .map(ChannelConfig.Slack::new)
                        .orElse(null);
            }
            case "email" -> {
                n.allowOnly(
                        problems,
                        keys(
                                Set.of(
                                        "smtp_host",
                                        "smtp_port",
                                        "starttls",
                                        "starttls_required",
                                        "username",
                                        "from",
                                        "to"),
                                "password"));
                String host = n.string(problems, "smtp_host");
                int port =
                        n.optNumber(problems, "smtp_port").map(Double::intValue).orElse(587);
                boolean startTls = n.bool(problems, "starttls", true);
                boolean required = n.bool(problems, "starttls_required", startTls);
                Optional<String> user = n.optString("username");
                Optional<Secret> password = secrets.read(n, "password", user.isPresent(), problems);
                String from = n.string(problems, "from");
                List<String> to = n.strings(problems, "to");
                if (to.isEmpty()) {
                    problems.add(n, n.path() + ".to needs at least one address");
                }
                return new ChannelConfig.Email(host, port, startTls, required, user, password, from, to);
            }
            case "webhook" -> {
                n.allowOnly(problems, keys(keys(Set.of(), "url"), "secret"));
                Optional<Secret> url = secrets.read(n, "url", true, problems);
                Optional<Secret> secret = secrets.read(n, "secret", true, problems);
                if (secret.isPresent() && !validWebhookSecret(secret.get())) {
                    problems.add(n, n.path() + ".secret must be \"whsec_\" followed by base64 (Standard Webhooks)");
                    return null;
                }
                return url.isPresent() && secret.isPresent()
                        ? new ChannelConfig.Webhook(url.get(), secret.get())
                        : null;
            }
            default -> {
                n.allowOnly(problems, Set.of("url", "resolve_timeout"));
                Optional<URI> url = uri(n, "url", problems);
                if (url.isEmpty()) {
                    problems.add(n, n.path() + ".url is required");
                    return null;
                }
                return new ChannelConfig.Alertmanager(
                        url.get(), n.optDuration(problems, "resolve_timeout").orElse(DEFAULT_AM_RESOLVE_TIMEOUT));
            }
        }
    }

    private static boolean validWebhookSecret(Secret s) {
        String v = s.reveal();
        if (!v.startsWith("whsec_")) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(v.substring("whsec_".length())).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Set<String> keys(Set<String> plain, String secretName) {
        Set<String> all = new HashSet<>(plain);
        all.addAll(RoutingSecrets.keys(secretName));
        return all;
    }

    private static Optional<URI> uri(YamlNode n, String key, Problems problems) {
        Optional<String> text = n.optString(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI u = new URI(text.get());
            if (u.getScheme() == null
                    || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
                problems.add(n.child(key), n.child(key).path() + " must be an http or https URL");
                return Optional.empty();
            }
            return Optional.of(u);
        } catch (URISyntaxException e) {
            problems.add(n.child(key), n.child(key).path() + " is not a URL: " + e.getReason());
            return Optional.empty();
        }
    }

    private static DeliveryPolicy delivery(YamlNode n, Problems problems) {
        DeliveryPolicy d = DeliveryPolicy.DEFAULTS;
        if (n.isMissing()) {
            return d;
        }
        n.allowOnly(
                problems,
                Set.of(
                        "timeout",
                        "max_attempts",
                        "initial_backoff",
                        "max_backoff",
                        "jitter",
                        "max_retry_after",
                        "circuit_breaker"));
        YamlNode cb = n.child("circuit_breaker");
        cb.allowOnly(problems, Set.of("failures", "delay"));
        int attempts =
                n.optNumber(problems, "max_attempts").map(Double::intValue).orElse(d.maxAttempts());
        if (attempts < 1) {
            problems.add(n.child("max_attempts"), n.path() + ".max_attempts must be at least 1");
        }
        double jitter = n.optNumber(problems, "jitter").orElse(d.jitter());
        if (jitter < 0 || jitter >= 1) {
            problems.add(n.child("jitter"), n.path() + ".jitter must be in [0, 1)");
        }
        return new DeliveryPolicy(
                n.optDuration(problems, "timeout").orElse(d.timeout()),
                attempts,
                n.optDuration(problems, "initial_backoff").orElse(d.initialBackoff()),
                n.optDuration(problems, "max_backoff").orElse(d.maxBackoff()),
                jitter,
                n.optDuration(problems, "max_retry_after").orElse(d.maxRetryAfter()),
                cb.optNumber(problems, "failures").map(Double::intValue).orElse(d.breakerFailures()),
                cb.optDuration(problems, "delay").orElse(d.breakerDelay()));
    }

    private static Optional<RateLimit> rateLimit(YamlNode n, Problems problems) {
        if (n.isMissing()) {
            return Optional.empty();
        }
        n.allowOnly(problems, Set.of("rate", "per", "burst"));
        double rate = n.optNumber(problems, "rate").orElse(0.0);
        Duration per = n.optDuration(problems, "per").orElse(Duration.ofMinutes(1));
        int burst = n.optNumber(problems, "burst").map(Double::intValue).orElse((int) Math.max(1, rate));
        try {
            return Optional.of(new RateLimit(rate, per, burst));
        } catch (IllegalArgumentException e) {
            problems.add(n, n.path() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<QuietHours> quietHours(YamlNode n, Problems problems) {
        if (n.isMissing()) {
            return Optional.empty();
        }
        n.allowOnly(problems, Set.of("start", "end", "timezone"));
        try {
            LocalTime start = LocalTime.parse(n.string(problems, "start"));
            LocalTime end = LocalTime.parse(n.string(problems, "end"));
            ZoneId zone = ZoneId.of(n.string(problems, "timezone"));
            return Optional.of(new QuietHours(start, end, zone));
        } catch (DateTimeException | IllegalArgumentException e) {
            problems.add(
                    n,
                    n.path() + " needs start and end as HH:MM and an IANA timezone such as Europe/Berlin ("
                            + e.getMessage() + ")");
            return Optional.empty();
        }
    }
}
