package dev.mcpsessions.logs;

import java.io.IOException;
import java.io.InputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The body of {@link RotatingLog#pump}: raw chunks straight from the pipe to the file, no per-line work. */
final class LogPump implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(LogPump.class);
    private static final int CHUNK = 64 * 1024; // a Linux pipe's default capacity

    private final InputStream in;
    private final RotatingLog target;

    LogPump(InputStream in, RotatingLog target) {
        this.in = in;
        this.target = target;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[CHUNK];
        boolean failing = false;
        try (in; target) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                try {
                    target.write(buffer, 0, read);
                    failing = false;
                } catch (IOException e) {
                    // once per run of failures at info, the repeats at debug; and keep draining the pipe
                    if (!failing) {
                        log.info("Cannot write {}: {}; output is dropped until writing works again",
                                target.file(), e.toString());
                    } else {
                        log.debug("Still cannot write {}: {}", target.file(), e.toString());
                    }
                    failing = true;
                }
            }
        } catch (IOException e) {
            log.debug("Output stream for {} ended: {}", target.file(), e.toString());
        }
    }
}
