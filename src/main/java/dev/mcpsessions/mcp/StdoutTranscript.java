package dev.mcpsessions.mcp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** What a stdio server wrote on stdout, kept bounded: the evidence for the probe's checks. */
final class StdoutTranscript {

    private static final int KEPT = 20;

    private final List<String> stray = new ArrayList<>();
    private final List<String> unmatched = new ArrayList<>();
    private final Deque<String> recent = new ArrayDeque<>();
    private long lines;
    private long strayCount;

    /** A JSON-RPC 2.0 message, or a batch of them (allowed by the 2025-03-26 revision). */
    static boolean isJsonRpc(JsonNode message) {
        if (message.isArray()) {
            return !message.isEmpty() && message.values().stream().allMatch(StdoutTranscript::isJsonRpc);
        }
        return message.isObject() && "2.0".equals(message.path("jsonrpc").asString(""))
                && (message.has("method") || message.has("result") || message.has("error"));
    }

    synchronized void recordLine(String line, boolean jsonRpc) {
        lines++;
        if (!jsonRpc) {
            strayCount++;
            if (stray.size() < KEPT) {
                stray.add(Evidence.bounded(line));
            }
        }
        recent.addLast(Evidence.bounded(line));
        if (recent.size() > 3) {
            recent.removeFirst();
        }
    }

    synchronized void recordUnmatched(String line) {
        if (unmatched.size() < KEPT) {
            unmatched.add(Evidence.bounded(line));
        }
    }

    synchronized long lines() {
        return lines;
    }

    synchronized long strayCount() {
        return strayCount;
    }

    synchronized List<String> strayLines() {
        return List.copyOf(stray);
    }

    synchronized List<String> unmatched() {
        return List.copyOf(unmatched);
    }

    /** The last few stdout lines, to show next to a failure. */
    synchronized String recentLines() {
        return recent.isEmpty() ? "stdout: (nothing)" : "stdout (last lines):\n" + String.join("\n", recent);
    }
}
