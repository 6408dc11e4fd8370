package dev.mcpsessions.config;

/** How bad a {@link Problem} is: any ERROR makes a configuration invalid; a WARNING only advises. */
public enum Severity {
    ERROR,
    WARNING
}
