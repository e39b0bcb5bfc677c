package dev.interlock.secrets;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One credential format from the {@code secrets} pack.
 *
 * @param id         unique id, e.g. {@code github-pat}
 * @param provider   who issued it ("GitHub", "AWS", "Railway")
 * @param kind       what it is in plain words ("personal access token")
 * @param scope      how much it can do: {@code account} (account- or org-wide), {@code project}, {@code unknown}
 * @param regex      where group {@code group} is the secret itself
 * @param group      capture group of the secret (0 = whole match)
 * @param minEntropy Shannon entropy (bits per char) the secret must reach, to skip placeholders
 * @param keywords   lower-case strings one of which must occur in the text (cheap prefilter); empty = always run
 * @param envOnly    only in {@code .env}-style files (generic assignments)
 */
public record Detector(String id, String provider, String kind, String scope, Pattern regex, int group,
                       double minEntropy, List<String> keywords, boolean envOnly) {
    public Detector {
        keywords = List.copyOf(keywords);
    }

    public boolean accountWide() {
        return "account".equals(scope);
    }
}
