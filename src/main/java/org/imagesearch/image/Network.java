package org.imagesearch.image;

import java.net.InetAddress;

/** A block of addresses in CIDR notation, {@code 10.0.0.0/8} or {@code fc00::/7}. */
record Network(byte[] prefix, int bits) {
    static Network parse(String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        byte[] prefix = IpLiteral.parse(address)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR block: " + cidr))
                .getAddress();
        int bits;
        try {
            bits = slash < 0 ? prefix.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR prefix length: " + cidr);
        }
        if (address.contains(":") && prefix.length == 4 && slash >= 0) {
            bits -= 96; // the JDK turns ::ffff:a.b.c.d into a.b.c.d: so does the block
        }
        if (bits < 0 || bits > prefix.length * 8) {
            throw new IllegalArgumentException("prefix length out of range: " + cidr);
        }
        return new Network(prefix, bits);
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != prefix.length) {
            return false;
        }
        for (int bit = 0; bit < bits; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((bytes[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
