package dev.interlock.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.action.Action;
import dev.interlock.action.ActionJson;
import dev.interlock.action.Origin;
import dev.interlock.audit.ResultReport;
import dev.interlock.broker.AnswerRejectedException;
import dev.interlock.broker.Grant;
import dev.interlock.broker.HumanAnswer;
import dev.interlock.broker.PendingApproval;
import dev.interlock.broker.Resolution;
import dev.interlock.hooks.HookAdapter;
import dev.interlock.hooks.HookAdapters;
import dev.interlock.hooks.HookHandler;
import dev.interlock.service.GuardService;
import dev.interlock.service.Submission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Routes and checks of the control API; see README.md "Control API". */
final class ControlApi {
    enum Role { HOOK, ADMIN }

    private static final Pattern LOOPBACK_HOST = Pattern.compile("(?i)^(127\\.0\\.0\\.1|localhost|\\[::1])(?::(\\d+))?$");
    private static final Pattern HOOK = Pattern.compile("^/v1/hook/([a-z0-9][a-z0-9._-]{0,63})(/result)?$");
    private static final Pattern APPROVAL = Pattern.compile("^/v1/approvals/([A-Za-z0-9_-]{1,64})$");
    static final String EXIT_HEADER = "X-Interlock-Exit";
    static final String STDERR_HEADER = "X-Interlock-Stderr-B64";

    private final GuardService guard;
    private final HookAdapters adapters;
    private final byte[] hookToken;
    private final byte[] adminToken;

    ControlApi(GuardService guard, HookAdapters adapters, String hookToken, String adminToken) {
        this.guard = guard;
        this.adapters = adapters;
        this.hookToken = hookToken.getBytes(StandardCharsets.US_ASCII);
        this.adminToken = adminToken.getBytes(StandardCharsets.US_ASCII);
    }

    ApiResponse handle(ApiRequest r, int port) {
        String host = r.header("host");
        Matcher h = host == null ? null : LOOPBACK_HOST.matcher(host.trim());
        if (h == null || !h.matches() || (h.group(2) != null && Integer.parseInt(h.group(2)) != port)) {
            return ApiResponse.error(403, "refused: the Host header '" + host + "' is not this loopback endpoint "
                    + "(DNS rebinding protection)").with(EXIT_HEADER, "2");
        }
        if (r.header("origin") != null || r.header("sec-fetch-mode") != null) {
            return ApiResponse.error(403, "refused: requests from web pages (Origin / Sec-Fetch headers) are not accepted")
                    .with(EXIT_HEADER, "2");
        }
        Role role = role(r);
        if (role == null) {
            return ApiResponse.error(401, "missing or wrong credential: send 'Authorization: Bearer <token>' with the "
                    + "token from the data directory's run/hook-token").with(EXIT_HEADER, "2");
        }
        String path = r.path();
        String method = r.method().toUpperCase(Locale.ROOT);
        try {
            if (path.equals("/v1/status")) {
                return method.equals("GET") ? status() : notAllowed("GET");
            }
            if (path.equals("/v1/decide")) {
                return method.equals("POST") ? decide(r) : notAllowed("POST");
            }
            Matcher hook = HOOK.matcher(path);
            if (hook.matches()) {
                if (!method.equals("POST")) {
                    return notAllowed("POST");
                }
                return hook.group(2) == null ? hook(hook.group(1), r) : hookResult(hook.group(1), r);
            }
            if (path.equals("/v1/approvals")) {
                if (!method.equals("GET")) {
                    return notAllowed("GET");
                }
                return role == Role.ADMIN ? approvals() : adminOnly();
            }
            Matcher ap = APPROVAL.matcher(path);
            if (ap.matches()) {
                if (method.equals("GET")) {
                    return approvalState(ap.group(1));
                }
                if (method.equals("POST")) {
                    return role == Role.ADMIN ? answer(ap.group(1), r) : adminOnly();
                }
                return notAllowed("GET, POST");
            }
            if (path.equals("/v1/freeze") || path.equals("/v1/thaw")) {
                if (!method.equals("POST")) {
                    return notAllowed("POST");
                }
                if (role != Role.ADMIN) {
                    return adminOnly();
                }
                String by = optionalText(r, "by").orElse("api");
                if (path.equals("/v1/freeze")) {
                    guard.desk().freeze(by);
                } else {
                    guard.desk().thaw(by);
                }
                return ApiResponse.json(200, ApiJson.JSON.createObjectNode().put("frozen", guard.desk().frozen()));
            }
            if (path.equals("/v1/pause") || path.equals("/v1/resume")) {
                if (!method.equals("POST")) {
                    return notAllowed("POST");
                }
                if (role != Role.ADMIN) {
                    return adminOnly();
                }
                return path.equals("/v1/pause") ? pause(r) : resume(r);
            }
            if (path.equals("/v1/reload")) {
                if (!method.equals("POST")) {
                    return notAllowed("POST");
                }
                if (role != Role.ADMIN) {
                    return adminOnly();
                }
                guard.reload();
                return status();
            }
            return ApiResponse.error(404, "no such endpoint: " + method + " " + path);
        } catch (BadRequest e) {
            return ApiResponse.error(400, e.getMessage()).with(EXIT_HEADER, "2");
        }
    }

