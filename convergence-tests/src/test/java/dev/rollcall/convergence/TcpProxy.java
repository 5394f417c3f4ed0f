package dev.rollcall.convergence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A byte-for-byte TCP proxy (between the registry and PostgreSQL) that can be cut: every open
 * connection is closed and new ones are refused, until it is healed. Thread-safe.
 */
final class TcpProxy implements AutoCloseable {
  private final int upstreamPort;
  private final int port = Ports.free();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "tcp-proxy");
            t.setDaemon(true);
            return t;
          });
  private volatile ServerSocket listener;

  TcpProxy(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    heal();
  }

  int port() {
    return port;
  }

  synchronized void cut() throws IOException {
    if (listener != null) {
      listener.close();
      listener = null;
    }
    for (Socket s : open) {
      s.close();
    }
    open.clear();
  }

  synchronized void heal() throws IOException {
    if (listener != null) {
      return;
    }
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    listener = socket;
    threads.execute(
        () -> {
          while (!socket.isClosed()) {
            try {
              Socket client = socket.accept();
              Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
              open.add(client);
              open.add(upstream);
              threads.execute(() -> pump(client, upstream));
              threads.execute(() -> pump(upstream, client));
            } catch (IOException e) {
              return;
            }
          }
        });
  }

  private void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // cut
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException ignored) {
        // already closed
      }
      open.remove(from);
      open.remove(to);
    }
  }

  @Override
  public void close() throws IOException {
    cut();
    threads.shutdownNow();
  }
}
