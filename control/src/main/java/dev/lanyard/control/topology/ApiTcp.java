package dev.lanyard.control.topology;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A TCP listener for a lab's management API, besides its Unix socket: only when the topology asks for one
 * ({@code api: {tcp: 127.0.0.1:7171}}), and only on a loopback address, since the API has no authentication of its
 * own and the Unix socket's 0600 mode is what keeps other local users out; a loopback port is open to every local
 * user, which whoever writes it into a topology chooses knowingly.
 *
 * @param host the loopback address, as a literal ("127.0.0.1", "::1")
 * @param port the TCP port, 1 to 65535
 */
public record ApiTcp(String host, int port) {
    /** Checks the values. */
    public ApiTcp {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, not " + port);
        }
    }

    /**
     * Parses "HOST:PORT" ("127.0.0.1:7171", "[::1]:7171", "localhost:7171"); the host must be a loopback address.
     *
     * @throws IllegalArgumentException with what is wrong, for the topology's problem list
     */
    public static ApiTcp parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("api tcp must be HOST:PORT on loopback, e.g. 127.0.0.1:7171, not \""
                    + text + "\"");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("api tcp port must be a number, not \"" + text.substring(colon + 1)
                    + "\"");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("api tcp port must be between 1 and 65535, not " + port);
        }
        InetAddress address;
        if (host.equals("localhost")) {
            address = InetAddress.getLoopbackAddress();
        } else {
            try {
                address = InetAddress.getByAddress(IpAddress.parse(host).bytes());
            } catch (IllegalArgumentException | UnknownHostException e) {
                throw new IllegalArgumentException("api tcp host must be a loopback address (127.0.0.1, ::1 or "
                        + "localhost), not \"" + host + "\"");
            }
        }
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("api tcp listens on loopback only (the API has no authentication), "
                    + "not on " + host);
        }
        return new ApiTcp(address.getHostAddress(), port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
