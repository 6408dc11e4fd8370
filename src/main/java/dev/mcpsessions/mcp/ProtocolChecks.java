package dev.mcpsessions.mcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.mcpsessions.mcp.ComplianceReport.Check;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request/response checks of a probe, run in order on one connection. A check whose
 * precondition failed (no initialize, capability not declared) is skipped, so a broken server
 * fails the check it breaks and not every check after it.
 */
final class ProtocolChecks {

    private static final int MAX_PAGES = 100;
    static final String UNKNOWN_METHOD = "mcp-session-manager/no-such-method";

    private final McpConnection connection;
    private final Duration initializeTimeout;
    private final Duration requestTimeout;
    private final long deadline;
    private final Supplier<String> context;
    private final List<Check> checks = new ArrayList<>();
    private @Nullable InitializeResult initialized;

    ProtocolChecks(McpConnection connection, Duration initializeTimeout, Duration requestTimeout,
            Duration overall, Supplier<String> context) {
        this.connection = connection;
        this.initializeTimeout = initializeTimeout;
        this.requestTimeout = requestTimeout;
        this.deadline = System.nanoTime() + overall.toNanos();
        this.context = context;
    }

    List<Check> run() {
        boolean initializedBefore = connection.initializeResult().isPresent();
        InitializeResult result = initialize();
        if (result == null) {
            for (String name : List.of("initialized-notification", "ping", "tools-list", "tool-schemas",
                    "resources-list", "prompts-list", "unknown-method")) {
                checks.add(Check.skip(name, "not run: initialize failed"));
            }
            return checks;
        }
        initializedAndPing(initializedBefore);
        List<JsonNode> tools = list(result, "tools-list", "tools", "tools/list", "tools",
                item -> item.path("name").isString(), "a name");
        checks.add(tools == null ? Check.skip("tool-schemas", "not run: no tool list")
                : ToolSchemas.check(tools));
        list(result, "resources-list", "resources", "resources/list", "resources",
                item -> item.path("uri").isString() && item.path("name").isString(), "a uri and a name");
        list(result, "prompts-list", "prompts", "prompts/list", "prompts", item -> item.path("name").isString(), "a name");
        unknownMethod();
        return checks;
    }

    @Nullable InitializeResult initialized() {
        return initialized;
    }

    private @Nullable InitializeResult initialize() {
        InitializeResult existing = connection.initializeResult().orElse(null);
        if (existing != null) {
            initialized = existing;
            checks.add(Check.pass("initialize", "answered at start: " + describe(existing), existing.raw().toString()));
            return existing;
        }
        try {
            JsonNode result = connection.request("initialize",
                    McpProtocol.initializeParams(McpProtocol.LATEST_VERSION), budget(initializeTimeout));
            InitializeResult parsed = InitializeResult.parse(result);
            initialized = parsed;
            checks.add(Check.pass("initialize", describe(parsed), result.toString()));
            return parsed;
        } catch (McpException e) {
            String detail = e.getMessage();
            if (e.kind() == McpException.Kind.TIMEOUT && !unmatched().isEmpty()) {
                detail += "; a response came back with an id that matched no request";
            }
            checks.add(Check.fail("initialize", detail, evidence(e)));
            return null;
        }
    }

    private void initializedAndPing(boolean sentBefore) {
        int unmatchedBefore = unmatched().size();
        McpException notifyFailure = null;
        if (!sentBefore) {
            try {
                connection.notify("notifications/initialized", null);
            } catch (McpException e) {
                notifyFailure = e;
            }
        }
        try {
            JsonNode pong = connection.request("ping", null, budget(requestTimeout));
            if (!pong.isObject()) {
                checks.add(Check.fail("ping", "the result is not an object", pong.toString()));
            } else if (!pong.isEmpty()) {
                checks.add(Check.warn("ping", "the result should be empty {}", pong.toString()));
            } else {
                checks.add(Check.pass("ping", "answered {}"));
            }
        } catch (McpException e) {
            checks.add(Check.fail("ping", e.getMessage(), evidence(e)));
        }
        List<String> answers = unmatched().subList(Math.min(unmatchedBefore, unmatched().size()), unmatched().size());
        String name = "initialized-notification";
        if (notifyFailure != null) {
            checks.add(Check.fail(name, "refused: " + notifyFailure.getMessage(), notifyFailure.evidence()));
        } else if (!connection.isOpen()) {
            checks.add(Check.fail(name, "the server closed its stdout after the notification", context.get()));
        } else if (!answers.isEmpty()) {
            checks.add(Check.fail(name, "the server answered a notification", Evidence.lines(answers)));
        } else {
            checks.add(Check.pass(name, sentBefore ? "sent at start; the server kept answering"
                    : "accepted; the server kept answering"));
        }
    }

