package io.churnwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.churnwatch.alerting.route.Matcher;
import io.churnwatch.alerting.silence.Silence;
import io.churnwatch.events.AlertAction;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import io.javalin.http.staticfiles.Location;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web side: pages (jte, precompiled, HTML-escaped) and the JSON API, both behind one login check
 * and one CSRF check, on Javalin (Jetty).
 *
 * <p>Security, in the order a request meets it: static files and the login page are public; every
 * other request needs a session (cookie {@value #SESSION_COOKIE}, HttpOnly, SameSite=Strict, Secure
 * when configured) or, only when configured, a user named by a trusted proxy header; every POST needs
 * the session's CSRF token (header {@code X-CSRF-Token} or form field {@code csrf}); acting needs the
 * agent role and silences the admin role. A POST a browser says came from another site ({@code
 * Sec-Fetch-Site}, {@code Origin}) is refused, the login's included, and failed logins are throttled
 * per user name and address ({@link LoginThrottle}). Answers carry a strict Content-Security-Policy (no inline
 * script), so even markup that slipped through escaping could not run.
 */
public final class ConsoleServer {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    static final String SESSION_COOKIE = "cw_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final ConsoleSettings settings;
    private final AlertRepository alerts;
    private final ActionService actions;
    private final WorkflowCache workflow;
    private final Silences silences;
    private final Charts charts;
    private final Complaints complaints;
    private final Sessions sessions;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private Javalin app;

    /** What every page knows about who is looking. */
    public record Viewer(String user, Role role, String csrf, String nav) {
        public boolean canAct() {
            return role.atLeast(Role.AGENT);
        }

        public boolean isAdmin() {
            return role.atLeast(Role.ADMIN);
        }
    }

    private final LoginThrottle throttle;

    public ConsoleServer(
            ConsoleSettings settings,
            AlertRepository alerts,
            ActionService actions,
            WorkflowCache workflow,
            Silences silences,
            Charts charts,
            Complaints complaints) {
        this.settings = settings;
        this.alerts = alerts;
        this.actions = actions;
        this.workflow = workflow;
        this.silences = silences;
        this.charts = charts;
        this.complaints = complaints;
        this.sessions = new Sessions(settings.clock());
        this.throttle = new LoginThrottle(settings.clock());
    }

    public ConsoleServer start() {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/static";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            config.routes.before(this::headers);
            config.routes.before(this::authenticate);
            routes(config.routes);
            config.routes.exception(BadRequest.class, this::badRequest);
            config.routes.exception(Conflict.class, (e, ctx) -> conflict(e, ctx));
            config.routes.exception(ActionService.NotFound.class, (e, ctx) -> error(ctx, 404, e.getMessage(), null));
            config.routes.exception(Forbidden.class, (e, ctx) -> error(ctx, 403, e.getMessage(), null));
            config.routes.exception(Exception.class, (e, ctx) -> {
                // The class only: a message may quote a URL, a document or a credential.
                LOG.warn(
                        "{} {} failed: {}",
                        ctx.method(),
                        ctx.path(),
                        e.getClass().getName());
                error(ctx, 500, "internal error; the console log has the details", null);
            });
        });
        app.start(settings.host(), settings.port());
        return this;
    }

    public String url() {
        String host = settings.host().equals("0.0.0.0") ? "127.0.0.1" : settings.host();
        return "http://" + host + ":" + app.port();
    }

    public void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private void routes(io.javalin.config.RoutesConfig r) {
        r.get(
                "/login",
                ctx -> ctx.html(render("login.jte", Map.of("next", safeNext(ctx.queryParam("next")), "error", ""))));
        r.post("/login", this::login);
        r.post("/logout", ctx -> {
            sessions.close(ctx.cookie(SESSION_COOKIE));
            ctx.cookie(cookie("", 0));
            ctx.redirect("/login");
        });
        r.get("/health", ctx -> ctx.json(Map.of("status", "ok")));

        r.get("/", ctx -> {
            Viewer v = viewer(ctx, "worklist");
            Worklist w = alerts.worklist(WorklistQuery.parse(ctx.queryParamMap()), v.user());
            ctx.html(render(
                    "worklist.jte",
                    Map.of("viewer", v, "w", w, "now", settings.clock().instant())));
        });
        r.get("/worklist/results", ctx -> {
            Viewer v = viewer(ctx, "worklist");
            Worklist w = alerts.worklist(WorklistQuery.parse(ctx.queryParamMap()), v.user());
            ctx.html(render(
                    "results.jte",
                    Map.of("viewer", v, "w", w, "now", settings.clock().instant())));
        });
        r.get(
                "/api/worklist/fingerprint",
                ctx -> ctx.json(Map.of(
                        "fingerprint", alerts.fingerprint(WorklistQuery.parse(ctx.queryParamMap()), user(ctx)))));
        r.get("/api/alerts", ctx -> {
            Worklist w = alerts.worklist(WorklistQuery.parse(ctx.queryParamMap()), user(ctx));
            json(ctx, 200, worklistJson(w));
        });
        r.get("/api/me", ctx -> {
            Viewer v = viewer(ctx, "");
            json(
                    ctx,
                    200,
                    Json.object()
                            .put("user", v.user())
                            .put("role", v.role().label())
                            .put("csrf_token", v.csrf()));
        });

        r.get("/alerts/{id}", ctx -> alertPage(ctx, 200, null, null, null));
        r.get("/api/alerts/{id}", ctx -> json(ctx, 200, alertJson(page(ctx.pathParam("id")))));
        r.post("/alerts/{id}/actions", ctx -> {
            requireRole(ctx, Role.AGENT);
            String id = ctx.pathParam("id");
            try {
                ActionRequest request =
                        ActionRequest.parse(ctx::formParam, settings.clock().instant());
                actions.act(id, request, user(ctx));
                ctx.redirect("/alerts/" + urlPart(id) + "#actions");
            } catch (BadRequest e) {
                alertPage(ctx, 400, e.getMessage(), e.field(), null);
            } catch (Conflict e) {
                alertPage(ctx, 409, null, null, e);
            }
        });
        r.post("/api/alerts/{id}/actions", ctx -> {
            requireRole(ctx, Role.AGENT);
            JsonNode body = body(ctx);
            ActionRequest request = ActionRequest.parse(
                    field -> textField(body, field), settings.clock().instant());
            ActionService.Recorded recorded = actions.act(ctx.pathParam("id"), request, user(ctx));
            ObjectNode answer = Json.object();
            answer.set("action", ActionDocuments.toJson(recorded.action(), null));
            answer.put("created", recorded.created());
            answer.set("workflow", workflowJson(recorded.state()));
            json(ctx, recorded.created() ? 201 : 200, answer);
        });

        r.get("/silences", ctx -> silencesPage(ctx, 200, null, null));
        r.get("/api/silences", ctx -> {
            ArrayNode list = Json.array();
            silences.list().forEach(s -> list.add(silenceJson(s)));
            json(ctx, 200, Json.object().set("silences", list));
        });
        r.post("/api/silences/preview", ctx -> {
            JsonNode body = body(ctx);
            List<String> lines = new ArrayList<>();
            body.path("matchers").forEach(m -> lines.add(m.asText()));
            json(ctx, 200, previewJson(Silences.matchers(lines)));
        });
        r.post("/silences", ctx -> {
            requireRole(ctx, Role.ADMIN);
            try {
                List<Matcher> matchers = Silences.matchers(Arrays.asList(Optional.ofNullable(ctx.formParam("matchers"))
                        .orElse("")
                        .split("\\R")));
                Instant now = settings.clock().instant();
                Instant ends = until(ctx.formParam("ends_at"), "ends_at");
                String comment =
                        Optional.ofNullable(ctx.formParam("comment")).orElse("").strip();
                if (comment.isEmpty() || comment.length() > 500) {
                    throw new BadRequest("comment", "say why in comment (at most 500 characters)");
                }
                if ("preview".equals(ctx.formParam("intent"))) {
                    silencesPage(ctx, 200, null, matchers);
                    return;
                }
                silences.create(matchers, now, ends, user(ctx), comment);
                ctx.redirect("/silences");
            } catch (BadRequest e) {
                silencesPage(ctx, 400, e, null);
            }
        });
        r.post("/silences/{id}/expire", ctx -> {
            requireRole(ctx, Role.ADMIN);
            silences.expire(ctx.pathParam("id"));
            ctx.redirect("/silences");
        });

        r.get(
                "/charts",
                ctx -> ctx.html(render(
                        "charts.jte", Map.of("viewer", viewer(ctx, "charts"), "outcomes", charts.playbookOutcomes()))));
        r.get("/api/charts", ctx -> json(ctx, 200, charts.all()));

        r.get("/complaints", ctx -> {
            ComplaintWeeks.Report report = complaints.weekly();
            ctx.html(render(
                    "complaints.jte",
                    Map.of(
                            "viewer",
                            viewer(ctx, "complaints"),
                            "report",
                            report,
                            "chart",
                            Json.write(Complaints.json(report)))));
        });
        r.get("/api/complaints", ctx -> json(ctx, 200, Complaints.json(complaints.weekly())));
    }

    // ------------------------------------------------------------------ security

    private void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
        if (!ctx.path().startsWith("/static") && !ctx.path().startsWith("/webjars")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    private static boolean isPublic(String path) {
        return path.equals("/login")
                || path.equals("/health")
                || path.startsWith("/static/")
                || path.startsWith("/webjars/");
    }

    private void authenticate(Context ctx) {
        if (ctx.method() == HandlerType.POST) {
            Optional<String> refusal =
                    RequestOrigin.refusal(ctx.header("Sec-Fetch-Site"), ctx.header("Origin"), ctx.host());
            if (refusal.isPresent()) {
                LOG.info("Refused a {} to {} sent from another site", ctx.method(), ctx.path());
                error(ctx, 403, refusal.get() + "; open the console itself and try again", "origin");
                ctx.skipRemainingHandlers();
                return;
            }
        }
        if (isPublic(ctx.path())) {
            return;
        }
        Optional<Sessions.Session> session = sessions.find(ctx.cookie(SESSION_COOKIE));
        if (settings.trustedUserHeader() != null) {
            String name = ctx.header(settings.trustedUserHeader());
            if (name != null && UsersFile.USER_NAME.matcher(name.strip()).matches()) {
                if (session.isEmpty() || !session.get().user().name().equals(name.strip())) {
                    session = Optional.of(sessions.open(settings.users().trusted(name.strip())));
                    ctx.cookie(cookie(session.get().id(), -1));
                }
            } else {
                session = Optional.empty();
            }
        }
        if (session.isEmpty()) {
            if (ctx.path().startsWith("/api/")) {
                error(ctx, 401, "log in first", null);
            } else if (ctx.method() == HandlerType.GET) {
                ctx.redirect("/login?next="
                        + urlPart(ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString())));
            } else {
                error(ctx, 401, "log in first", null);
            }
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute("session", session.get());
        if (ctx.method() == HandlerType.POST) {
            String token = ctx.header(CSRF_HEADER);
            if (token == null && isForm(ctx)) {
                token = ctx.formParam("csrf");
            }
            if (!Sessions.same(token, session.get().csrfToken())) {
                error(ctx, 403, "missing or wrong CSRF token; reload the page and try again", "csrf");
                ctx.skipRemainingHandlers();
            }
        }
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null
                && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
    }

    private void login(Context ctx) {
        String next = safeNext(ctx.formParam("next"));
        String name = Optional.ofNullable(ctx.formParam("username")).orElse("").strip();
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        Optional<java.time.Duration> wait = throttle.wait(name, ctx.ip());
        if (wait.isPresent()) {
            long minutes = Math.max(1, (wait.get().toSeconds() + 59) / 60);
            LOG.info("Refused a console login attempt: too many failures for the name or address");
            ctx.header("Retry-After", String.valueOf(wait.get().toSeconds() + 1));
            ctx.status(429)
                    .html(render(
                            "login.jte",
                            Map.of(
                                    "next",
                                    next,
                                    "error",
                                    "Too many failed logins. Try again in " + minutes
                                            + (minutes == 1 ? " minute." : " minutes."))));
            return;
        }
        Optional<UsersFile.User> user = settings.users().authenticate(name, password.toCharArray());
        if (user.isEmpty()) {
            throttle.failed(name, ctx.ip());
            LOG.info("Failed console login for a user name of {} characters", name.length());
            ctx.status(401).html(render("login.jte", Map.of("next", next, "error", "Wrong user name or password.")));
            return;
        }
        throttle.succeeded(name);
        sessions.close(ctx.cookie(SESSION_COOKIE));
        Sessions.Session session = sessions.open(user.get());
        ctx.cookie(cookie(session.id(), -1));
        LOG.info(
                "{} logged in to the console as {}",
                user.get().name(),
                user.get().role().label());
        ctx.redirect(next);
    }

    private Cookie cookie(String value, int maxAge) {
        return new Cookie(SESSION_COOKIE, value, "/", maxAge, settings.secureCookies(), true, null, SameSite.STRICT);
    }

    /** Only a path on this console: never another origin, so the login cannot redirect people away. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
            return "/";
        }
        return next;
    }

    private Sessions.Session session(Context ctx) {
        return ctx.attribute("session");
    }

    private String user(Context ctx) {
        return session(ctx).user().name();
    }

    private Viewer viewer(Context ctx, String nav) {
        Sessions.Session s = session(ctx);
        return new Viewer(s.user().name(), s.user().role(), s.csrfToken(), nav);
    }

    private void requireRole(Context ctx, Role role) {
        if (!session(ctx).user().role().atLeast(role)) {
            throw new Forbidden("this needs the " + role.label() + " role; you are "
                    + session(ctx).user().role().label());
        }
    }

    /** 403. */
    static final class Forbidden extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Forbidden(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ pages

    private AlertPage page(String alertId) {
        JsonNode doc = alerts.alert(alertId).orElseThrow(() -> new ActionService.NotFound("no alert " + alertId));
        List<AlertAction> list = workflow.actionsOf(alertId);
        List<String> incidentIds = new ArrayList<>();
        doc.path("reasons").forEach(r -> incidentIds.add(r.path("incident_id").asText()));
        return AlertPage.of(
                doc,
                workflow.derive(alertId, list),
                list,
                alerts.revisions(alertId),
                alerts.incidents(incidentIds),
                alerts.notifications(alertId),
                alerts::complaintTrend,
                settings.clock().instant());
    }

    private void alertPage(Context ctx, int status, String error, String errorField, Conflict conflict) {
        AlertPage page = page(ctx.pathParam("id"));
        Map<String, Object> model = new HashMap<>();
        model.put("viewer", viewer(ctx, "worklist"));
        model.put("a", page);
        model.put("error", error == null ? "" : error);
        model.put("errorField", errorField == null ? "" : errorField);
        model.put("conflict", conflict == null ? List.of() : conflict.changes());
        model.put("actionId", UUID.randomUUID().toString());
        ctx.status(status).html(render("alert.jte", model));
    }

    private void silencesPage(Context ctx, int status, BadRequest error, List<Matcher> preview) {
        Map<String, Object> model = new HashMap<>();
        model.put("viewer", viewer(ctx, "silences"));
        model.put("silences", silences.list());
        model.put("now", settings.clock().instant());
        model.put("error", error == null ? "" : error.getMessage());
        model.put("form", ctx.method() == HandlerType.POST ? formValues(ctx) : Map.of());
        model.put("preview", preview == null ? List.of() : matching(preview));
        model.put("previewed", preview != null);
        ctx.status(status).html(render("silences.jte", model));
    }

    private static Map<String, String> formValues(Context ctx) {
        Map<String, String> values = new HashMap<>();
        for (String f : List.of("matchers", "ends_at", "comment")) {
            values.put(f, Optional.ofNullable(ctx.formParam(f)).orElse(""));
        }
        return values;
    }

    /** Firing alerts the matchers select, by the labels the delivery stage matches on. */
    private List<AlertRow> matching(List<Matcher> matchers) {
        List<AlertRow> out = new ArrayList<>();
        Instant now = settings.clock().instant();
        ObjectNode body = Json.object();
        body.put("size", 1000);
        body.set("query", AlertRepository.term("status", "FIRING"));
        body.putArray("sort").add(Json.object().put("priority_score", "desc"));
        for (JsonNode doc : AlertRepository.hits(alertsSearch(body))) {
            if (Matcher.all(matchers, DocumentLabels.of(doc))) {
                out.add(AlertRow.of(doc, workflow.of(Json.text(doc, "alert_id")), now));
            }
        }
        return out;
    }

    private JsonNode alertsSearch(ObjectNode body) {
        return alerts.search(body);
    }

    private Instant until(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new BadRequest(field, field + " is required");
        }
        return ActionRequest.time(value.strip(), field);
    }

    private String render(String template, Map<String, Object> model) {
        StringOutput out = new StringOutput();
        templates.render(template, model, out);
        return out.toString();
    }

    // ------------------------------------------------------------------ JSON

    private static JsonNode body(Context ctx) {
        try {
            JsonNode node = Json.MAPPER.readTree(ctx.body());
            if (node == null || !node.isObject()) {
                throw new BadRequest("body", "the body must be a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new BadRequest("body", "the body is not valid JSON");
        }
    }

    private static String textField(JsonNode body, String field) {
        JsonNode v = body.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    private void error(Context ctx, int status, String message, String field) {
        if (ctx.path().startsWith("/api/") || !wantsHtml(ctx)) {
            ObjectNode body = Json.object().put("error", message);
            if (field != null) {
                body.put("field", field);
            }
            json(ctx, status, body);
        } else {
            ctx.status(status).html(render("error.jte", Map.of("status", status, "message", message)));
        }
    }

    private static boolean wantsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html");
    }

    private void badRequest(BadRequest e, Context ctx) {
        error(ctx, 400, e.getMessage(), e.field());
    }

    private void conflict(Conflict e, Context ctx) {
        ObjectNode body = Json.object().put("error", e.getMessage());
        ArrayNode changes = body.putArray("changes");
        e.changes().forEach(changes::add);
        body.put("revision", e.revision());
        body.put("workflow_version", e.workflowVersion());
        json(ctx, 409, body);
    }

    private ObjectNode worklistJson(Worklist w) {
        ObjectNode out = Json.object();
        out.put("total", w.total());
        out.put("page", w.query().page());
        out.put("size", w.query().size());
        ArrayNode rows = out.putArray("alerts");
        for (AlertRow r : w.rows()) {
            rows.add(rowJson(r));
        }
        out.set("facets", Json.MAPPER.valueToTree(w.facets()));
        return out;
    }

    private static ObjectNode rowJson(AlertRow r) {
        ObjectNode o = Json.object();
        o.put("alert_id", r.alertId());
        o.put("customer_id", r.customerId());
        o.put("tier", r.tier());
        if (r.customerValue() != null) {
            o.put("customer_value", r.customerValue());
        }
        o.put("region", r.region());
        o.put("severity", r.severity());
        o.put("risk_score", r.riskScore());
        o.put("priority_score", r.priorityScore());
        o.put("reason", r.reason());
        o.put("playbook", r.playbook());
        o.put("owner", r.owner());
        o.put("callback_by", r.callbackBy() == null ? null : r.callbackBy().toString());
        o.put("overdue", r.overdue());
        o.put("assignee", r.workflow().assignee());
        o.put("state", r.state().label());
        o.put("revision", r.revision());
        o.put("first_seen", r.firstSeen() == null ? null : r.firstSeen().toString());
        o.put("workflow_version", r.workflow().version());
        return o;
    }

    private ObjectNode workflowJson(WorkflowState s) {
        ObjectNode o = Json.object();
        o.put("version", s.version());
        o.put("state", s.stateAt(settings.clock().instant()).label());
        o.put("assignee", s.assignee());
        o.put("acknowledged_by", s.acknowledgedBy());
        o.put(
                "snoozed_until",
                s.snoozedUntil() == null ? null : s.snoozedUntil().toString());
        o.put("outcome", s.outcome() == null ? null : s.outcome().name());
        o.put(
                "follow_up_due_at",
                s.followUpDueAt() == null ? null : s.followUpDueAt().toString());
        o.put(
                "follow_up_done_at",
                s.followUpDoneAt() == null ? null : s.followUpDoneAt().toString());
        return o;
    }

    private ObjectNode alertJson(AlertPage p) {
        ObjectNode o = rowJson(p.row());
        o.set("workflow", workflowJson(p.row().workflow()));
        o.set("reasons", Json.MAPPER.valueToTree(p.reasons()));
        o.set("save_action", Json.MAPPER.valueToTree(p.save()));
        o.set("revisions", Json.MAPPER.valueToTree(p.revisions()));
        o.set("incidents", Json.MAPPER.valueToTree(p.incidents()));
        o.set("notifications", Json.MAPPER.valueToTree(p.notifications()));
        ArrayNode acts = o.putArray("actions");
        p.actions().forEach(a -> acts.add(ActionDocuments.toJson(a, null)));
        o.set("complaint_trend", Json.MAPPER.valueToTree(p.trend()));
        return o;
    }

    private static ObjectNode silenceJson(Silence s) {
        ObjectNode o = Json.object();
        o.put("id", s.id());
        ArrayNode m = o.putArray("matchers");
        s.matchers().forEach(x -> m.add(x.toString()));
        o.put("starts_at", s.startsAt().toString());
        o.put("ends_at", s.endsAt().toString());
        o.put("created_by", s.createdBy());
        o.put("comment", s.comment());
        return o;
    }

    private ObjectNode previewJson(List<Matcher> matchers) {
        ObjectNode out = Json.object();
        ArrayNode rows = out.putArray("alerts");
        matching(matchers).forEach(r -> rows.add(rowJson(r)));
        return out;
    }

    static String urlPart(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
