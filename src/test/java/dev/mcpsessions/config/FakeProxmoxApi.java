package dev.mcpsessions.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A tiny HTTPS stand-in for the Proxmox VE API on 127.0.0.1 with a self-signed certificate made
 * at test time: realms {@code pam} and {@code pve}, API tokens and password tickets as registered.
 */
public final class FakeProxmoxApi implements AutoCloseable {

    private static final char[] STORE_PASSWORD = "changeit".toCharArray();
    private static volatile SSLContext sslContext;

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    /** "PVEAPIToken=user@realm!name=secret" or "PVEAuthCookie=ticket" → privileges JSON. */
    private final Map<String, String> credentials = new ConcurrentHashMap<>();
    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    private FakeProxmoxApi() throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(selfSigned()));
        server.setExecutor(executor);
        server.createContext("/api2/json/access/domains", ex -> answer(ex, 200,
                "{\"data\":[{\"realm\":\"pam\",\"type\":\"pam\"},{\"realm\":\"pve\",\"type\":\"pve\"}]}"));
        server.createContext("/api2/json/version", ex -> authorized(ex,
                privileges -> "{\"data\":{\"version\":\"8.2.4\",\"release\":\"8.2\",\"repoid\":\"faa83925c9641325\"}}"));
        server.createContext("/api2/json/access/permissions", ex -> authorized(ex,
                privileges -> "{\"data\":" + privileges + "}"));
        server.createContext("/api2/json/access/ticket", this::ticket);
        server.start();
    }

    public static FakeProxmoxApi start() {
        try {
            return new FakeProxmoxApi();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Accepts {@code PVEAPIToken=tokenId=secret}, with the PVEAuditor privileges on /. */
    public FakeProxmoxApi acceptToken(String tokenId, String secret) {
        return acceptToken(tokenId, secret, true);
    }

    /** @param privileged false for a privilege-separated token that was never granted a role */
    public FakeProxmoxApi acceptToken(String tokenId, String secret, boolean privileged) {
        credentials.put("PVEAPIToken=" + tokenId + "=" + secret, privileges(privileged));
        return this;
    }

    public FakeProxmoxApi acceptPassword(String userId, String password) {
        passwords.put(userId, password);
        return this;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void ticket(HttpExchange ex) throws IOException {
        Map<String, String> form = new java.util.HashMap<>();
        try (InputStream in = ex.getRequestBody()) {
            for (String pair : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        String user = form.getOrDefault("username", "");
        if (!"POST".equals(ex.getRequestMethod()) || !form.getOrDefault("password", "\0").equals(passwords.get(user))) {
            answer(ex, 401, "{\"data\":null}");
            return;
        }
        String ticket = "PVE:" + user + ":" + UUID.randomUUID();
        credentials.put("PVEAuthCookie=" + ticket, privileges(true));
        answer(ex, 200, "{\"data\":{\"username\":\"" + user + "\",\"ticket\":\"" + ticket
                + "\",\"CSRFPreventionToken\":\"x\"}}");
    }

    private void authorized(HttpExchange ex, java.util.function.Function<String, String> body) throws IOException {
        String presented = ex.getRequestHeaders().getFirst("Authorization");
        if (presented == null) {
            presented = ex.getRequestHeaders().getFirst("Cookie");
        }
        String privileges = presented == null ? null : credentials.get(presented);
        if (privileges == null) {
            answer(ex, 401, "{\"data\":null}");
            return;
        }
        answer(ex, 200, body.apply(privileges));
    }

    private static String privileges(boolean granted) {
        return granted ? "{\"/\":{\"Sys.Audit\":1,\"VM.Audit\":1,\"Datastore.Audit\":1}}" : "{}";
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** One self-signed certificate per test run, for 127.0.0.1 and localhost, made by keytool. */
    private static SSLContext selfSigned() {
        if (sslContext == null) {
            synchronized (FakeProxmoxApi.class) {
                if (sslContext == null) {
                    sslContext = createSslContext();
                }
            }
        }
        return sslContext;
    }

    private static SSLContext createSslContext() {
        try {
            Path dir = Files.createTempDirectory("fake-pve-");
            Path store = dir.resolve("fake-pve.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "fake-pve", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=fake-pve", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", new String(STORE_PASSWORD), "-keypass", new String(STORE_PASSWORD))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.out").toFile()).start();
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + Files.readString(dir.resolve("keytool.out")));
            }
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, STORE_PASSWORD);
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, STORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the test certificate", e);
        }
    }
}
