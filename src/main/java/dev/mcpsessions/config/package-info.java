/** Config templates, per-session copies, env var checks, Proxmox validation. */
@NullMarked
package dev.mcpsessions.config;

import org.jspecify.annotations.NullMarked;
