package org.imagesearch.image;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Host text that denotes an IP address, parsed without ever asking DNS. {@link InetAddress#getByName} falls
 * back to a lookup when a digits-and-dots string is no valid address ("1.2.3.4.5"), and OkHttp connects to
 * such hosts without consulting its {@code Dns}: so they are parsed strictly here and refused when malformed.
 */
final class IpLiteral {
    /** The shapes OkHttp treats as addresses (okhttp3.internal.Util.canParseAsIpAddress). */
    private static final Pattern LOOKS_LIKE_ADDRESS = Pattern.compile("([0-9a-fA-F]*:[0-9a-fA-F:.]*)|([\\d.]+)");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private IpLiteral() {}

    static boolean looksLikeAddress(String host) {
        return LOOKS_LIKE_ADDRESS.matcher(host).matches();
    }

    /** The address {@code text} denotes, or empty when it is no address in its canonical form. */
    static Optional<InetAddress> parse(String text) {
        if (text.contains(":")) {
            try {
                // Brackets make the JDK parse an IPv6 literal or fail, never look it up.
                String bracketed = text.startsWith("[") ? text : "[" + text + "]";
                return Optional.of(InetAddress.getByName(bracketed));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        var quad = DOTTED_QUAD.matcher(text);
        if (!quad.matches()) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String octet = quad.group(i + 1);
            int value = Integer.parseInt(octet);
            if (value > 255 || (octet.length() > 1 && octet.startsWith("0"))) {
                return Optional.empty(); // a leading zero reads as octal to some parsers: ambiguous
            }
            bytes[i] = (byte) value;
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
