package org.imagesearch.image;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A host that must not be fetched from. An {@link UnknownHostException} so that it passes through OkHttp's
 * {@code Dns} unchanged and the connection is never attempted.
 */
final class BlockedAddressException extends UnknownHostException {
    BlockedAddressException(String host, InetAddress address) {
        this("refused address " + address.getHostAddress() + " of " + host
                + " (not public; allow it with --allow-hosts or --allow-networks)");
    }

    BlockedAddressException(String message) {
        super(message);
    }
}
