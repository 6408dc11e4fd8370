/** MCP protocol: stdio/HTTP client, compliance probe, readiness. */
@NullMarked
package dev.mcpsessions.mcp;

import org.jspecify.annotations.NullMarked;
