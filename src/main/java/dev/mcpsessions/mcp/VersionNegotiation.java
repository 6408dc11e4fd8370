package dev.mcpsessions.mcp;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.mcpsessions.mcp.ComplianceReport.Check;
import tools.jackson.databind.JsonNode;

/**
 * The client offers its latest revision; the server must answer with a revision the client
 * supports. Offered a revision it does not know, the server must answer with one it supports
 * (not echo the unknown one, not refuse).
 */
final class VersionNegotiation {

    /** A revision no server can know; it follows the date format of real ones. */
    static final String UNKNOWN_VERSION = "1999-01-01";

    private VersionNegotiation() {}

    /** Offers {@link #UNKNOWN_VERSION} on a fresh connection; returns the answer or the failure. */
    static Offer offerUnknown(McpConnection fresh, Duration timeout) {
        try {
            JsonNode result = fresh.request("initialize", McpProtocol.initializeParams(UNKNOWN_VERSION), timeout);
            JsonNode version = result.path("protocolVersion");
            return new Offer(version.isString() ? version.stringValue() : null, result.toString(), null);
        } catch (McpException e) {
            return new Offer(null, e.evidence(), e.getMessage());
        }
    }

    /** @param unknownOffer the answer to {@link #UNKNOWN_VERSION}, null when it could not be tried */
    static Check check(InitializeResult negotiated, @Nullable Offer unknownOffer) {
        String name = "version-negotiation";
        String version = negotiated.protocolVersion();
        if (!McpProtocol.isSupported(version)) {
            return Check.fail(name, "offered " + McpProtocol.LATEST_VERSION + ", the server answered " + version
                    + ", which the client does not support", negotiated.raw().toString());
        }
        String latest = "offered " + McpProtocol.LATEST_VERSION + ", agreed on " + version;
        if (unknownOffer == null) {
            return Check.pass(name, latest + " (an unknown-version offer is only tried by check -- <command>)");
        }
        if (unknownOffer.failure() != null) {
            return Check.fail(name, "offered unknown " + UNKNOWN_VERSION + ", the server did not answer with a version: "
                    + unknownOffer.failure(), unknownOffer.evidence());
        }
        if (unknownOffer.version() == null) {
            return Check.fail(name, "offered unknown " + UNKNOWN_VERSION + ", the answer has no protocolVersion",
                    unknownOffer.evidence());
        }
        if (UNKNOWN_VERSION.equals(unknownOffer.version())) {
            return Check.fail(name, "offered unknown " + UNKNOWN_VERSION + ", the server echoed it back"
                    + " instead of answering a version it supports", unknownOffer.evidence());
        }
        if (!McpProtocol.isSupported(unknownOffer.version())) {
            return Check.warn(name, "offered unknown " + UNKNOWN_VERSION + ", the server answered "
                    + unknownOffer.version() + ", which this client does not know", unknownOffer.evidence());
        }
        return Check.pass(name, latest + "; offered unknown " + UNKNOWN_VERSION + ", got " + unknownOffer.version());
    }

    /**
     * The answer to an unknown-version offer.
     *
     * @param version the revision the server answered, null if none
     * @param evidence what it sent
     * @param failure why there was no answer, null if there was one
     */
    record Offer(@Nullable String version, String evidence, @Nullable String failure) {}
}
