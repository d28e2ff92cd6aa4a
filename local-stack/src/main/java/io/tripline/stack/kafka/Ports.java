package io.tripline.stack.kafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port checks and ephemeral port picks on the loopback interface. */
public final class Ports {

    private Ports() {
    }

    /** Returns {@code port} if it can be bound on 127.0.0.1, a free ephemeral port when it is 0. */
    public static int claim(int port) throws PortInUseException {
        // SO_REUSEADDR before binding, as Kafka and the registry bind: a port whose last connections are
        // still in TIME_WAIT (a broker restarted on its own port) is free for them, so it is free here too.
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new PortInUseException(port);
        }
    }
}
