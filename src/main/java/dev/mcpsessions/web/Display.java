package dev.mcpsessions.web;

import java.time.Duration;
import java.util.Locale;

import dev.mcpsessions.process.ServerState;

/** How numbers and states read on the dashboard; the same units as the CLI's status table. */
final class Display {

    private Display() {
    }

    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        if (s < 86400) {
            return (s / 3600) + "h " + ((s % 3600) / 60) + "m";
        }
        return (s / 86400) + "d " + ((s % 86400) / 3600) + "h";
    }

    static String bytes(long b) {
        if (b < 1024 * 1024) {
            return (b / 1024) + " KiB";
        }
        if (b < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", b / 1048576.0);
        }
        return String.format(Locale.ROOT, "%.2f GiB", b / 1073741824.0);
    }

    static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p);
    }

    /** Colour of a state badge; the state's name is always written beside the colour. */
    static String badge(ServerState state) {
        return switch (state) {
            case RUNNING, ATTACHED -> "badge badge-ok";
            case STARTING, STOPPING -> "badge badge-info";
            case BACKOFF, EXITED -> "badge badge-warn";
            case FATAL -> "badge badge-bad";
            case STOPPED -> "badge badge-muted";
        };
    }
}
