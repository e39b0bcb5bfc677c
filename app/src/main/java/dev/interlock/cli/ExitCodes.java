package dev.interlock.cli;

/** Exit codes shared by all commands (contract): {@code check} adds 0 allow, 3 ask, 4 deny. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
