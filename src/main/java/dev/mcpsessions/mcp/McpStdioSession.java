package dev.mcpsessions.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Newline-delimited JSON-RPC over the pipes of a running stdio server: the caller owns the
 * process, this class only speaks on its stdin and reads its stdout (on a daemon thread).
 * Stdout lines that are not JSON-RPC are kept as evidence and handed to a sink (the server log).
 * Writes run on their own daemon thread too, so a server that stops reading its stdin makes a
 * request time out instead of blocking the caller.
 */
public final class McpStdioSession implements McpConnection {

    private static final Logger log = LoggerFactory.getLogger(McpStdioSession.class);

    private final OutputStream serverStdin;
    private final InputStream serverStdout;
    private final Consumer<String> strayLineSink;
    private final StdoutTranscript transcript = new StdoutTranscript();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<Void> stdoutClosed = new CompletableFuture<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> daemon(r, "mcp-stdio-writer"));
    private volatile @Nullable InitializeResult initialized;

    /** Speaks on {@code serverStdin} (the process's stdin) and reads {@code serverStdout}. */
    public McpStdioSession(OutputStream serverStdin, InputStream serverStdout) {
        this(serverStdin, serverStdout, line -> {});
    }

    /** As above; each stdout line that is not a JSON-RPC message also goes to {@code strayLineSink}. */
    public McpStdioSession(OutputStream serverStdin, InputStream serverStdout, Consumer<String> strayLineSink) {
        this.serverStdin = serverStdin;
        this.serverStdout = serverStdout;
        this.strayLineSink = strayLineSink;
        daemon(this::readLoop, "mcp-stdio-reader").start();
    }

    @Override
    public InitializeResult initialize(Duration timeout) {
        JsonNode result = request("initialize", McpProtocol.initializeParams(McpProtocol.LATEST_VERSION), timeout);
        InitializeResult parsed = InitializeResult.parse(result);
        notify("notifications/initialized", null);
        initialized = parsed;
        return parsed;
    }

    @Override
    public Optional<InitializeResult> initializeResult() {
        return Optional.ofNullable(initialized);
    }

    @Override
    public JsonNode request(String method, @Nullable JsonNode params, Duration timeout) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        answer.whenComplete((result, failure) -> pending.remove(id));
        if (stdoutClosed.isDone()) {
            answer.completeExceptionally(closed(method));
        }
        write(McpProtocol.request(id, method, params))
                .exceptionally(failure -> {
                    answer.completeExceptionally(new McpException(McpException.Kind.CLOSED,
                            "could not send " + method + ": " + failure.getMessage(), transcript.recentLines()));
                    return null;
                });
        return Futures.await(answer, timeout, method, transcript::recentLines);
    }

    @Override
    public void notify(String method, @Nullable JsonNode params) {
        write(McpProtocol.notification(method, params));
    }

    @Override
    public boolean isOpen() {
        return !stdoutClosed.isDone();
    }

    /** Completes when the server's stdout reached end of stream (all its lines are read). */
    public CompletableFuture<Void> stdoutClosed() {
        return stdoutClosed;
    }

    /** Stdout lines read so far. */
    public long linesRead() {
        return transcript.lines();
    }

    /** The first stdout lines that were not JSON-RPC 2.0 messages (bounded), and their count. */
    public List<String> strayLines() {
        return transcript.strayLines();
    }

    public long strayLineCount() {
        return transcript.strayCount();
    }

    /** Responses whose id matched no open request, and error responses with a null id. */
    public List<String> unmatchedResponses() {
        return transcript.unmatched();
    }

    /** Closes both pipes (the server sees end of input) and fails any open request. */
    @Override
    public void close() {
        writer.shutdownNow();
        closeQuietly(serverStdin);
        closeQuietly(serverStdout);
        pending.values().forEach(answer -> answer.completeExceptionally(closed("request")));
    }

    private CompletableFuture<Void> write(ObjectNode message) {
        byte[] bytes = (McpProtocol.JSON.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            return CompletableFuture.runAsync(() -> {
                try {
                    serverStdin.write(bytes);
                    serverStdin.flush();
                } catch (IOException e) {
                    throw new McpException(McpException.Kind.CLOSED, "stdin closed: " + e.getMessage(), "");
                }
            }, writer);
        } catch (RuntimeException rejected) {
            return CompletableFuture.failedFuture(closed("write"));
        }
    }

    private void readLoop() {
        LineReader reader = new LineReader(serverStdout);
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                onLine(line);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("stdout reader stopped: {}", e.toString());
        } finally {
            stdoutClosed.complete(null);
            pending.values().forEach(answer -> answer.completeExceptionally(closed("request")));
        }
    }

    private void onLine(String line) {
        JsonNode message = parse(line);
        boolean jsonRpc = message != null && StdoutTranscript.isJsonRpc(message);
        transcript.recordLine(line, jsonRpc);
        if (!jsonRpc) {
            strayLineSink.accept(line);
        }
        if (message != null && message.isArray()) {
            message.values().forEach(element -> dispatch(element, line));
        } else if (message != null) {
            dispatch(message, line);
        }
    }

    private void dispatch(JsonNode message, String line) {
        JsonNode id = message.path("id");
        if (message.has("method")) {
            if (!id.isMissingNode() && !id.isNull()) {
                answerServerRequest(message.path("method").asString(""), id);
            }
            return;
        }
        if (!message.has("result") && !message.has("error")) {
            return;
        }
        CompletableFuture<JsonNode> answer = id.isIntegralNumber() ? pending.get(id.longValue()) : null;
        if (answer == null) {
            transcript.recordUnmatched(line);
        } else if (message.has("error")) {
            JsonNode error = message.path("error");
            answer.completeExceptionally(new McpException(McpException.Kind.ERROR,
                    error.path("code").isInt() ? error.path("code").intValue() : null,
                    "error " + error.path("code").asString("?") + ": " + error.path("message").asString(""), line));
        } else {
            answer.complete(message.path("result"));
        }
    }

    /** The client declares no capabilities, so only ping gets a result; the rest are unknown to it. */
    private void answerServerRequest(String method, JsonNode id) {
        ObjectNode reply = McpProtocol.JSON.createObjectNode();
        reply.put("jsonrpc", "2.0");
        reply.set("id", id);
        if (method.equals("ping")) {
            reply.putObject("result");
        } else {
            ObjectNode error = reply.putObject("error");
            error.put("code", McpProtocol.METHOD_NOT_FOUND);
            error.put("message", "Method not found: " + method);
        }
        write(reply);
    }

    private static @Nullable JsonNode parse(String line) {
        try {
            JsonNode node = McpProtocol.JSON.readTree(line);
            return node != null && (node.isObject() || node.isArray()) ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private McpException closed(String method) {
        return new McpException(McpException.Kind.CLOSED,
                "the server closed its stdout before answering " + method, transcript.recentLines());
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("closing a pipe failed: {}", e.toString());
        }
    }
}
