package dev.mcpsessions.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;

/** The manager's own log stays private through rollovers, whatever the umask (here: the JVM's, 022 or so). */
class PrivateRollingFileAppenderTest {

    @TempDir
    Path dir;

    @Test
    void theLogAndEveryRolledFileAre0600() throws Exception {
        Path logs = dir.resolve("logs");
        Path file = logs.resolve("mcp-main.log");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        PrivateRollingFileAppender<ILoggingEvent> appender = appender(context, file);
        Logger logger = context.getLogger("test");
        logger.addAppender(appender);

        String line = "x".repeat(200);
        for (int i = 0; i < 2_000 && rolled(logs).size() < 3; i++) {
            logger.info("{} {}", i, line);
            if (i % 20 == 0) {
                Thread.sleep(5); // the policy looks at the size at most every few milliseconds
            }
        }
        context.stop();

        assertThat(rolled(logs)).hasSizeGreaterThanOrEqualTo(2);
        try (Stream<Path> files = Files.list(logs)) {
            assertThat(files).allSatisfy(f -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                    .as(f.toString()).isEqualTo("rw-------"));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logs))).isEqualTo("rwx------");
    }

    private static PrivateRollingFileAppender<ILoggingEvent> appender(LoggerContext context, Path file) {
        PrivateRollingFileAppender<ILoggingEvent> appender = new PrivateRollingFileAppender<>();
        appender.setContext(context);
        appender.setFile(file.toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(file + ".%d{yyyy-MM-dd}.%i"); // as logback-spring.xml: renamed, not compressed
        policy.setMaxFileSize(FileSize.valueOf("4KB"));
        policy.start();
        appender.setRollingPolicy(policy);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    private static List<Path> rolled(Path logs) throws IOException {
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(f -> f.getFileName().toString().startsWith("mcp-main.log.")).toList();
        }
    }
}
