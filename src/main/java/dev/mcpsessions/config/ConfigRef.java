package dev.mcpsessions.config;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The {@code "config": {"file", "server"}} part of a server spec.
 *
 * @param file the template, an absolute path (the CLI resolves a relative one against its own
 *             directory before sending it)
 * @param server the entry of a Proxmox template to use; may be left out when the template has one
 *               entry, and is ignored for a generic {@code ${VAR}} template
 */
public record ConfigRef(Path file, @Nullable String server) {

    public static ConfigRef of(String file, @Nullable String server) {
        return new ConfigRef(Path.of(file), server);
    }
}
