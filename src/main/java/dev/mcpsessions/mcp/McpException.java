package dev.mcpsessions.mcp;

import org.jspecify.annotations.Nullable;

/** An MCP exchange that did not produce a usable answer; {@link #evidence()} holds what was seen. */
public class McpException extends RuntimeException {

    /** Why the exchange failed. */
    public enum Kind {
        /** No answer within the timeout. */
        TIMEOUT,
        /** The server answered with a JSON-RPC error. */
        ERROR,
        /** The connection is gone: stdout closed, the pipe broke, or the endpoint refused. */
        CLOSED,
        /** The server answered, but not with what the protocol requires. */
        INVALID
    }

    private final Kind kind;
    private final @Nullable Integer code;
    private final String evidence;

    public McpException(Kind kind, String message, String evidence) {
        this(kind, null, message, evidence);
    }

    public McpException(Kind kind, @Nullable Integer code, String message, String evidence) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.evidence = Evidence.bounded(evidence);
    }

    public Kind kind() {
        return kind;
    }

    /** The JSON-RPC error code when {@link #kind()} is {@link Kind#ERROR}. */
    public @Nullable Integer code() {
        return code;
    }

    /** What the server sent, bounded in size; empty when it sent nothing. */
    public String evidence() {
        return evidence;
    }
}
