package dev.interlock.proxy;

/** Told about every inspected exchange once it is over (called on proxy threads; must not block). */
@FunctionalInterface
public interface ProxyObserver {
    ProxyObserver NONE = e -> { };

    void exchanged(ProxyExchange exchange);
}
