package org.imagesearch.image;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which addresses images may be fetched from. By default only public ones: a URI from a message must not
 * reach the loopback interface, the local network or a cloud metadata service (169.254.169.254,
 * fd00:ec2::254, 100.100.100.200 all lie in blocks below). Host names and networks listed in the
 * configuration are let through. A name is resolved once and every address checked; the caller connects
 * to exactly the addresses returned, so a second, different DNS answer never comes into play.
 */
final class AddressPolicy {
    /** Resolves a host name; the system resolver in production, a fake in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final List<Network> NOT_PUBLIC = Stream.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8").map(Network::parse).toList();
    private static final Network NAT64 = Network.parse("64:ff9b::/96");
    private static final Network SIX_TO_FOUR = Network.parse("2002::/16");

    private final Set<String> allowedHosts;
    private final List<Network> allowedNetworks;
    private final Resolver resolver;

    AddressPolicy(Collection<String> allowedHosts, Collection<String> allowedNetworks, Resolver resolver) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.allowedNetworks = allowedNetworks.stream().map(Network::parse).toList();
        this.resolver = resolver;
    }

    /** The addresses to connect to for {@code host}, each one checked; refused if any is not allowed. */
    List<InetAddress> addressesOf(String host) throws UnknownHostException {
        String name = host.toLowerCase(Locale.ROOT);
        List<InetAddress> addresses = IpLiteral.looksLikeAddress(name) ? List.of(literal(name))
                : List.of(resolver.resolve(name));
        if (addresses.isEmpty()) {
            throw new UnknownHostException("no address for " + host);
        }
        if (!allowedHosts.contains(name)) {
            for (InetAddress address : addresses) {
                if (!allowed(address)) {
                    throw new BlockedAddressException(host, address);
                }
            }
        }
        return addresses;
    }

    private static InetAddress literal(String host) throws UnknownHostException {
        return IpLiteral.parse(host).orElseThrow(() -> new BlockedAddressException("not a valid IP address: " + host));
    }

    boolean allowed(InetAddress address) {
        List<InetAddress> forms = forms(address);
        return forms.stream().anyMatch(form -> allowedNetworks.stream().anyMatch(n -> n.contains(form)))
                || forms.stream().noneMatch(form -> NOT_PUBLIC.stream().anyMatch(n -> n.contains(form)));
    }

    /**
     * The address itself and the IPv4 address it embeds, if any: ::ffff:127.0.0.1 is loopback too. The JDK
     * turns IPv4-mapped literals into IPv4 addresses, a resolver need not: the bytes are looked at here.
     */
    private static List<InetAddress> forms(InetAddress address) {
        byte[] bytes = address.getAddress();
        Optional<byte[]> embedded = Optional.empty();
        if (mappedOrCompatible(bytes) || NAT64.contains(address)) {
            embedded = Optional.of(Arrays.copyOfRange(bytes, 12, 16));
        } else if (SIX_TO_FOUR.contains(address)) {
            embedded = Optional.of(Arrays.copyOfRange(bytes, 2, 6));
        }
        return embedded.map(v4 -> List.of(address, ipv4(v4))).orElse(List.of(address));
    }

    /** {@code ::ffff:a.b.c.d} or the deprecated {@code ::a.b.c.d}. */
    private static boolean mappedOrCompatible(byte[] bytes) {
        if (bytes.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] == 0 && bytes[11] == 0) || (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff);
    }

    private static InetAddress ipv4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
