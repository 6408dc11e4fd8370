package dev.mcpsessions.session;

public class OwnerNotRunningException extends IllegalArgumentException {

    public OwnerNotRunningException(long pid) {
        super("Owner process " + pid + " does not run; pass the pid of a live process, or 0 for a session without owner");
    }
}
