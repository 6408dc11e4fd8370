package dev.mcpsessions.mcp;

import dev.mcpsessions.mcp.ComplianceReport.Check;

/** On stdio, stdout is the protocol channel: banners and logs belong on stderr. */
final class StdoutClean {

    private StdoutClean() {}

    static Check check(McpStdioSession session) {
        long lines = session.linesRead();
        long stray = session.strayLineCount();
        if (stray == 0) {
            return Check.pass("stdout-clean", lines + (lines == 1 ? " stdout line, a JSON-RPC message" : " stdout lines, all JSON-RPC messages"));
        }
        return Check.fail("stdout-clean", stray + " of " + lines + " stdout lines are not JSON-RPC messages",
                Evidence.lines(session.strayLines()));
    }
}