    private static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message);
        }
    }

    private Role role(ApiRequest r) {
        String auth = r.header("authorization");
        String token = null;
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = auth.substring(7).trim();
        } else if (r.header("x-interlock-token") != null) {
            token = r.header("x-interlock-token").trim();
        }
        if (token == null) {
            return null;
        }
        byte[] t = token.getBytes(StandardCharsets.US_ASCII);
        if (MessageDigest.isEqual(t, adminToken)) {
            return Role.ADMIN;
        }
        if (MessageDigest.isEqual(t, hookToken)) {
            return Role.HOOK;
        }
        return null;
    }

    private static ApiResponse notAllowed(String allowed) {
        return ApiResponse.error(405, "method not allowed; use " + allowed).with("Allow", allowed);
    }

    private static ApiResponse adminOnly() {
        return ApiResponse.error(403, "this needs the admin credential (run/admin-token): hooks and shims can submit "
                + "actions but never approve, freeze or list approvals");
    }

    private ApiResponse status() {
        ObjectNode o = ApiJson.JSON.createObjectNode();
        o.put("running", true);
        o.put("version", "0.1.0");
        o.put("pid", ProcessHandle.current().pid());
        o.put("port", RunFiles.readEndpoint(guard.dataDir()).orElse(0));
        o.put("dataDir", guard.dataDir().root().toString());
        o.put("startedAt", guard.started().toString());
        o.put("frozen", guard.desk().frozen());
        Optional<java.time.Instant> paused = guard.broker().pausedUntil();
        o.put("paused", paused.isPresent());
        if (paused.isPresent()) {
            o.put("pausedUntil", paused.get().toString());
        }
        o.put("pauseSemantics", dev.interlock.broker.Broker.PAUSE_SEMANTICS);
        o.put("pending", guard.desk().pending().size());
        o.put("grants", guard.broker().grants().size());
        o.put("deadlineSeconds", guard.deadline().toSeconds());
        o.put("packs", guard.engine().packs().size());
        o.put("auditRows", guard.audit().lastId());
        ArrayNode p = o.putArray("problems");
        guard.problems().forEach(p::add);
        return ApiResponse.json(200, o);
    }

    /** {@code {"minutes": 15}} or {@code {"seconds": 900}}; at most {@link dev.interlock.broker.Broker#MAX_PAUSE}. */
    private ApiResponse pause(ApiRequest r) throws BadRequest {
        JsonNode b = json(r);
        long seconds = b.has("seconds") ? b.path("seconds").asLong(0) : b.path("minutes").asLong(0) * 60;
        if (seconds <= 0) {
            throw new BadRequest("a pause needs \"minutes\" or \"seconds\" greater than 0");
        }
        try {
            guard.broker().pause(Duration.ofSeconds(seconds), b.path("by").asText("api"));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        return status();
    }

    private ApiResponse resume(ApiRequest r) {
        guard.broker().resume(optionalText(r, "by").orElse("api"));
        return status();
    }

    private ApiResponse decide(ApiRequest r) throws BadRequest {
        JsonNode body = json(r);
        Action action;
        Origin origin;
        try {
            action = ActionJson.fromJson(body.get("action"));
            origin = ActionJson.originFromJson(body.get("origin"));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("bad action: " + e.getMessage());
        }
        boolean wait = !body.has("wait") || body.get("wait").asBoolean(true);
        long maxWaitMs = body.path("maxWaitMs").asLong(0);
        Resolution res = guard.decide(action, origin, new Submission(wait, giveUp(r, maxWaitMs), null));
        return ApiResponse.json(200, ApiJson.resolution(res)).with(EXIT_HEADER, String.valueOf(res.verdict().exitCode()));
    }

    /**
     * Goes through {@link HookHandler}: host detection, every action of a multi-file payload, the reply in the
     * protocol the payload speaks, and a fail-closed reply for anything it cannot read.
     */
    private ApiResponse hook(String agent, ApiRequest r) {
        if (adapters.forAgent(HookHandler.canonical(agent)).isEmpty()) {
            return ApiResponse.text(404, "Interlock: no hook adapter for agent '" + agent + "', so this action is denied. "
                    + "Run `interlock doctor`.\n").with(EXIT_HEADER, "2");
        }
        boolean wait = !"0".equals(r.query().get("wait")) && !"false".equals(r.query().get("wait"));
        long maxWaitMs = 0;
        try {
            maxWaitMs = (long) (Double.parseDouble(r.query().getOrDefault("maxWait", "0")) * 1000);
        } catch (NumberFormatException ignored) {
            // no cap
        }
        java.util.concurrent.CompletableFuture<Void> gone = giveUp(r, maxWaitMs);
        HookHandler handler = HookHandler.deciding(adapters, (speaker, request) -> guard.decide(request.action(),
                request.origin(), new Submission(wait, gone, x -> {
                    HookAdapter.Reply rep = speaker.reply(request, x);
                    return rep.stdout() + (rep.stderr().isEmpty() ? "" : "\n[stderr] " + rep.stderr());
                }))).onSessionEnd(ended -> guard.broker().endSession(ended.agent(), ended.sessionId()));
        HookHandler.Handled done = handler.handleFull(agent, r.body(), r.header("x-interlock-host"));
        ApiResponse out = reply(done.reply(), 200);
        if (done.resolution() != null) {
            out.with("X-Interlock-Verdict", done.resolution().verdict().word())
                    .with("X-Interlock-Decided-By", done.resolution().decidedBy());
        }
        return out;
    }

    /**
     * When the hold must end: the client disconnects, or {@code maxWaitMs} passes (the caller's own timeout, e.g.
     * the agent's hook timeout minus a margin). Past it the caller is answered "awaiting approval" before the agent
     * gives up on the hook, and the approval stays open for a retry.
     */
    private static java.util.concurrent.CompletableFuture<Void> giveUp(ApiRequest r, long maxWaitMs) {
        if (maxWaitMs <= 0) {
            return r.callerGone();
        }
        java.util.concurrent.CompletableFuture<Void> out = new java.util.concurrent.CompletableFuture<>();
        r.callerGone().whenComplete((v, e) -> out.complete(null));
        out.completeOnTimeout(null, maxWaitMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        return out;
    }

    private static ApiResponse reply(HookAdapter.Reply rep, int status) {
        ApiResponse out = ApiResponse.text(status, rep.stdout()).with(EXIT_HEADER, String.valueOf(rep.exitCode()));
        if (rep.stderr() != null && !rep.stderr().isEmpty()) {
            out.with(STDERR_HEADER, Base64.getEncoder().encodeToString(rep.stderr().getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private ApiResponse hookResult(String agent, ApiRequest r) throws BadRequest {
        JsonNode payload = json(r);
        Optional<ResultReport> report = Optional.empty();
        Optional<HookAdapter> adapter = adapters.forAgent(agent);
        if (adapter.isPresent()) {
            try {
                report = adapter.get().result(payload);
            } catch (RuntimeException e) {
                throw new BadRequest("cannot read the " + agent + " result payload: " + e.getMessage());
            }
        }
        ResultReport rr = report.orElseGet(() -> genericResult(agent, payload));
        long id = guard.attachResult(rr);
        return ApiResponse.json(200, ApiJson.JSON.createObjectNode().put("recorded", id))
                .with(EXIT_HEADER, "0");
    }

    /** Common field names across agents' after-the-fact events. */
    static ResultReport genericResult(String agent, JsonNode p) {
        String session = first(p, "session_id", "sessionId", "conversation_id", "thread_id");
        String call = first(p, "tool_use_id", "toolCallId", "tool_call_id", "call_id", "toolUseId");
        JsonNode resp = p.has("tool_response") ? p.get("tool_response") : p.has("toolResponse") ? p.get("toolResponse")
                : p.has("tool_output") ? p.get("tool_output") : p;
        Integer exit = null;
        for (String k : new String[]{"exit_code", "exitCode", "returncode", "status_code"}) {
            if (resp.has(k) && resp.get(k).canConvertToInt()) {
                exit = resp.get(k).asInt();
                break;
            }
            if (p.has(k) && p.get(k).canConvertToInt()) {
                exit = p.get(k).asInt();
                break;
            }
        }
        String output;
        if (resp.isTextual()) {
            output = resp.asText();
        } else if (resp.has("stdout") || resp.has("stderr")) {
            output = resp.path("stdout").asText("") + (resp.path("stderr").asText("").isEmpty() ? ""
                    : "\n[stderr]\n" + resp.path("stderr").asText(""));
        } else if (resp.has("output")) {
            output = resp.get("output").isTextual() ? resp.get("output").asText() : resp.get("output").toString();
        } else {
            output = resp == p ? null : resp.toString();
        }
        long auditId = p.path("auditId").asLong(0);
        return new ResultReport(agent, session, call, auditId, exit, output);
    }

    private static String first(JsonNode p, String... names) {
        for (String n : names) {
            if (p.hasNonNull(n) && p.get(n).isValueNode()) {
                return p.get(n).asText();
            }
        }
        return null;
    }

    private ApiResponse approvals() {
        ArrayNode a = ApiJson.JSON.createArrayNode();
        for (PendingApproval p : guard.desk().pending()) {
            a.add(ApiJson.approval(p, guard.audit()));
        }
        ObjectNode o = ApiJson.JSON.createObjectNode();
        o.set("pending", a);
        o.put("frozen", guard.desk().frozen());
        return ApiResponse.json(200, o);
    }

    private ApiResponse approvalState(String id) {
        ObjectNode o = ApiJson.JSON.createObjectNode().put("id", id);
        Optional<PendingApproval> p = guard.broker().find(id);
        if (p.isPresent()) {
            o.put("state", "pending");
            o.put("deadline", p.get().deadline().toString());
            o.put("agentWaiting", p.get().agentWaiting());
            return ApiResponse.json(200, o);
        }
        Optional<Resolution> done = guard.broker().outcome(id);
        if (done.isEmpty()) {
            return ApiResponse.error(404, "no approval '" + id + "' (unknown or long gone)");
        }
        o.put("state", done.get().verdict().word());
        o.put("decidedBy", done.get().decidedBy());
        o.put("reason", done.get().reason());
        return ApiResponse.json(200, o);
    }

    private ApiResponse answer(String id, ApiRequest r) throws BadRequest {
        JsonNode b = json(r);
        if (!b.has("allow") || !b.get("allow").isBoolean()) {
            throw new BadRequest("an answer needs \"allow\": true or false");
        }
        String surface = b.path("surface").asText("terminal");
        if (!surface.equals("terminal") && !surface.equals("popup")) {
            throw new BadRequest("\"surface\" is terminal or popup");
        }
        Grant grant = grant(b.get("grant"));
        String typed = b.hasNonNull("typedTarget") ? b.get("typedTarget").asText() : null;
        try {
            guard.desk().answer(id, new HumanAnswer(b.get("allow").asBoolean(), grant, typed, surface));
        } catch (AnswerRejectedException e) {
            return ApiResponse.error(409, e.getMessage());
        }
        return approvalState(id);
    }

    static Grant grant(JsonNode g) throws BadRequest {
        if (g == null || g.isNull()) {
            return Grant.ONCE;
        }
        String lifetime = g.path("lifetime").asText("once").toLowerCase(Locale.ROOT);
        String scope = g.path("scope").asText("exact").toLowerCase(Locale.ROOT);
        String workspace = g.hasNonNull("workspace") ? g.get("workspace").asText() : null;
        Grant.Lifetime l = switch (lifetime) {
            case "once" -> Grant.Lifetime.ONCE;
            case "minutes" -> Grant.Lifetime.MINUTES;
            case "session" -> Grant.Lifetime.SESSION;
            case "always" -> Grant.Lifetime.ALWAYS;
            default -> throw new BadRequest("grant lifetime is once, minutes, session or always, not '" + lifetime + "'");
        };
        Grant.Scope s = switch (scope) {
            case "exact", "exact_action", "action" -> Grant.Scope.EXACT_ACTION;
            case "rule" -> Grant.Scope.RULE;
            default -> throw new BadRequest("grant scope is exact or rule, not '" + scope + "'");
        };
        Duration d = null;
        if (l == Grant.Lifetime.MINUTES) {
            int minutes = g.path("minutes").asInt(0);
            if (minutes <= 0 || minutes > 24 * 60) {
                throw new BadRequest("a timed grant needs \"minutes\" between 1 and 1440");
            }
            d = Duration.ofMinutes(minutes);
        }
        return new Grant(l, d, s, workspace);
    }

    private static JsonNode json(ApiRequest r) throws BadRequest {
        try {
            JsonNode n = ApiJson.JSON.readTree(r.body());
            if (n == null || !n.isObject()) {
                throw new BadRequest("expected a JSON object body");
            }
            return n;
        } catch (IOException e) {
            throw new BadRequest("body is not JSON: " + e.getMessage());
        }
    }

    private static Optional<String> optionalText(ApiRequest r, String field) {
        if (r.body().length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode n = ApiJson.JSON.readTree(r.body());
            return n != null && n.hasNonNull(field) ? Optional.of(n.get(field).asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
