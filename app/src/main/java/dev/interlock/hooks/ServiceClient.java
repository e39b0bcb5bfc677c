package dev.interlock.hooks;

import dev.interlock.config.DataDir;
import dev.interlock.hooks.HookAdapter.Reply;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The JVM twin of {@code share/hooks/interlock-hook}: finds the running service from the data directory's
 * {@code run/endpoint} and {@code run/hook-token} and sends one hook payload ({@link HookHttp}).
 */
public final class ServiceClient {
    /** Seconds the hook clients wait for the service: below the 300 s hook timeout {@code interlock install} writes. */
    public static final int DEFAULT_BUDGET_SECONDS = 285;

    private final DataDir dataDir;
    private final Duration budget;

    public ServiceClient(DataDir dataDir, Duration budget) {
        this.dataDir = dataDir;
        this.budget = budget;
    }

    /** Why the service cannot be used; the caller falls back to the local policy. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String why) {
            super(why);
        }
    }

    /** The service's base URI from {@code run/endpoint} ({@code PORT}, {@code HOST:PORT} or a URL). */
    public Optional<URI> endpoint() {
        return firstLine(dataDir.run().resolve("endpoint")).map(ServiceClient::toUri);
    }

    static URI toUri(String e) {
        if (e.startsWith("http://") || e.startsWith("https://")) {
            return URI.create(e.replaceAll("/+$", ""));
        }
        return URI.create(e.matches("\\d+") ? "http://127.0.0.1:" + e : "http://" + e);
    }

    public Optional<String> token() {
        return firstLine(dataDir.run().resolve("hook-token"));
    }

    private static Optional<String> firstLine(Path p) {
        try {
            if (!Files.isReadable(p)) {
                return Optional.empty();
            }
            String s = Files.readString(p, StandardCharsets.UTF_8).strip();
            int nl = s.indexOf('\n');
            s = nl < 0 ? s : s.substring(0, nl).strip();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Reply post(String agent, byte[] payload, String hostHint) throws Unavailable {
        URI base = endpoint().orElseThrow(() -> new Unavailable(
                "Interlock is not running: no " + dataDir.run().resolve("endpoint")));
        String token = token().orElseThrow(() -> new Unavailable("no hook token in " + dataDir.run().resolve("hook-token")));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
                .proxy(java.net.ProxySelector.of(null)).build();
        HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve(HookHttp.PATH_PREFIX + agent))
                .timeout(budget)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header(HookHttp.BUDGET, Long.toString(budget.toSeconds()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        if (hostHint != null) {
            req.header(HookHttp.HOST, hostHint);
        }
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new Unavailable("Interlock is not running: connection refused at " + base);
        } catch (HttpTimeoutException e) {
            throw new Unavailable("the Interlock service did not answer within " + budget.toSeconds() + "s");
        } catch (IOException e) {
            throw new Unavailable("cannot talk to the Interlock service at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
        Optional<String> exit = resp.headers().firstValue(HookHttp.EXIT);
        if (resp.statusCode() != 200 || exit.isEmpty() || !exit.get().strip().matches("\\d{1,3}")) {
            throw new Unavailable("the Interlock service answered HTTP " + resp.statusCode()
                    + (exit.isEmpty() ? " without an exit code" : ""));
        }
        String err = resp.headers().firstValue(HookHttp.STDERR)
                .map(s -> new String(java.util.Base64.getMimeDecoder().decode(s), StandardCharsets.UTF_8))
                .or(() -> resp.headers().firstValue(HookHttp.STDERR_PLAIN)
                        .map(s -> new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)))
                .orElse("");
        return new Reply(new String(resp.body(), StandardCharsets.UTF_8), Integer.parseInt(exit.get().strip()), err);
    }
}
