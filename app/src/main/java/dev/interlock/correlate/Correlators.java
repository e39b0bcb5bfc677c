package dev.interlock.correlate;

import dev.interlock.config.DataDir;
import dev.interlock.policy.PolicyEngine;
import dev.interlock.secrets.Fingerprints;
import dev.interlock.secrets.SecretFinder;
import java.io.IOException;
import java.time.Clock;
import java.util.function.Supplier;

/** Builds the standard correlator of an installation: session memory over the engine's secret detectors. */
public final class Correlators {
    private Correlators() {
    }

    /**
     * Session memory with the detectors of the engine's packs, the user's environment labels
     * ({@code environments.json}) and allowed credentials ({@code allowed-credentials.json}).
     *
     * @throws IOException when one of those files exists but cannot be read (the message names it)
     */
    public static SessionMemory standard(DataDir dir, Supplier<PolicyEngine> engine, Clock clock,
                                         boolean askOnSecretFileOutsideWorkspace) throws IOException {
        SecretFinder finder = SecretFinder.fromPacks(engine.get().packs(), Fingerprints.forInstall(dir));
        return new SessionMemory(engine, finder, EnvironmentBook.load(environmentsFile(dir)),
                AllowedCredentials.load(allowedCredentialsFile(dir)), clock,
                new SessionMemory.Options(askOnSecretFileOutsideWorkspace));
    }

    public static java.nio.file.Path environmentsFile(DataDir dir) {
        return dir.root().resolve("environments.json");
    }

    public static java.nio.file.Path allowedCredentialsFile(DataDir dir) {
        return dir.root().resolve("allowed-credentials.json");
    }
}
