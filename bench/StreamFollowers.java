import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stream benches' subscribers: holds one server-sent-events stream per user on one thread (non-blocking
 * sockets, one selector) and notes when a fact first showed in each stream. The Python client it replaces spent
 * more of the two cores reading the streams than the server spent writing them, so the benches measured their own
 * backlog; this one reads an event in microseconds.
 *
 * <pre>java bench/StreamFollowers.java base-url path pattern user...</pre>
 *
 * pattern is a regular expression with one group, the fact's key, matched in whole events (up to a blank line) as
 * they arrive. Prints {@code held N failed M} once every stream is open (or after 60 s), then reads standard input;
 * at its end prints {@code connected subscriber} for each stream that opened, then {@code subscriber key nanos} for
 * the first sighting of each key in each stream, the time from System.nanoTime(), which is CLOCK_MONOTONIC on Linux
 * like Python's time.monotonic(), and exits.
 */
public class StreamFollowers {

    private static final int WAVE = 100; // connections opened per wave, as the old client's four processes did
    private static final long WAVE_GAP_NANOS = 200_000_000L;

    static final class Follower {
        final int index;
        final byte[] request;
        final StringBuilder pending = new StringBuilder();
        final Map<String, Long> seen = new LinkedHashMap<>();
        boolean headersRead;
        boolean connected;
        boolean failed;

        Follower(int index, byte[] request) {
            this.index = index;
            this.request = request;
        }
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String path = args[1];
        Pattern fact = Pattern.compile(args[2]);
        InetSocketAddress address =
                new InetSocketAddress(base.getHost(), base.getPort() > 0 ? base.getPort() : 80);
        List<Follower> followers = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            String user = args[i];
            String basic = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Basic "
                    + basic + "\r\nAccept: text/event-stream\r\n\r\n";
            followers.add(new Follower(i - 3, request.getBytes(StandardCharsets.ISO_8859_1)));
        }

        Selector selector = Selector.open();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread stdin = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in))) {
                while (in.readLine() != null) {
                    // the bench is done when standard input ends
                }
            } catch (IOException ignored) {
                // the same
            }
            done.set(true);
            selector.wakeup();
        });
        stdin.setDaemon(true);
        stdin.start();

        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        int opened = 0;
        long nextWave = System.nanoTime();
        long deadline = System.nanoTime() + 60_000_000_000L;
        boolean reported = false;
        while (!done.get()) {
            long now = System.nanoTime();
            if (opened < followers.size() && now - nextWave >= 0) {
                for (int end = Math.min(followers.size(), opened + WAVE); opened < end; opened++) {
                    open(selector, address, followers.get(opened));
                }
                nextWave = now + WAVE_GAP_NANOS;
            }
            if (!reported) {
                long connected = followers.stream().filter(f -> f.connected).count();
                long failed = followers.stream().filter(f -> f.failed).count();
                if (connected + failed == followers.size() || now - deadline > 0) {
                    System.out.println("held " + connected + " failed " + failed);
                    System.out.flush();
                    reported = true;
                }
            }
            selector.select(opened < followers.size() || !reported ? 50 : 0);
            now = System.nanoTime();
            for (SelectionKey key : selector.selectedKeys()) {
                Follower follower = (Follower) key.attachment();
                SocketChannel channel = (SocketChannel) key.channel();
                try {
                    if (key.isConnectable()) {
                        channel.finishConnect();
                        channel.write(ByteBuffer.wrap(follower.request)); // small: one write takes it
                        key.interestOps(SelectionKey.OP_READ);
                    } else if (key.isReadable()) {
                        buffer.clear();
                        int read = channel.read(buffer);
                        if (read < 0) {
                            throw new IOException("closed by the server");
                        }
                        follower.pending.append(new String(buffer.array(), 0, read, StandardCharsets.ISO_8859_1));
                        take(follower, fact, now);
                    }
                } catch (IOException | RuntimeException e) {
                    follower.failed = !follower.connected;
                    key.cancel();
                    channel.close();
                }
            }
            selector.selectedKeys().clear();
        }

        StringBuilder out = new StringBuilder();
        for (Follower follower : followers) {
            if (follower.connected) {
                out.append("connected ").append(follower.index).append('\n');
                follower.seen.forEach((key, at) -> out.append(follower.index)
                        .append(' ')
                        .append(key)
                        .append(' ')
                        .append(at)
                        .append('\n'));
            }
        }
        System.out.print(out);
        System.out.flush();
        System.exit(0);
    }

    /** Opens one follower's connection; one that cannot even start counts as failed, the others go on. */
    private static void open(Selector selector, InetSocketAddress address, Follower follower) {
        try {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            if (channel.connect(address)) { // connected at once (loopback may): no OP_CONNECT will come
                channel.write(ByteBuffer.wrap(follower.request));
                channel.register(selector, SelectionKey.OP_READ, follower);
            } else {
                channel.register(selector, SelectionKey.OP_CONNECT, follower);
            }
        } catch (IOException e) {
            follower.failed = true;
        }
    }

    /**
     * The headers first (the stream is open on a 200), then whole events only: a read may end inside one, which
     * waits for the next. Each event is written and flushed on its own, one chunk of the chunked encoding, so a
     * match never spans a chunk's size line.
     */
    private static void take(Follower follower, Pattern fact, long now) throws IOException {
        StringBuilder pending = follower.pending;
        if (!follower.headersRead) {
            int end = pending.indexOf("\r\n\r\n");
            if (end < 0) {
                return;
            }
            if (!pending.substring(0, pending.indexOf("\r\n")).contains(" 200 ")) {
                throw new IOException(pending.substring(0, pending.indexOf("\r\n")));
            }
            follower.headersRead = true;
            follower.connected = true;
            pending.delete(0, end + 4);
        }
        int end = pending.lastIndexOf("\n\n");
        if (end < 0) {
            return;
        }
        Matcher matcher = fact.matcher(pending).region(0, end + 2);
        while (matcher.find()) {
            follower.seen.putIfAbsent(matcher.group(1), now);
        }
        pending.delete(0, end + 2);
    }
}
