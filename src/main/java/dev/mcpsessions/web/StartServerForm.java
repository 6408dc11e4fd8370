package dev.mcpsessions.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.mcpsessions.process.Autorestart;
import dev.mcpsessions.process.ServerSpec;
import dev.mcpsessions.process.Transport;

/**
 * The session page's "start a server" form. Env values typed here go to the server's spec and
 * are never shown again; the dashboard shows env names only.
 *
 * @param portMode {@code none}, {@code auto} or {@code fixed} (then {@code port} is the number)
 * @param env one {@code NAME=value} a line, spaces around name and value dropped; blank lines and lines
 *            starting with {@code #} are skipped
 */
record StartServerForm(@Nullable String name, @Nullable String command, @Nullable String autorestart,
        @Nullable String transport, @Nullable String portMode, @Nullable Integer port, @Nullable String env,
        @Nullable String configFile, @Nullable String configServer) {

    ServerSpec toSpec() {
        Map<String, String> environment = env(env);
        return new ServerSpec(required("name", name), required("command", command), null,
                environment.isEmpty() ? null : environment, null,
                blank(autorestart) ? null : Autorestart.of(autorestart.trim()), null, null, null, null, null,
                portValue(), blank(transport) ? null : Transport.of(transport.trim()),
                blank(configFile) ? null : new ServerSpec.ConfigRef(configFile.trim(),
                        blank(configServer) ? null : configServer.trim()));
    }

    private @Nullable String portValue() {
        String mode = blank(portMode) ? "none" : portMode.trim();
        return switch (mode) {
            case "none" -> null;
            case "auto" -> "auto";
            case "fixed" -> {
                if (port == null || port < 1 || port > 65535) {
                    throw new IllegalArgumentException("port: give a number from 1 to 65535, or choose auto");
                }
                yield port.toString();
            }
            default -> throw new IllegalArgumentException("port: choose none, auto or a fixed number");
        };
    }

    static Map<String, String> env(@Nullable String text) {
        Map<String, String> env = new LinkedHashMap<>();
        if (text == null) {
            return env;
        }
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                // the line may hold a secret: say where it is, not what it says
                throw new IllegalArgumentException("env line " + (i + 1) + ": write NAME=value");
            }
            env.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return env;
    }

    private static String required(String field, @Nullable String value) {
        if (blank(value)) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value.trim();
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}
