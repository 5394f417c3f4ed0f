package dev.rollcall.convergence;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP proxy between agents and the registry that injects faults for real: refuse connections,
 * forward a request and then lose its response (the registry committed, the client never hears),
 * corrupt a response, or hold it back until the client has given up. One request per client
 * connection (it asks the registry for {@code Connection: close}). Thread-safe.
 */
final class FaultProxy implements AutoCloseable {
  private final int upstreamPort;
  private final int port;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, AtomicInteger> toLose = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> toCorrupt = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> forwarded = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> toHold = new ConcurrentHashMap<>();
  private final AtomicLong holdMillis = new AtomicLong();
  private volatile ServerSocket listener;

  FaultProxy(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.port = Ports.free();
    open();
  }

  int port() {
    return port;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Connections are refused (nothing listens) until {@link #acceptConnections()}. */
  synchronized void refuseConnections() throws IOException {
    if (listener != null) {
      listener.close();
      listener = null;
    }
  }

  synchronized void acceptConnections() throws IOException {
    if (listener == null) {
      open();
    }
  }

  /**
   * The next {@code count} requests to {@code path} reach the registry, but their responses are
   * lost.
   */
  void loseResponses(String path, int count) {
    toLose.put(path, new AtomicInteger(count));
  }

  /** The next {@code count} responses to {@code path} arrive as garbage. */
  void corruptResponses(String path, int count) {
    toCorrupt.put(path, new AtomicInteger(count));
  }

  /** The next {@code count} responses to {@code path} are held back for {@code by}, then sent. */
  void holdResponses(String path, int count, Duration by) {
    holdMillis.set(by.toMillis());
    toHold.put(path, new AtomicInteger(count));
  }

  /** How many requests to {@code path} reached the registry. */
  int forwarded(String path) {
    return forwarded.getOrDefault(path, new AtomicInteger()).get();
  }

  private void open() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
    listener = socket;
    threads.execute(() -> acceptLoop(socket));
  }

  private void acceptLoop(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed: refusing connections now
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      client.setSoTimeout(30_000);
      InputStream in = new BufferedInputStream(client.getInputStream());
      String head = readHead(in);
      if (head == null) {
        return;
      }
      String[] lines = head.split("\r\n");
      String path = lines[0].split(" ")[1];
      int length = 0;
      StringBuilder rewritten = new StringBuilder(lines[0]).append("\r\n");
      for (int i = 1; i < lines.length; i++) {
        String lower = lines[i].toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(lines[i].substring(15).trim());
        }
        if (lower.startsWith("connection:") || lower.startsWith("keep-alive:")) {
          continue;
        }
        rewritten.append(lines[i]).append("\r\n");
      }
      rewritten.append("Connection: close\r\n\r\n");
      byte[] body = in.readNBytes(length);
      byte[] response;
      try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
        upstream.setSoTimeout(30_000);
        OutputStream out = upstream.getOutputStream();
        out.write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        response = upstream.getInputStream().readAllBytes();
      } catch (IOException e) {
        return; // the registry is away: the client sees its connection closed
      }
      forwarded.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      if (take(toLose, path)) {
        return; // committed upstream, response lost
      }
      if (take(toCorrupt, path)) {
        response =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 6\r\nConnection: close\r\n\r\n{\"sta\u0000"
                .getBytes(StandardCharsets.ISO_8859_1);
      }
      if (take(toHold, path)) {
        Thread.sleep(holdMillis.get()); // committed upstream; the answer comes too late
      }
      client.getOutputStream().write(response);
      client.getOutputStream().flush();
    } catch (IOException e) {
      // the client went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean take(Map<String, AtomicInteger> budget, String path) {
    AtomicInteger left = budget.get(path);
    return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      matched =
          (b == '\r' && (matched == 0 || matched == 2))
                  || (b == '\n' && (matched == 1 || matched == 3))
              ? matched + 1
              : 0;
      if (matched == 4) {
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
      }
      if (head.size() > 64 * 1024) {
        return null;
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    refuseConnections();
    threads.shutdownNow();
  }
}
