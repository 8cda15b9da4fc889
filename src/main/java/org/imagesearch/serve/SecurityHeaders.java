package org.imagesearch.serve;

import io.javalin.http.Context;

/**
 * Headers for every response. The page loads only its own script and style and shows thumbnails from the API,
 * the dropped picture as a blob: URL: anything else injected into it would not run. It must not be framed
 * (clickjacking), nor reveal a search in the Referer, nor have its JSON or thumbnails sniffed into HTML.
 */
final class SecurityHeaders {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; "
            + "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private SecurityHeaders() {}

    static void add(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
    }
}
