package dev.interlock.policy;

import dev.interlock.policy.file.FileAnalyzer;
import dev.interlock.policy.file.FileMatcherFactory;
import dev.interlock.policy.file.ShellFileDeriver;
import dev.interlock.policy.mcp.McpAnalyzer;
import dev.interlock.policy.mcp.McpMatcherFactory;
import dev.interlock.policy.http.GraphqlMatcherFactory;
import dev.interlock.policy.http.HttpAnalyzer;
import dev.interlock.policy.http.HttpDerivers;
import dev.interlock.policy.http.HttpMatcherFactory;
import dev.interlock.policy.shell.ConstructMatcherFactory;
import dev.interlock.policy.shell.ShellAnalyzer;
import dev.interlock.policy.shell.ShellMatcherFactory;
import dev.interlock.policy.sql.McpSqlDeriver;
import dev.interlock.policy.sql.SqlClientDeriver;
import dev.interlock.policy.sql.SqlMatcherFactory;
import dev.interlock.secrets.DetectorSection;
import dev.interlock.secrets.FileHintsSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The standard wiring of the policy layer (which analyzers, derivers and matcher kinds exist) and the places
 * packs are loaded from. Adding a provider never touches this class: it is a YAML file.
 */
public final class Policies {
    private Policies() {
    }

    public static MatcherFactories matchers() {
        return new MatcherFactories()
                .register(new FileMatcherFactory())
                .register(new McpMatcherFactory())
                .register(new ShellMatcherFactory())
                .register(new ConstructMatcherFactory())
                .register(new SqlMatcherFactory())
                .register(new HttpMatcherFactory())
                .register(new GraphqlMatcherFactory());
    }

    public static List<Analyzer> analyzers() {
        return List.of(new FileAnalyzer(), new McpAnalyzer(), new ShellAnalyzer(), new HttpAnalyzer());
    }

    public static List<Deriver> derivers() {
        List<Deriver> all = new ArrayList<>();
        all.add(new ShellFileDeriver());
        all.add(new SqlClientDeriver());
        all.add(new McpSqlDeriver());
        all.addAll(HttpDerivers.all());
        return all;
    }

    public static List<PackSection> sections() {
        return List.of(new DetectorSection(), new FileHintsSection());
    }

    public static PackLoader loader() {
        return new PackLoader(matchers(), sections());
    }

    /**
     * The bundled packs directory: {@code -Dinterlock.packs.dir}, else {@code packs/} of the installed
     * distribution ({@code -Dinterlock.app.home}, set by the launcher), else {@code policy-packs/} here.
     */
    public static Path bundledPacksDir() {
        String prop = System.getProperty("interlock.packs.dir");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String appHome = System.getProperty("interlock.app.home");
        if (appHome != null && Files.isDirectory(Path.of(appHome, "packs"))) {
            return Path.of(appHome, "packs");
        }
        return Path.of("policy-packs");
    }

    /** Every {@code *.yaml} in a directory, sorted by name. */
    public static List<Pack> loadDirectory(Path dir) throws PackException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new PackException(dir.toString(), 0, null, "cannot list packs: " + e.getMessage());
        }
        PackLoader loader = loader();
        List<Pack> packs = new ArrayList<>();
        for (Path f : files) {
            packs.add(loader.load(f));
        }
        return packs;
    }

    /** Bundled packs plus the user's packs (if the directory exists); pack names must be unique. */
    public static List<Pack> loadAll(Path userPacksDir) throws PackException {
        List<Pack> packs = new ArrayList<>(loadDirectory(bundledPacksDir()));
        if (userPacksDir != null && Files.isDirectory(userPacksDir)) {
            for (Pack p : loadDirectory(userPacksDir)) {
                if (packs.stream().anyMatch(q -> q.name().equals(p.name()))) {
                    throw new PackException(p.source(), 1, null,
                            "a bundled pack is already named '" + p.name() + "'; rename this one");
                }
                packs.add(p);
            }
        }
        return packs;
    }

    public static PolicyEngine engine(List<Pack> packs, Set<String> disabled) {
        return new PolicyEngine(packs, analyzers(), derivers(), disabled);
    }

    /** The engine over the bundled packs only, everything enabled: what tests and {@code check} start from. */
    public static PolicyEngine bundled() throws PackException {
        return engine(loadDirectory(bundledPacksDir()), Set.of());
    }
}
