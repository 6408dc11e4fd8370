package dev.mcpsessions.home;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the home's JSON files. A file that cannot be parsed is moved aside (never
 * deleted) with a warning that names it, so one bad file cannot stop the manager or lose data.
 */
@Component
public class JsonFiles {

    private static final Logger log = LoggerFactory.getLogger(JsonFiles.class);

    private final JsonMapper mapper;
    private final Clock clock;

    public JsonFiles(JsonMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    public void write(Path file, Object value) {
        AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
    }

    /** The parsed file; empty when it is missing or was corrupt (and has been moved aside). */
    public <T> Optional<T> read(Path file, Class<T> type) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        try {
            T value = mapper.readValue(bytes, type);
            if (value == null) {
                throw new IllegalArgumentException("empty document");
            }
            return Optional.of(value);
        } catch (JacksonException | IllegalArgumentException e) {
            quarantine(file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Moves a bad file aside as {@code <name>.corrupt-<millis>}, where a person can look at it. */
    public Path quarantine(Path file, String reason) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + clock.millis());
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move corrupt file " + file + " aside", e);
        }
        log.warn("Corrupt file {} moved aside to {}: {}", file, aside.getFileName(), firstLine(reason));
        return aside;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
