package dev.mcpsessions.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

import dev.mcpsessions.process.ServerView;

/** One server as one line of text, for the CLI's start, stop and restart. */
class ServerViewTextConverter extends AbstractHttpMessageConverter<ServerView> {

    ServerViewTextConverter() {
        super(StandardCharsets.UTF_8, MediaType.TEXT_PLAIN);
    }

    @Override
    protected boolean supports(Class<?> clazz) {
        return ServerView.class.isAssignableFrom(clazz);
    }

    @Override
    protected ServerView readInternal(Class<? extends ServerView> clazz, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("a server cannot be read from text", input);
    }

    @Override
    protected void writeInternal(ServerView s, HttpOutputMessage output) throws IOException {
        StringBuilder line = new StringBuilder(s.name()).append(' ').append(s.state());
        if (s.pid() != null) {
            line.append("  pid ").append(s.pid());
        }
        if (s.port() != null) {
            line.append("  port ").append(s.port());
        }
        if (s.restarts() > 0) {
            line.append("  restarts ").append(s.restarts());
        }
        if (s.lastError() != null && !s.state().isActive()) {
            line.append("  (").append(s.lastError()).append(')');
        }
        line.append("\nlog: ").append(s.logFile()).append('\n');
        output.getBody().write(line.toString().getBytes(StandardCharsets.UTF_8));
    }
}
