package io.tripline.core.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Checks from the outside that a listener binds to loopback only: it answers on 127.0.0.1 and refuses
 * connections on every other address of this machine's interfaces.
 */
public final class Loopback {

    private Loopback() {
    }

    /**
     * Throws an {@link AssertionError} unless {@code port} accepts on 127.0.0.1 and on no non-loopback
     * address; returns the non-loopback addresses tried (so a test can say it tried some).
     */
    public static List<InetAddress> assertLoopbackOnly(String what, int port) {
        if (!accepts(InetAddress.getLoopbackAddress(), port)) {
            throw new AssertionError(what + " does not answer on 127.0.0.1:" + port);
        }
        List<InetAddress> tried = new ArrayList<>();
        for (InetAddress address : externalAddresses()) {
            tried.add(address);
            if (accepts(address, port)) {
                throw new AssertionError(what + " accepts connections on " + address.getHostAddress() + ":" + port
                        + ": it must bind to 127.0.0.1 unless configured otherwise");
            }
        }
        return tried;
    }

    /** This machine's interface addresses that are not loopback (the ones another host could reach). */
    public static List<InetAddress> externalAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp() && !nic.isLoopback()) {
                    Collections.list(nic.getInetAddresses()).stream()
                            .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).forEach(out::add);
                }
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list network interfaces", e);
        }
        return out;
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
