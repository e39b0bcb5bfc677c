package dev.interlock.policy.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlock.policy.SubjectSink;
import dev.interlock.policy.shell.CommandSubject;
import dev.interlock.policy.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Stripe CLI's generic request commands {@code stripe get|post|delete PATH} (stripe/stripe-cli
 * {@code pkg/requests/base.go}, {@code ids.go}, {@code pkg/stripe/client.go}): the path is normalised the way the CLI
 * does ({@code customers/x} and {@code v1/customers/x} are {@code /v1/customers/x}; an object ID alone such as
 * {@code cus_123} names its object), {@code -d/--data key=value} and {@code -e/--expand} are form fields sent as the
 * body of a POST and in the query string otherwise, {@code --limit/--starting-after/--ending-before} for GET,
 * {@code --stripe-account}, {@code --stripe-version}, {@code --idempotency} headers, {@code --api-base} the host.
 *
 * <p>The key is what the rules see of the mode: {@code --api-key} or a {@code STRIPE_API_KEY=} prefix is sent as
 * {@code Authorization: Bearer KEY} (one built from a shell expansion is left out: unknown); otherwise the CLI uses
 * the key of its config, live with {@code --live} and test-mode without, written as
 * {@code Bearer rk_live_(…)} / {@code Bearer rk_test_(…)} so the pack's key-prefix rules apply.
 */
public final class StripeCliDeriver extends CommandHttpDeriver {
    static final String API = "https://api.stripe.com";
    private static final Set<String> METHODS = Set.of("get", "post", "delete");
    private static final Set<Character> SHORT_VALUE = Set.of('d', 'e', 'i', 'v', 'l', 'a', 'b', 'p');
    private static final Set<String> LONG_VALUE = Set.of("--data", "--expand", "--idempotency", "--stripe-version",
            "--stripe-account", "--limit", "--starting-after", "--ending-before", "--api-base", "--api-key", "--color",
            "--config", "--device-name", "--log-level", "--project-name");
    private static final Pattern OBJECT_ID = Pattern.compile("^([a-z]{2,5})_(test_|live_)?[a-zA-Z0-9]{3,}$");
    /** Object ID prefixes the CLI resolves to a path ({@code ids.go}). */
    private static final Map<String, String> ID_PATHS = Map.ofEntries(
            Map.entry("txn", "/v1/balance_transactions/"), Map.entry("ch", "/v1/charges/"),
            Map.entry("py", "/v1/charges/"), Map.entry("cus", "/v1/customers/"), Map.entry("dp", "/v1/disputes/"),
            Map.entry("evt", "/v1/events/"), Map.entry("file", "/v1/files/"), Map.entry("link", "/v1/file_links/"),
            Map.entry("pi", "/v1/payment_intents/"), Map.entry("seti", "/v1/setup_intents/"),
            Map.entry("po", "/v1/payouts/"), Map.entry("prod", "/v1/products/"), Map.entry("re", "/v1/refunds/"),
            Map.entry("tok", "/v1/tokens/"), Map.entry("pm", "/v1/payment_methods/"), Map.entry("src", "/v1/sources/"),
            Map.entry("cs", "/v1/checkout/sessions/"), Map.entry("cn", "/v1/credit_notes/"),
            Map.entry("txi", "/v1/tax_ids/"), Map.entry("in", "/v1/invoices/"), Map.entry("ii", "/v1/invoice_items/"),
            Map.entry("sub", "/v1/subscriptions/"), Map.entry("si", "/v1/subscription_items/"),
            Map.entry("txr", "/v1/tax_rates/"), Map.entry("acct", "/v1/accounts/"),
            Map.entry("fee", "/v1/application_fees/"), Map.entry("tu", "/v1/topups/"), Map.entry("tr", "/v1/transfers/"),
            Map.entry("issfr", "/v1/radar/early_fraud_warnings/"), Map.entry("prv", "/v1/reviews/"),
            Map.entry("rsl", "/v1/radar/value_lists/"), Map.entry("rsli", "/v1/radar/value_list_items/"),
            Map.entry("iauth", "/v1/issuing/authorizations/"), Map.entry("ich", "/v1/issuing/cardholders/"),
            Map.entry("ic", "/v1/issuing/cards/"), Map.entry("idp", "/v1/issuing/disputes/"),
            Map.entry("ipi", "/v1/issuing/transactions/"), Map.entry("tml", "/v1/terminal/locations/"),
            Map.entry("tmr", "/v1/terminal/readers/"), Map.entry("or", "/v1/orders/"),
            Map.entry("orret", "/v1/order_returns/"), Map.entry("sku", "/v1/skus/"),
            Map.entry("sqr", "/v1/sigma/scheduled_query_runs/"), Map.entry("we", "/v1/webhook_endpoints/"));

    public StripeCliDeriver() {
        super(Set.of("stripe"));
    }

