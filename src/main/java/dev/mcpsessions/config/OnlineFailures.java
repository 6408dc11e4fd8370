package dev.mcpsessions.config;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;

import org.jspecify.annotations.Nullable;

/** Names what went wrong on the way to a Proxmox host, from the exception the HTTP client threw. */
final class OnlineFailures {

    private OnlineFailures() {
    }

    static Problem problem(Throwable failure, ProxmoxServer server) {
        String path = "servers." + server.name();
        String target = server.host() + ":" + server.port();
        String network = "Check host and port, that the node is up, and that no firewall or VPN is in the way "
                + "(curl -k https://" + target + "/api2/json/version should answer 401).";
        if (find(failure, UnresolvedAddressException.class) != null || find(failure, UnknownHostException.class) != null) {
            return ProblemCode.PROXMOX_UNREACHABLE.at(path + ".host", "The host name " + server.host()
                    + " cannot be resolved.", "Check the spelling, or use the node's IP address.");
        }
        if (find(failure, SocketTimeoutException.class) != null) {
            return ProblemCode.PROXMOX_UNREACHABLE.at(path + ".host", "No connection to " + target
                    + " within the timeout.", network);
        }
        // the TCP probe got through, so a connect timeout here is a stalled TLS handshake
        if (find(failure, HttpTimeoutException.class) != null) {
            return ProblemCode.PROXMOX_TIMEOUT.at(path + ".host", target
                    + " accepted the connection but did not answer within the timeout.",
                    "Check that " + target + " is the Proxmox API (port 8006) and that pveproxy runs "
                            + "(systemctl status pveproxy); raise mcp.proxmox.timeout for a slow link.");
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            return tlsProblem(tls, server, path, target);
        }
        if (find(failure, ConnectException.class) != null || find(failure, NoRouteToHostException.class) != null) {
            return ProblemCode.PROXMOX_UNREACHABLE.at(path + ".host", target + " refused the connection "
                    + "or cannot be reached.", network);
        }
        return ProblemCode.PROXMOX_UNREACHABLE.at(path + ".host", "The request to " + target + " failed ("
                + failure.getClass().getSimpleName() + ").", network);
    }

    private static Problem tlsProblem(SSLException tls, ProxmoxServer server, String path, String target) {
        CertificateException certificate = find(tls, CertificateException.class);
        boolean untrusted = certificate != null || find(tls, CertPathBuilderException.class) != null
                || find(tls, CertPathValidatorException.class) != null;
        if (!untrusted) {
            return ProblemCode.TLS_HANDSHAKE_FAILED.at(path + ".host", "The TLS handshake with " + target
                    + " failed.", "Check that " + target + " speaks HTTPS (the Proxmox API does, on 8006).");
        }
        String reason = certificate != null && String.valueOf(certificate.getMessage()).contains("matching")
                ? "is not issued for the name " + server.host()
                : "is not signed by a CA this JVM trusts (Proxmox nodes ship a self-signed one)";
        return ProblemCode.TLS_UNTRUSTED.at(path + ".verify_ssl", "The certificate of " + target + " " + reason + ".",
                "Give the node a trusted certificate (Node > System > Certificates, e.g. ACME), or import "
                        + "/etc/pve/pve-root-ca.pem into the Java trust store with keytool -importcert; "
                        + "\"verify_ssl\": false works too but lets anyone on the path read the credentials.");
    }

    private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
