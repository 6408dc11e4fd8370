package dev.mcpsessions.process;

/** What the user last asked for; survives a crash of the manager. */
public enum DesiredState {
    RUNNING, STOPPED
}
