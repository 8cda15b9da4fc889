package org.imagesearch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The policy with a fake resolver: no real DNS, no connection. */
class AddressPolicyTest {
    private static final InetAddress PUBLIC = address("93.184.215.14");
    private static final InetAddress LOOPBACK = address("127.0.0.1");
    private static final InetAddress PRIVATE = address("10.1.2.3");

    private static InetAddress address(String literal) {
        return IpLiteral.parse(literal).orElseThrow();
    }

    private static AddressPolicy policy(List<String> hosts, List<String> networks, InetAddress... answer) {
        return new AddressPolicy(hosts, networks, host -> answer.clone());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.255.0.1", "172.16.0.1", "172.31.1.1", "192.168.0.1", "100.64.0.1",
            "100.100.100.200", "169.254.169.254", "0.0.0.0", "224.0.0.251", "255.255.255.255", "::", "::1",
            "fc00::1", "fd00:ec2::254", "fe80::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
            "::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:c0a8:0101::1"})
    void addressesThatAreNotPublicAreRefused(String literal) {
        assertFalse(policy(List.of(), List.of()).allowed(address(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
            "::ffff:8.8.8.8"})
    void publicAddressesAreAllowed(String literal) {
        assertTrue(policy(List.of(), List.of()).allowed(address(literal)), literal);
    }

    @Test
    void mappedIpv6KeptAsIpv6IsStillSeenAsItsIpv4() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        InetAddress v6 = java.net.Inet6Address.getByAddress(null, mapped, -1);

        assertFalse(policy(List.of(), List.of()).allowed(v6));
    }

    @Test
    void aNameWithAnyAddressThatIsNotPublicIsRefused() {
        AddressPolicy policy = policy(List.of(), List.of(), PUBLIC, PRIVATE);

        BlockedAddressException e = assertThrows(BlockedAddressException.class, () -> policy.addressesOf("mixed.example"));
        assertTrue(e.getMessage().contains("10.1.2.3"), e.getMessage());
    }

    @Test
    void rebindingAnswerIsNeverUsed() throws UnknownHostException {
        // Public on the first lookup, loopback on the next: the addresses returned are the ones checked,
        // and the name is looked up once, so the second answer is only seen by a second check.
        Deque<InetAddress[]> answers = new ArrayDeque<>(List.of(new InetAddress[] {PUBLIC}, new InetAddress[] {LOOPBACK}));
        AtomicInteger lookups = new AtomicInteger();
        AddressPolicy policy = new AddressPolicy(List.of(), List.of(), host -> {
            lookups.incrementAndGet();
            return answers.pop();
        });

        assertEquals(List.of(PUBLIC), new PolicyDns(policy).lookup("rebind.example"));
        assertEquals(1, lookups.get());
        assertThrows(BlockedAddressException.class, () -> new PolicyDns(policy).lookup("rebind.example"));
    }

    @Test
    void allowedNetworksLetTheirAddressesThrough() throws UnknownHostException {
        AddressPolicy policy = policy(List.of(), List.of("127.0.0.0/8", "10.1.0.0/16"), LOOPBACK, PRIVATE);

        assertEquals(List.of(LOOPBACK, PRIVATE), policy.addressesOf("internal.example"));
        assertFalse(policy.allowed(address("10.2.0.1")));
        assertTrue(policy.allowed(address("::ffff:10.1.9.9")));
    }

    @Test
    void allowedHostsAreLetThroughByNameWhateverTheyResolveTo() throws UnknownHostException {
        AddressPolicy policy = policy(List.of("Images.Internal.Example"), List.of(), PRIVATE);

        assertEquals(List.of(PRIVATE), policy.addressesOf("images.internal.example"));
        assertThrows(BlockedAddressException.class, () -> policy.addressesOf("other.internal.example"));
    }

    @Test
    void literalsAreNeverResolved() throws UnknownHostException {
        AddressPolicy policy = new AddressPolicy(List.of(), List.of("127.0.0.0/8"), host -> {
            throw new AssertionError("looked up " + host);
        });

        assertEquals(List.of(LOOPBACK), policy.addressesOf("127.0.0.1"));
        assertThrows(BlockedAddressException.class, () -> policy.addressesOf("::1"));
        assertThrows(BlockedAddressException.class, () -> policy.addressesOf("1.2.3.4.5"));
        assertThrows(BlockedAddressException.class, () -> policy.addressesOf("010.0.0.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0/8", "example.com/8", "::1/129", "10.0.0.0/x"})
    void malformedNetworksAreRefused(String cidr) {
        assertThrows(IllegalArgumentException.class, () -> policy(List.of(), List.of(cidr)));
    }
}