    /** Lists every page of one kind, following nextCursor; null when the list was not obtained. */
    private @Nullable List<JsonNode> list(InitializeResult initialized, String name, String capability, String method, String field,
            Predicate<JsonNode> valid, String rule) {
        if (!initialized.declares(capability)) {
            checks.add(Check.skip(name, "the server does not declare the " + capability + " capability"));
            return null;
        }
        List<JsonNode> items = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        int pages = 0;
        try {
            do {
                ObjectNode params = null;
                if (cursor != null) {
                    params = McpProtocol.JSON.createObjectNode().put("cursor", cursor);
                }
                JsonNode page = connection.request(method, params, budget(requestTimeout));
                pages++;
                if (!page.path(field).isArray()) {
                    checks.add(Check.fail(name, "the result has no " + field + " array", page.toString()));
                    return null;
                }
                items.addAll(page.path(field).values());
                JsonNode next = page.path("nextCursor");
                cursor = next.isString() ? next.stringValue() : null;
                if (cursor != null && (!cursors.add(cursor) || pages >= MAX_PAGES)) {
                    checks.add(Check.fail(name, "nextCursor repeats or never ends (page " + pages + ")", page.toString()));
                    return null;
                }
            } while (cursor != null);
        } catch (McpException e) {
            checks.add(Check.fail(name, e.getMessage(), evidence(e)));
            return null;
        }
        List<JsonNode> invalid = items.stream().filter(valid.negate()).toList();
        if (!invalid.isEmpty()) {
            checks.add(Check.fail(name, invalid.size() + " of " + items.size() + " " + field + " lack " + rule,
                    invalid.toString()));
            return items;
        }
        checks.add(Check.pass(name, items.size() + " " + field + " in " + pages + (pages == 1 ? " page" : " pages")
                + names(items, capability.equals("resources") ? "uri" : "name")));
        return items;
    }

    private void unknownMethod() {
        String name = "unknown-method";
        try {
            JsonNode result = connection.request(UNKNOWN_METHOD, null, budget(requestTimeout));
            checks.add(Check.fail(name, "answered with a result instead of error -32601", result.toString()));
        } catch (McpException e) {
            if (e.kind() == McpException.Kind.ERROR && Integer.valueOf(McpProtocol.METHOD_NOT_FOUND).equals(e.code())) {
                checks.add(Check.pass(name, "answered error -32601", e.evidence()));
            } else if (e.kind() == McpException.Kind.ERROR) {
                checks.add(Check.fail(name, "answered error " + e.code() + " instead of -32601", e.evidence()));
            } else {
                checks.add(Check.fail(name, e.getMessage(), evidence(e)));
            }
        }
    }

    /** A step's timeout, cut to what is left of the probe's overall timeout. */
    private Duration budget(Duration step) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new McpException(McpException.Kind.TIMEOUT, "not run: the probe's overall timeout was used up", "");
        }
        return step.toNanos() <= left ? step : Duration.ofNanos(left);
    }

    private String evidence(McpException e) {
        List<String> parts = new ArrayList<>();
        if (!e.evidence().isEmpty()) {
            parts.add(e.evidence());
        }
        List<String> unmatched = unmatched();
        if (!unmatched.isEmpty()) {
            parts.add("responses whose id matched no request:\n" + String.join("\n", unmatched));
        }
        parts.add(context.get());
        return String.join("\n", parts);
    }

    private List<String> unmatched() {
        return connection instanceof McpStdioSession stdio ? stdio.unmatchedResponses() : List.of();
    }

    private static String describe(InitializeResult result) {
        return "protocol " + result.protocolVersion() + ", server " + result.serverName().strip();
    }

    private static String names(List<JsonNode> items, String field) {
        if (items.isEmpty()) {
            return "";
        }
        List<String> names = items.stream().limit(20).map(item -> item.path(field).asString("?")).toList();
        return ": " + String.join(", ", names) + (items.size() > 20 ? ", ..." : "");
    }
}
