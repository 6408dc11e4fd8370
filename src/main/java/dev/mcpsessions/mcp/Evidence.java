package dev.mcpsessions.mcp;

import java.util.List;

/** Keeps evidence printable and small: reports are rendered in terminals and stored in views. */
final class Evidence {

    static final int MAX_CHARS = 2048;

    private Evidence() {}

    /** Escapes control characters (other than newline and tab) and truncates to {@link #MAX_CHARS}. */
    static String bounded(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 16);
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= MAX_CHARS) {
                return out.append("... (").append(text.length() - i).append(" more characters)").toString();
            }
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String lines(List<String> lines) {
        return bounded(String.join("\n", lines));
    }
}
