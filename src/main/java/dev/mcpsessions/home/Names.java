package dev.mcpsessions.home;

import java.util.regex.Pattern;

/** The one rule for session and server names, checked before any path is built from a name. */
public final class Names {

    public static final String PATTERN = "^[a-z0-9][a-z0-9_-]{0,63}$";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    private Names() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** @param kind "session" or "server", for the message */
    public static String requireValid(String kind, String name) {
        if (!isValid(name)) {
            throw new InvalidNameException(kind, name);
        }
        return name;
    }
}
