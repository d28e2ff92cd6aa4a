package io.tripline.stack.kafka;

import java.io.IOException;

/** A port Tripline was asked to listen on is taken; the message names the port. */
public class PortInUseException extends IOException {

    private final int port;

    public PortInUseException(int port) {
        super("port " + port + " is already in use");
        this.port = port;
    }

    public int port() {
        return port;
    }
}
