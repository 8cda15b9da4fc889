package org.imagesearch.image;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Fetches an {@code http(s):} image within the limits: every hop, redirects included, goes only to addresses
 * the {@link AddressPolicy} passed, all hops together within the read timeout, the body within the byte limit.
 * Redirects are followed here rather than by OkHttp so that each target's scheme is checked too.
 */
final class HttpImageFetcher {
    static final int MAX_REDIRECTS = 5;

    private final LoaderLimits limits;
    private final AddressPolicy policy;
    private final OkHttpClient http;

    HttpImageFetcher(LoaderLimits limits, AddressPolicy policy) {
        this.limits = limits;
        this.policy = policy;
        this.http = new OkHttpClient.Builder()
                .dns(new PolicyDns(policy))
                // Through a proxy the policy would only see the proxy's name, never the target's.
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(limits.connectTimeout())
                // every load in flight can keep its connection for the next one (OkHttp keeps 5 by default)
                .connectionPool(new ConnectionPool(limits.loadCapacity(), 5, TimeUnit.MINUTES))
                .build();
    }

    byte[] fetch(URI uri) throws ImageRejectedException {
        HttpUrl url = HttpUrl.parse(uri.toString());
        if (url == null) {
            throw reject("URI not accepted for HTTP: " + Redaction.uri(uri));
        }
        long deadline = System.nanoTime() + limits.readTimeout().toNanos();
        for (int redirects = 0; ; redirects++) {
            String shown = Redaction.uri(url.uri());
            try (Response response = call(url, deadline).execute()) {
                if (!response.isRedirect()) {
                    return body(response, shown);
                }
                if (redirects == MAX_REDIRECTS) {
                    throw reject("more than " + MAX_REDIRECTS + " redirects, the last from " + shown);
                }
                url = redirectTarget(response, shown);
            } catch (BlockedAddressException e) {
                throw reject(e.getMessage() + ", fetching " + shown);
            } catch (InterruptedIOException e) {
                throw transientFailure("timed out fetching " + shown + " within " + limits.readTimeout().toMillis() + " ms");
            } catch (IOException e) {
                throw transientFailure("cannot fetch " + shown + ": " + e);
            }
        }
    }

    /**
     * OkHttp connects to an IP literal without asking its {@code Dns}: literals are checked here. The call
     * timeout ends the call, body included, when the deadline shared by all hops passes.
     */
    private Call call(HttpUrl url, long deadline) throws IOException {
        if (IpLiteral.looksLikeAddress(url.host())) {
            policy.addressesOf(url.host());
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new InterruptedIOException("deadline passed");
        }
        Call call = http.newCall(new Request.Builder().url(url).get().build());
        call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
        return call;
    }

    private byte[] body(Response response, String shown) throws IOException, ImageRejectedException {
        if (response.code() >= 500) {
            throw transientFailure("HTTP " + response.code() + " from " + shown);
        }
        if (response.code() != 200) {
            throw reject("HTTP " + response.code() + " from " + shown);
        }
        ResponseBody body = response.body();
        limits.checkBytes(body.contentLength());
        return limits.readBounded(body.byteStream());
    }

    /** The Location resolved against the hop's URL; OkHttp gives null for any scheme but http and https. */
    private static HttpUrl redirectTarget(Response response, String shown) throws ImageRejectedException {
        String location = response.header("Location");
        HttpUrl target = location == null ? null : response.request().url().resolve(location);
        if (target == null) {
            throw reject("HTTP " + response.code() + " from " + shown + " redirects to no http(s) URI");
        }
        return target;
    }

    private static ImageRejectedException reject(String reason) {
        return new ImageRejectedException(ImageRejectedException.Step.LOAD, reason);
    }

    private static ImageRejectedException transientFailure(String reason) {
        return new ImageRejectedException(ImageRejectedException.Step.LOAD, reason, true);
    }
}
