package io.meshguard.examples.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a request exactly as written, one octet per {@code char} (ISO-8859-1), so no client
 * normalises its path, headers or bytes, and returns everything the server answered.
 */
public final class RawHttp {

  private RawHttp() {}

  /** Sends {@code request} to {@code 127.0.0.1:port} and reads until the server closes. */
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
