package dev.mcpsessions.home;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Resolves the home before anything reads it, so that {@code mcp.home} and the manager's own log
 * file agree: {@code MCP_SESSIONS_HOME}, then {@code mcp.home}, then {@code java.io.tmpdir}.
 */
class HomeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String ENV_VAR = "MCP_SESSIONS_HOME";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path home = resolve(environment.getProperty(ENV_VAR), environment.getProperty("mcp.home"),
                System.getProperty("java.io.tmpdir"));
        Map<String, Object> resolved = new HashMap<>();
        resolved.put("mcp.home", home.toString());
        Path mainLog = null;
        if (!environment.containsProperty("logging.file.name")) {
            mainLog = home.resolve("logs").resolve("mcp-main.log");
            resolved.put("logging.file.name", mainLog.toString());
        }
        environment.getPropertySources().addFirst(new MapPropertySource("mcpHome", resolved));
        // before the logging system creates logs/ and the log file with the umask's wider modes
        AtomicFiles.createPrivateDirectories(home.resolve("logs"));
        if (mainLog != null) {
            AtomicFiles.createPrivateFile(mainLog);
        }
    }

    static Path resolve(String envValue, String propertyValue, String tmpdir) {
        String chosen = notBlank(envValue) ? envValue : notBlank(propertyValue) ? propertyValue
                : Path.of(tmpdir, "mcp-sessions").toString();
        return Path.of(chosen).toAbsolutePath().normalize();
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