    @Override
    void derive(CommandSubject c, SubjectSink sink) {
        List<ArgScanner.Item> items = ArgScanner.scan(c.args(), SHORT_VALUE, LONG_VALUE);
        String script = c.script();
        String method = null;
        ArgScanner.Item path = null;
        ArgScanner.Item apiKey = null;
        String base = API;
        boolean live = false;
        boolean unknown = false;
        List<String[]> data = new ArrayList<>();
        List<Word> dataWords = new ArrayList<>();
        List<String[]> headers = new ArrayList<>();
        for (ArgScanner.Item it : items) {
            if (it.positional()) {
                if (method == null) {
                    if (!METHODS.contains(it.value())) {
                        return; // another stripe command (resources, listen, trigger, …)
                    }
                    method = it.value().toUpperCase(Locale.ROOT);
                } else if (path == null) {
                    path = it;
                }
                continue;
            }
            if (it.is("--live")) {
                live = true;
            }
            String v = it.value();
            if (v == null) {
                continue;
            }
            if (it.is("-d", "--data")) {
                int eq = v.indexOf('=');
                if (it.dynamic()) {
                    unknown = true;
                    sink.note("stripe " + method + " data '" + (eq < 0 ? v : v.substring(0, eq))
                            + "' comes from a shell expansion");
                } else if (eq > 0) {
                    data.add(new String[] {v.substring(0, eq), v.substring(eq + 1)});
                }
                dataWords.add(it.valueWord() == null ? it.word() : it.valueWord());
            } else if (it.is("-e", "--expand")) {
                data.add(new String[] {"expand[]", v});
            } else if (it.is("-l", "--limit")) {
                data.add(new String[] {"limit", v});
            } else if (it.is("-a", "--starting-after")) {
                data.add(new String[] {"starting_after", v});
            } else if (it.is("-b", "--ending-before")) {
                data.add(new String[] {"ending_before", v});
            } else if (it.is("--stripe-account")) {
                headers.add(new String[] {"Stripe-Account", v});
            } else if (it.is("-v", "--stripe-version")) {
                headers.add(new String[] {"Stripe-Version", v});
            } else if (it.is("-i", "--idempotency")) {
                headers.add(new String[] {"Idempotency-Key", v});
            } else if (it.is("--api-key")) {
                apiKey = it;
            } else if (it.is("--api-base")) {
                base = v.replaceAll("/+$", "");
            }
        }
        if (method == null || path == null) {
            return;
        }
        boolean getLike = !method.equals("POST");
        List<String[]> usable = new ArrayList<>();
        for (String[] d : data) {
            boolean pageParam = d[0].equals("limit") || d[0].equals("starting_after") || d[0].equals("ending_before");
            if (!pageParam || method.equals("GET")) {
                usable.add(d);
            }
        }
        String p = normalise(path.value());
        boolean v2 = p.startsWith("/v2/");
        String encoded = encode(usable);
        String urlText = base + p + (getLike && !encoded.isEmpty() ? (p.contains("?") ? "&" : "?") + encoded : "");
        HttpSubject.Builder b = HttpSubject.builder(method, Url.parse(urlText, "https"), path.valueLoc(script).blurred())
                .via("stripe " + method.toLowerCase(Locale.ROOT)).whole(c.span());
        b.header("Content-Type", v2 ? "application/json" : "application/x-www-form-urlencoded", null);
        for (String[] h : headers) {
            b.header(h[0], h[1], null);
        }
        String key = null;
        TextMap keyLoc = null;
        if (apiKey != null) {
            if (!apiKey.dynamic()) {
                key = apiKey.value();
                keyLoc = apiKey.valueLoc(script);
            }
        } else if (c.assignments().containsKey("STRIPE_API_KEY")) {
            String k = c.assignments().get("STRIPE_API_KEY");
            key = k.contains("$") ? null : k;
        } else {
            key = live ? "rk_live_(the Stripe CLI's live-mode key)" : "rk_test_(the Stripe CLI's test-mode key)";
        }
        if (key != null) {
            b.header("Authorization", "Bearer " + key, keyLoc);
        }
        if (!getLike) {
            TextMap bodyLoc = ArgScanner.region(script, dataWords.isEmpty() ? List.of(path.word()) : dataWords);
            b.body(v2 ? json(usable) : encoded, bodyLoc);
            if (unknown) {
                b.bodyUnknown(bodyLoc);
            }
        } else if (unknown) {
            b.bodyUnknown(ArgScanner.region(script, dataWords));
        }
        sink.add(b.build());
    }

    /** The path the CLI requests for its argument ({@code createOrNormalizePath}). */
    static String normalise(String arg) {
        Matcher m = OBJECT_ID.matcher(arg);
        if (m.matches() && ID_PATHS.containsKey(m.group(1))) {
            return ID_PATHS.get(m.group(1)) + arg;
        }
        if (arg.startsWith("/v1/") || arg.startsWith("/v2/")) {
            return arg;
        }
        if (arg.startsWith("v1/") || arg.startsWith("v2/")) {
            return "/" + arg;
        }
        return arg.startsWith("/") ? "/v1" + arg : "/v1/" + arg;
    }

    private static String encode(List<String[]> data) {
        List<String> parts = new ArrayList<>();
        for (String[] d : data) {
            parts.add(Codec.encode(d[0]).replace("%5B", "[").replace("%5D", "]") + "=" + Codec.encode(d[1]));
        }
        return String.join("&", parts);
    }

    private static String json(List<String[]> data) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (String[] d : data) {
            FieldBody.put(root, d[0], JsonNodeFactory.instance.textNode(d[1]));
        }
        return FieldBody.toJson(root);
    }
}
