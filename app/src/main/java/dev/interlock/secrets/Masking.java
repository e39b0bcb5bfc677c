package dev.interlock.secrets;

/** The one way Interlock shows a secret: a recognisable prefix and the last four characters, nothing more. */
public final class Masking {
    private Masking() {
    }

    public static String mask(String secret) {
        if (secret.length() <= 8) {
            return "*".repeat(secret.length());
        }
        int prefix = knownPrefixLength(secret);
        int keep = Math.min(prefix, secret.length() / 3);
        return secret.substring(0, keep) + "…" + secret.substring(secret.length() - 4);
    }

    /** Length of a public, non-secret prefix such as {@code ghp_} or {@code sk_live_}, else 2. */
    private static int knownPrefixLength(String s) {
        int i = 0;
        int limit = Math.min(s.length(), 12);
        int lastSep = -1;
        while (i < limit) {
            char c = s.charAt(i);
            if (c == '_' || c == '-') {
                lastSep = i;
            } else if (!Character.isLetter(c)) {
                break;
            }
            i++;
        }
        return lastSep > 0 ? lastSep + 1 : 2;
    }

    /** Shannon entropy in bits per character. */
    public static double entropy(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / s.length();
                h -= p * (Math.log(p) / Math.log(2));
            }
        }
        if (other > 0) {
            double p = (double) other / s.length();
            h -= p * (Math.log(p) / Math.log(2));
        }
        return h;
    }
}
