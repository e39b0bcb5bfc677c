package dev.interlock.proxy;

import dev.interlock.config.DataDir;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The environment that routes a process through the proxy and makes it trust Interlock's CA, for the common stacks
 * (docs/agent-integrations.md §9). Used by {@code interlock env} and by {@code interlock run -- <agent>}.
 *
 * <p>Tools that <em>extend</em> their trust store get Interlock's CA alone ({@code NODE_EXTRA_CA_CERTS}); tools whose
 * variable <em>replaces</em> the store get the combined bundle (system roots + Interlock's CA), so they keep trusting
 * every other host.
 */
public final class ProxyEnvironment {
    /** Loopback and link-local metadata never go through the proxy (OpenCode's TUI↔server, cloud metadata). */
    public static final String NO_PROXY = "localhost,127.0.0.1,::1,169.254.169.254";

    public enum Shell { BASH, ZSH, FISH, POWERSHELL;

        public static Shell detect() {
            if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) {
                return POWERSHELL;
            }
            String sh = System.getenv("SHELL");
            if (sh != null && sh.endsWith("fish")) {
                return FISH;
            }
            return sh != null && sh.endsWith("zsh") ? ZSH : BASH;
        }
    }

    private ProxyEnvironment() {
    }

    /** The variables for a proxy on {@code port}; creates the CA and the bundles when they do not exist yet. */
    public static Map<String, String> variables(DataDir dir, int port) throws IOException {
        return variables(dir, port, null, null);
    }

    /**
     * As {@link #variables(DataDir, int)}, with the agent (and its session) named in the proxy URL's user info, so
     * the proxy can attribute requests: {@code http://claude-code:SESSION@127.0.0.1:PORT}. Clients send it as
     * {@code Proxy-Authorization}; it identifies, it does not authenticate.
     */
    public static Map<String, String> variables(DataDir dir, int port, String agent, String session)
            throws IOException {
        LocalCa ca = LocalCa.loadOrCreate(dir);
        Path bundle = TrustBundle.pemFile(ca.directory());
        Path javaStore = TrustBundle.javaFile(ca.directory());
        if (!Files.exists(bundle) || !Files.exists(javaStore)) {
            TrustBundle.write(ca);
        }
        String userInfo = "";
        if (agent != null && !agent.isBlank()) {
            userInfo = enc(agent) + (session != null && !session.isBlank() ? ":" + enc(session) : "") + "@";
        }
        String proxy = "http://" + userInfo + "127.0.0.1:" + port;
        Map<String, String> v = new LinkedHashMap<>();
        v.put("HTTPS_PROXY", proxy);
        v.put("https_proxy", proxy);
        v.put("HTTP_PROXY", proxy);
        v.put("http_proxy", proxy);
        v.put("NO_PROXY", NO_PROXY);
        v.put("no_proxy", NO_PROXY);
        v.put("NODE_USE_ENV_PROXY", "1");
        v.put("NODE_EXTRA_CA_CERTS", ca.certificateFile().toString());
        v.put("REQUESTS_CA_BUNDLE", bundle.toString());
        v.put("SSL_CERT_FILE", bundle.toString());
        v.put("CURL_CA_BUNDLE", bundle.toString());
        v.put("AWS_CA_BUNDLE", bundle.toString());
        v.put("GIT_SSL_CAINFO", bundle.toString());
        v.put("CLOUDSDK_CORE_CUSTOM_CA_CERTS_FILE", bundle.toString());
        v.put("CODEX_CA_CERTIFICATE", bundle.toString());
        v.put("PIP_CERT", bundle.toString());
        v.put("JAVA_TOOL_OPTIONS", javaOptions(port, javaStore));
        return v;
    }

    static String javaOptions(int port, Path trustStore) {
        return "-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=" + port
                + " -Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=" + port
                + " -Dhttp.nonProxyHosts=localhost|127.*|[::1]"
                + " " + javaQuote("-Djavax.net.ssl.trustStore=" + trustStore)
                + " -Djavax.net.ssl.trustStoreType=PKCS12 -Djavax.net.ssl.trustStorePassword=" + TrustBundle.JAVA_PASSWORD;
    }

    /** The JVM splits JAVA_TOOL_OPTIONS on spaces but honours double quotes (macOS "Application Support"). */
    private static String javaQuote(String option) {
        return option.contains(" ") ? "\"" + option + "\"" : option;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Lines that set the variables in {@code shell}; values quoted so that nothing in them is expanded. */
    public static String render(Map<String, String> vars, Shell shell) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : vars.entrySet()) {
            String v = e.getValue();
            switch (shell) {
                case BASH, ZSH -> sb.append("export ").append(e.getKey()).append("='")
                        .append(v.replace("'", "'\\''")).append("'\n");
                case FISH -> sb.append("set -gx ").append(e.getKey()).append(" '")
                        .append(v.replace("\\", "\\\\").replace("'", "\\'")).append("'\n");
                case POWERSHELL -> sb.append("$env:").append(e.getKey()).append(" = '")
                        .append(v.replace("'", "''")).append("'\n");
            }
        }
        return sb.toString();
    }
}
