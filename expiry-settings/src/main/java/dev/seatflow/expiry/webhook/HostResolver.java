package dev.seatflow.expiry.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Name resolution of webhook hosts. The only way webhook code resolves a name, so that what is
 * checked is what is connected to, and so that tests can stand in for DNS.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * @param host a name or an IP literal (IPv6 without brackets)
     * @return every address the name has; never empty
     * @throws UnknownHostException when the name has no address
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver (system DNS, /etc/hosts, the JVM's DNS cache). */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
