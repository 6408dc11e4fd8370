package dev.mcpsessions.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The two HTTP clients of the online checks: one verifying certificates, one trusting any (for
 * {@code verify_ssl=false}). Every exchange ends within the timeout, answered or not.
 */
final class ProxmoxHttp {

    record Response(int status, String body) {
    }

    private final HttpClient verifying;
    private final HttpClient trusting;
    private final Duration timeout;

    ProxmoxHttp(Duration timeout) {
        this.timeout = timeout;
        this.verifying = builder(timeout).build();
        this.trusting = builder(timeout).sslContext(trustAll()).build();
    }

    Duration timeout() {
        return timeout;
    }

    /** Sends {@code request} (its timeout is set here); any failure is thrown as is for the caller to name. */
    Response send(boolean verifySsl, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpClient client = verifySsl ? verifying : trusting;
        CompletableFuture<HttpResponse<String>> future =
                client.sendAsync(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        try {
            // the request timeout covers the headers; this bound also covers a body that trickles
            HttpResponse<String> response = future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new Response(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + timeout.toSeconds() + "s");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    /**
     * Opens and closes a TCP connection, so that "nothing listens" and "listens but never answers"
     * can be told apart: the HTTP client counts the TLS handshake as part of connecting.
     */
    void probe(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        }
    }

    static HttpRequest.Builder request(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Accept", "application/json");
    }

    private static HttpClient.Builder builder(Duration timeout) {
        return HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY);
    }

    /**
     * Trusts every certificate and skips the host name check. An X509ExtendedTrustManager, because
     * JSSE would wrap a plain X509TrustManager and still check the name.
     */
    private static SSLContext trustAll() {
        TrustManager trustAll = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }
}
