package dev.interlock.policy.http;

import dev.interlock.policy.Deriver;
import java.util.List;

/** The derivers that turn HTTP clients in shell commands into {@link HttpSubject}s. */
public final class HttpDerivers {
    private HttpDerivers() {
    }

    public static List<Deriver> all() {
        return List.of(new CurlDeriver(), new WgetDeriver(), new HttpieDeriver(), ForgeApiDeriver.gh(),
                ForgeApiDeriver.glab(), new RailwayApiDeriver(), new AzRestDeriver(),
                new StripeCliDeriver());
    }
}
