package io.shardsql.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The floor for one request/reply between two threads over loopback TCP: a {@value #MESSAGE_BYTES}-byte
 * message sent to an echo thread in this JVM and read back (blocking sockets, {@code TCP_NODELAY}).
 * Every Raft or client round trip in the cluster costs at least this, before any serialization.
 */
final class LoopbackEcho implements Load.Operation, AutoCloseable {
    static final int MESSAGE_BYTES = 100;

    private final ServerSocket server;
    private final Thread echo;
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final byte[] message = new byte[MESSAGE_BYTES];

    LoopbackEcho() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        echo = new Thread(this::echoOne, "loopback-echo");
        echo.setDaemon(true);
        echo.start();
        socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** Echoes everything the one accepted connection sends until it closes. */
    private void echoOne() {
        try (Socket s = server.accept()) {
            s.setTcpNoDelay(true);
            InputStream sin = s.getInputStream();
            OutputStream sout = s.getOutputStream();
            byte[] buf = new byte[MESSAGE_BYTES];
            for (int n; (n = sin.read(buf)) > 0; ) sout.write(buf, 0, n);
        } catch (IOException e) {
            // the benchmark closed the connection or the server socket: nothing more to echo
        }
    }

    /** One round trip; not thread-safe (run it in one thread). */
    @Override
    public void run(int thread, long seq) throws IOException {
        out.write(message);
        in.readFully(message);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        socket.close();
        server.close();
        echo.join();
    }
}
