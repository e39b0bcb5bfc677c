package dev.interlock.action;

/**
 * What an agent is about to do, as seen by one of the sensors. Every sensor produces one of these and
 * hands it, with its {@link Origin}, to the guard; nothing else crosses from a sensor into the spine.
 */
public sealed interface Action permits ShellCommand, FileAccess, HttpCall, McpCall {

    /** Short kind name used in the audit log and the UI: {@code shell}, {@code file}, {@code http}, {@code mcp}. */
    String kind();

    /** One line a human can read: the command, {@code METHOD url}, {@code read path}, {@code server/tool}. */
    String summary();
}
