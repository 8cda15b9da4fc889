package org.imagesearch.image;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/** OkHttp's name lookup through the {@link AddressPolicy}: a connection only goes to addresses it checked. */
final class PolicyDns implements Dns {
    private final AddressPolicy policy;

    PolicyDns(AddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        return policy.addressesOf(hostname);
    }
}
