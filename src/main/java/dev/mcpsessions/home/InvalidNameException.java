package dev.mcpsessions.home;

/** A session or server name that does not match {@link Names#PATTERN}. */
public class InvalidNameException extends IllegalArgumentException {

    public InvalidNameException(String kind, String name) {
        super("Invalid " + kind + " name " + quote(name) + ": use 1 to 64 characters of a-z, 0-9, '_' and '-', "
                + "starting with a letter or digit");
    }

    private static String quote(String name) {
        if (name == null) {
            return "(none)";
        }
        String shown = name.length() > 70 ? name.substring(0, 70) + "..." : name;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
