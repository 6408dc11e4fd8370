package dev.mcpsessions.config;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * One validated entry of a Proxmox template. Holds variable names only, never a secret value.
 *
 * @param name the entry's key under {@code servers}
 * @param host DNS name, IPv4 or IPv6 address, without scheme, port or path
 * @param port the API port (8006 unless set)
 * @param username the user part of the Proxmox user id
 * @param realm the realm part of the Proxmox user id
 * @param tokenName the API token's name (the part after {@code !})
 * @param tokenEnvVar the variable that holds the token secret; when set, the token is used
 * @param passwordEnvVar the variable that holds the password; used only when there is no token
 * @param verifySsl check the server's certificate against the trusted CAs
 */
public record ProxmoxServer(String name, String host, int port, String username, String realm,
        @Nullable String tokenName, @Nullable String tokenEnvVar, @Nullable String passwordEnvVar,
        boolean verifySsl) {

    public static final int DEFAULT_PORT = 8006;

    /** {@code user@realm}, the form Proxmox and ProxmoxMCP expect. */
    public String userId() {
        return username + "@" + realm;
    }

    public boolean usesToken() {
        return tokenEnvVar != null;
    }

    /** {@code user@realm!token}, the left side of the {@code PVEAPIToken} header. */
    public String tokenId() {
        return userId() + "!" + tokenName;
    }

    /** The variable whose value authenticates: the token's when there is one, else the password's. */
    public @Nullable String credentialEnvVar() {
        return usesToken() ? tokenEnvVar : passwordEnvVar;
    }

    public URI baseUri() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        h = h.replace("%", "%25"); // an IPv6 zone id (fe80::1%eth0) is escaped inside a URI
        return URI.create("https://" + h + ":" + port);
    }
}
