package io.intrapoll.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The sites allowed to frame the embeddable poll page ({@code intrapoll.embed.allowed-origins}): origins as a
 * Content-Security-Policy {@code frame-ancestors} directive takes them, a scheme and a host with an optional port,
 * the host's first label may be {@code *} before at least two more ({@code https://*.intranet.example.com}).
 * Anything else (a path, a bare {@code *}, {@code https://*.com}, a keyword) is left out with a warning: a typo must
 * not open framing to every site.
 */
public record FrameAncestors(List<String> origins) {

    private static final Logger LOG = Logger.getLogger(FrameAncestors.class.getName());
    private static final String LABEL = "[a-z0-9]([a-z0-9-]*[a-z0-9])?";
    /** A host, or {@code *.} and at least two labels: {@code https://*.com} would be every site. */
    private static final Pattern ORIGIN = Pattern.compile(
            "https?://(" + LABEL + "(\\." + LABEL + ")*|\\*\\." + LABEL + "(\\." + LABEL + ")+)(:\\d{1,5})?");

    public FrameAncestors {
        origins = List.copyOf(origins);
    }

    /** The setting's origins, separated by commas or spaces; case and a trailing slash do not matter. */
    public static FrameAncestors parse(String setting) {
        List<String> origins = new ArrayList<>();
        for (String entry : (setting == null ? "" : setting).split("[,\\s]+")) {
            String origin = entry.strip().toLowerCase(java.util.Locale.ROOT);
            if (origin.endsWith("/")) {
                origin = origin.substring(0, origin.length() - 1);
            }
            if (origin.isEmpty()) {
                continue;
            }
            if (ORIGIN.matcher(origin).matches()) {
                origins.add(origin);
            } else {
                LOG.warning("intrapoll.embed.allowed-origins: \"" + entry + "\" is not an origin such as"
                        + " https://intranet.example.com and is left out");
            }
        }
        return new FrameAncestors(origins);
    }

    public boolean any() {
        return !origins.isEmpty();
    }

    /** The directive's sources: the origins, or 'none'. */
    public String sources() {
        return origins.isEmpty() ? "'none'" : String.join(" ", origins);
    }
}
