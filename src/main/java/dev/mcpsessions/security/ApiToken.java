package dev.mcpsessions.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.stereotype.Component;

import dev.mcpsessions.home.AtomicFiles;
import dev.mcpsessions.home.ManagerHome;
import dev.mcpsessions.home.ManagerLock;

/** The home's API token: random, created on first start, kept in the 0600 file {@code <home>/token}. */
@Component
public class ApiToken {

    private final byte[] value;

    ApiToken(ManagerHome home, ManagerLock lock) {
        this.value = loadOrCreate(home).getBytes(StandardCharsets.UTF_8);
    }

    private static String loadOrCreate(ManagerHome home) {
        try {
            if (Files.exists(home.tokenFile())) {
                String existing = Files.readString(home.tokenFile()).trim();
                if (existing.length() >= 32) {
                    return existing;
                }
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            AtomicFiles.write(home.tokenFile(), token + "\n");
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + home.tokenFile(), e);
        }
    }

    /** Constant-time comparison, so response timing does not leak the token. */
    public boolean matches(String candidate) {
        return candidate != null
                && MessageDigest.isEqual(value, candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** The token itself: only for the URL that {@code dashboard} prints, never for a log line. */
    public String reveal() {
        return new String(value, StandardCharsets.UTF_8);
    }
}
