package dev.mcpsessions.process;

/** A server spec that cannot be started as given; nothing was spawned or written. */
public class InvalidSpecException extends IllegalArgumentException {

    public InvalidSpecException(String message) {
        super(message);
    }
}
