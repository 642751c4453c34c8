package io.meshguard.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends an HTTP request exactly as written, one octet per {@code char} (ISO-8859-1), so no client
 * normalises its path, headers or bytes, and returns everything the server answered: for tests of
 * encoded paths, dot segments, raw header octets and malformed requests, which HTTP clients refuse
 * to send or quietly repair.
 *
 * <pre>{@code
 * String response = RawHttp.send(port, "GET /api/v1/%2e%2e/admin HTTP/1.1\r\n"
 *     + "Host: localhost\r\nConnection: close\r\n\r\n");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RawHttp {

  private RawHttp() {}

  /**
   * Sends {@code request} to {@code 127.0.0.1:port} and reads until the server closes the
   * connection (so send {@code Connection: close}), waiting at most ten seconds for each read.
   *
   * @return the whole response, status line, headers and body, one {@code char} per octet
   */
  public static String send(int port, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      in.transferTo(buffer);
      return buffer.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
