package dev.mcpsessions.process;

/**
 * What the user last asked for; survives a crash of the manager. ATTACHED: started by an MCP
 * client in wrapper mode, tracked but never started by the manager.
 */
public enum DesiredState {
    RUNNING, STOPPED, ATTACHED
}
