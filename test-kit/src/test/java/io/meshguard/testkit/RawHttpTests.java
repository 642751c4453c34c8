package io.meshguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RawHttpTests {

  @Test
  void sendWhenTheServerAnswersAndClosesThenReturnsEveryOctetAsSent() throws Exception {
    String request = "GET /a/%2e%2e/b HTTP/1.1\r\nHost: x\r\nx-raw: caf\u00e9\r\n\r\n";
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> received =
          CompletableFuture.supplyAsync(
              () -> {
                try (Socket peer = server.accept()) {
                  InputStream in = peer.getInputStream();
                  ByteArrayOutputStream seen = new ByteArrayOutputStream();
                  while (!seen.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    seen.write(in.read());
                  }
                  OutputStream out = peer.getOutputStream();
                  out.write("HTTP/1.1 204 \u00ff\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                  return seen.toString(StandardCharsets.ISO_8859_1);
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });

      String response = RawHttp.send(server.getLocalPort(), request);

      assertThat(received.get()).isEqualTo(request);
      assertThat(response).isEqualTo("HTTP/1.1 204 \u00ff\r\n\r\n");
    }
  }
}
