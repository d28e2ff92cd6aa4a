package io.tripline.stack.kafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Port checks and ephemeral port picks on the loopback interface. */
public final class Ports {

    private Ports() {
    }

    /** Returns {@code port} if it can be bound on 127.0.0.1, a free ephemeral port when it is 0. */
    public static int claim(int port) throws PortInUseException {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new PortInUseException(port);
        }
    }
}
