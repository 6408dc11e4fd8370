package dev.mcpsessions.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads template files; a template is small, so one larger than 1 MiB is taken for a mistake. */
final class TemplateFiles {

    static final long MAX_SIZE = 1024 * 1024;

    private TemplateFiles() {
    }

    /** The file's text; an unreadable file is an {@link InvalidConfigException} that says why. */
    static String read(Path file) {
        String reason;
        try {
            if (!Files.exists(file)) {
                reason = "no such file";
            } else if (!Files.isRegularFile(file)) {
                reason = "not a regular file";
            } else if (Files.size(file) > MAX_SIZE) {
                reason = "larger than 1 MiB";
            } else {
                return Files.readString(file, StandardCharsets.UTF_8);
            }
        } catch (CharacterCodingException e) {
            reason = "not UTF-8 text";
        } catch (AccessDeniedException e) {
            reason = "permission denied";
        } catch (IOException e) {
            reason = e.getClass().getSimpleName();
        }
        throw new InvalidConfigException(ValidationReport.ofProblem(ProblemCode.CONFIG_FILE_UNREADABLE.at(
                Problem.ROOT, "Cannot read " + file + ": " + reason + ".",
                "Pass the path of a readable UTF-8 text file (absolute, or relative to the directory "
                        + "the CLI runs in).")));
    }
}
