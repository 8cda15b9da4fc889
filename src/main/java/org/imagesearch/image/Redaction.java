package org.imagesearch.image;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of dead letters, logs and error messages: URIs and JDBC URLs may carry them as
 * user info ({@code user:pass@}), as a {@code password=} parameter or, for image URIs, in the query string.
 */
public final class Redaction {
    private static final Pattern USER_INFO = Pattern.compile("(//)[^/@\\s?#]*@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;\\s'\"]*");
    private static final Pattern QUERY_OR_FRAGMENT = Pattern.compile("[?#].*");

    private Redaction() {}

    /** Scheme, host, port and path of {@code uri}: no user info, no query string, no fragment. */
    public static String uri(URI uri) {
        String host = uri.getHost() != null ? uri.getHost() : "?";
        return uri.getScheme() + "://" + host + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /**
     * The same for a reference that did not parse as a URI: everything after ? or # goes, and everything
     * between {@code //} and the last {@code @} (a password may hold a slash).
     */
    public static String reference(String reference) {
        String beforeQuery = QUERY_OR_FRAGMENT.matcher(reference).replaceFirst("");
        int authority = beforeQuery.indexOf("//");
        int at = beforeQuery.lastIndexOf('@');
        return authority >= 0 && at > authority
                ? beforeQuery.substring(0, authority + 2) + "***" + beforeQuery.substring(at)
                : beforeQuery;
    }

    /** Any text, such as a message quoting a JDBC URL: user info and password parameters masked. */
    public static String text(String text) {
        String withoutUserInfo = USER_INFO.matcher(text).replaceAll("$1***@");
        return PASSWORD_PARAMETER.matcher(withoutUserInfo).replaceAll("$1***");
    }
}
