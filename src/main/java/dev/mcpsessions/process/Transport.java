package dev.mcpsessions.process;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How the manager talks to a server: not at all, MCP over stdin/stdout, or MCP over HTTP on its port. */
public enum Transport {
    NONE, STDIO, HTTP;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Transport of(String value) {
        for (Transport t : values()) {
            if (t.id().equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("transport must be one of none, stdio, http; got '" + value + "'");
    }
}
