package dev.mcpsessions.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mcpsessions.process.ServerSpec;

/**
 * A spec as the server page lists it. Env values never leave the manager: only the names are
 * here, each shown with a mask. Options left out read "default".
 */
record SpecView(List<Item> items, List<String> envNames) {

    record Item(String label, String value) {}

    static final String MASK = "••••••";

    static SpecView of(ServerSpec spec) {
        List<Item> items = new ArrayList<>();
        items.add(new Item("command", spec.command() != null ? spec.command()
                : spec.argv() == null ? "" : String.join(" ", spec.argv().stream().map(SpecView::quoted).toList())));
        items.add(new Item("transport", spec.transportOrDefault().id()));
        items.add(new Item("port", spec.port() == null ? "none" : spec.port()));
        items.add(new Item("autorestart", spec.autorestartOrDefault().id()));
        items.add(new Item("exitCodes", spec.exitCodesOrDefault().toString()));
        items.add(new Item("startSecs", orDefault(spec.startSecs())));
        items.add(new Item("startRetries", orDefault(spec.startRetries())));
        items.add(new Item("stopWait", orDefault(spec.stopWait())));
        items.add(new Item("stopSignal", orDefault(spec.stopSignal())));
        items.add(new Item("cwd", spec.cwd() == null ? "the session's" : spec.cwd()));
        if (spec.config() != null) {
            items.add(new Item("config", spec.config().file()
                    + (spec.config().server() == null ? "" : " (entry " + spec.config().server() + ")")));
        }
        Map<String, String> env = spec.envOrEmpty();
        return new SpecView(List.copyOf(items), env.keySet().stream().sorted().toList());
    }

    private static String orDefault(Object value) {
        return value == null ? "default" : value.toString();
    }

    /** Shell-style quoting, so that the words read back as the same argv. */
    private static String quoted(String word) {
        return !word.isEmpty() && word.matches("[A-Za-z0-9_./:=@%+,{}-]+") ? word
                : "'" + word.replace("'", "'\\''") + "'";
    }
}
