package dev.mcpsessions.home;

import java.io.IOException;
import java.nio.file.Path;

import ch.qos.logback.core.rolling.RollingFileAppender;

/**
 * Logback's rolling file appender for {@code logs/mcp-main.log}, except that the file it opens, at
 * start and after each rollover, is created with mode 0600 whatever the umask of the shell that
 * started the manager. Rolled files are renamed, not copied (see logback-spring.xml), so they keep
 * that mode too.
 */
public class PrivateRollingFileAppender<E> extends RollingFileAppender<E> {

    @Override
    public void openFile(String fileName) throws IOException {
        Path file = Path.of(fileName);
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            AtomicFiles.createPrivateDirectories(dir);
        }
        AtomicFiles.createPrivateFile(file);
        super.openFile(fileName);
    }
}
