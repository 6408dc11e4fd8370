package dev.mcpsessions.config;

import java.util.Collection;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** Suggests the known name closest to a misspelt one: same letters in another case or style, or a typo or two. */
final class DidYouMean {

    private DidYouMean() {
    }

    static @Nullable String suggest(String given, Collection<String> known) {
        String g = normalize(given);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(g, normalize(candidate));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int allowed = g.length() >= 10 ? 3 : g.length() >= 4 ? 2 : 1;
        return bestDistance <= allowed ? best : null;
    }

    /** " Did you mean 'x'?" or nothing. */
    static String phrase(String given, Collection<String> known) {
        String s = suggest(given, known);
        return s == null ? "" : " Did you mean '" + s + "'?";
    }

    // tokenEnvVar, token-env-var and TOKEN_ENV_VAR all mean token_env_var
    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
