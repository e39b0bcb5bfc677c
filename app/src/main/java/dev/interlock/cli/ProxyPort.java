package dev.interlock.cli;

import dev.interlock.config.DataDir;

/** The proxy port the user configured. */
final class ProxyPort {
    private ProxyPort() {
    }

    static int configured(DataDir dir) {
        return dev.interlock.config.Settings.load(dir).settings().proxyPort();
    }
}
