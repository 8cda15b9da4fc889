package org.imagesearch.serve;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a request is addressed to this service and, for uploads, sent by its own page. A host name the service
 * was not configured with means a DNS rebinding attack (a hostile name resolving to this machine); a cross-site
 * Origin or {@code Sec-Fetch-Site} means another site's page is posting a form to it.
 */
final class HostCheck {
    private final Set<String> names;

    /** {@code names}: host names, optionally with a port, which is ignored. */
    HostCheck(List<String> names) {
        this.names = names.stream().map(HostCheck::withoutPort).collect(Collectors.toUnmodifiableSet());
    }

    /** True when the Host header names one of the configured hosts. */
    boolean allowsHost(Context ctx) {
        String host = ctx.header("Host");
        return host != null && names.contains(withoutPort(host));
    }

    /** True when the browser says another origin sent the request; absent headers (curl, scripts) are not. */
    boolean isCrossSite(Context ctx) {
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return true;
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return false;
        }
        int scheme = origin.indexOf("://");
        return scheme < 0 || !origin.substring(scheme + 3).equalsIgnoreCase(ctx.header("Host"));
    }

    /** "Example.org:8080" and "[::1]:8080" to "example.org" and "[::1]". */
    private static String withoutPort(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            return name.substring(0, name.indexOf(']') + 1);
        }
        int colon = name.indexOf(':');
        // More than one colon: a bare IPv6 address, no port.
        return colon >= 0 && colon == name.lastIndexOf(':') ? name.substring(0, colon) : name;
    }
}
