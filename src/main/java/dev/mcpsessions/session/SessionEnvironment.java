package dev.mcpsessions.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.mcpsessions.home.AtomicFiles;
import dev.mcpsessions.home.ManagerHome;

/**
 * The latest environment the CLI sent for a session, stored as {@code KEY=VALUE\0} records
 * (the format of {@code env -0} and {@code /proc/<pid>/environ}) in a 0600 file.
 */
@Component
public class SessionEnvironment {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    /** Variables that belong to the CLI's own invocation, not to the session. */
    private static final java.util.Set<String> TRANSIENT = java.util.Set.of("_", "SHLVL", "OLDPWD", "PWD");

    private final ManagerHome home;

    SessionEnvironment(ManagerHome home) {
        this.home = home;
    }

    public Map<String, String> read(String session) {
        try {
            return parse(Files.readAllBytes(home.environmentFile(session)));
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(String session, Map<String, String> environment) {
        AtomicFiles.write(home.environmentFile(session), format(environment));
    }

    /**
     * Parses {@code env -0} output. Records a process could not use by name (exported shell
     * functions such as {@code BASH_FUNC_x%%}, entries without '=') are skipped.
     */
    public static Map<String, String> parse(byte[] nulSeparated) {
        Map<String, String> env = new LinkedHashMap<>();
        String text = new String(nulSeparated, StandardCharsets.UTF_8);
        for (String entry : text.split("\0")) {
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String name = eq <= 0 ? "" : entry.substring(0, eq);
            if (NAME.matcher(name).matches() && !TRANSIENT.contains(name)) {
                env.put(name, entry.substring(eq + 1));
            }
        }
        return env;
    }

    public static String requireValidName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid environment variable name '" + name.replaceAll("\\p{Cntrl}", "?")
                    + "': use letters, digits and '_', not starting with a digit");
        }
        return name;
    }

    static byte[] format(Map<String, String> env) {
        StringBuilder out = new StringBuilder();
        env.forEach((k, v) -> out.append(requireValidName(k)).append('=').append(v).append('\0'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
