package dev.interlock.cli;

import dev.interlock.config.DataDir;
import dev.interlock.proxy.ProxyConfig;

/** The proxy port the user configured. */
final class ProxyPort {
    private ProxyPort() {
    }

    static int configured(DataDir dir) {
        return ProxyConfig.DEFAULT_PORT;
    }
}
