package dev.seatflow.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A client that asks for a download, reads the status line and headers, and then reads nothing:
 * with a small receive window the server soon cannot write any more of the body.
 */
final class StalledDownload implements AutoCloseable {

    private final Socket socket;
    private final String head;

    private StalledDownload(Socket socket, String head) {
        this.socket = socket;
        this.head = head;
    }

    static StalledDownload start(String baseUrl, String token, String path) throws IOException {
        URI base = URI.create(baseUrl);
        Socket socket = new Socket();
        socket.setReceiveBufferSize(8192);
        // Only a bound on a test that would hang otherwise; nothing here waits on purpose.
        socket.setSoTimeout(60_000);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + token
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the headers ended: " + head);
            }
            head.write(b);
        }
        return new StalledDownload(socket, head.toString(StandardCharsets.ISO_8859_1));
    }

    String statusLine() {
        return head.substring(0, head.indexOf("\r\n"));
    }

    /** Reads what is left until the server closes the connection (or resets it). */
    byte[] rest() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        try {
            for (int n; (n = socket.getInputStream().read(buffer)) >= 0; ) {
                body.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // a reset also ends the download
        }
        return body.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
