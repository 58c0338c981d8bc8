package io.shardsql.testkit;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A small private network for {@link ProcessCluster}'s node processes: each node runs in a Linux
 * network namespace of its own, so that the test can cut it off from its peers (both ways, one way,
 * a majority/minority split) while the test JVM still reaches it.
 *
 * <pre>
 *   root namespace (the test JVM)                    namespace sqnet-hub
 *   169.254.213.100/24 on sqnet-up ── veth ── uplink ─┐
 *                                                  ├─ br0 (bridge)
 *   namespace sqnet-n1: eth0 169.254.213.1/24 ─ veth ─ n1 ──┤   ← tc on n1: what the bridge sends
 *   namespace sqnet-n2: eth0 169.254.213.2/24 ─ veth ─ n2 ──┤     to node 1 (node 1's incoming)
 *   namespace sqnet-n3: eth0 169.254.213.3/24 ─ veth ─ n3 ──┘
 * </pre>
 *
 * <p><b>Addresses.</b> Only addresses of the link-local block 169.254.213.0/24 that this class assigns
 * inside these namespaces: node {@code i} (0-based) is {@code .(i+1)}, the root namespace's end is
 * {@code .100}; {@code .254} is never used. The nodes' configurations name only these addresses, so
 * their traffic goes to them or to loopback and nowhere else (the namespaces have no other route).
 *
 * <p><b>Partitions.</b> A blocked direction "node a → node b" is a {@code tc} filter on the hub's port
 * towards b ({@code u32 match ip src <a>}) that sends a's IPv4 packets into a {@code blackhole} qdisc
 * (an {@code htb} class; the kernel here has no {@code gact} drop action): the packets are really
 * dropped, in flight, while ARP and the traffic from and to the root namespace pass. Healing deletes
 * those qdiscs.
 *
 * <p><b>Lifetime.</b> One such network at a time on a machine (fixed names and addresses). {@link #create}
 * first deletes whatever a crashed earlier run left with the prefix {@value #PREFIX}; {@link #close}
 * deletes everything it made. Needs Linux, root, {@code ip} and {@code tc}; {@link #assumeAvailable}
 * skips a test where they are missing.
 */
public final class NetworkNamespaces implements AutoCloseable {
    /** Prefix of every namespace and root-namespace link made here. */
    public static final String PREFIX = "sqnet";
    private static final String SUBNET = "169.254.213.";
    private static final String HUB = PREFIX + "-hub";
    private static final String ROOT_LINK = PREFIX + "-up";
    /** The root namespace's address on the network (the test JVM's clients connect from it). */
    public static final String ROOT_ADDRESS = SUBNET + "100";

    /** Which of a node's traffic with its peers {@link #cut} drops. */
    public enum Direction { INCOMING, OUTGOING, BOTH }

    private static volatile Optional<String> unavailable;

    private final int nodes;
    private final Set<String> blocked = new LinkedHashSet<>(); // "from>to"
    private final Set<Integer> shaped = new HashSet<>(); // nodes whose hub port has the blackhole qdisc
    private boolean closed;

    private NetworkNamespaces(int nodes) {
        this.nodes = nodes;
    }

    /**
     * Why namespaces cannot be made here (not Linux, not root, no {@code ip} or {@code tc}, {@code ip netns add}
     * refused), if so.
     */
    public static synchronized Optional<String> unavailable() {
        if (unavailable == null) unavailable = probe();
        return unavailable;
    }

    /** Skips the calling test (JUnit assumption) where {@link #unavailable} says why. */
    public static void assumeAvailable() {
        Optional<String> why = unavailable();
        Assumptions.assumeTrue(why.isEmpty(), () -> "skipped: network namespaces are not available: " + why.orElse(""));
    }

    private static Optional<String> probe() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) return Optional.of("not Linux");
        try {
            String uid = run("id", "-u").trim();
            if (!uid.equals("0")) return Optional.of("not root (uid " + uid + ")");
            run("ip", "-V");
            run("tc", "-V");
            String probe = PREFIX + "-probe";
            runQuietly("ip", "netns", "del", probe);
            run("ip", "netns", "add", probe);
            run("ip", "netns", "del", probe);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Makes the namespaces, links and addresses of {@code nodes} nodes (at most 99). */
    public static NetworkNamespaces create(int nodes) throws IOException {
        if (nodes < 1 || nodes > 99) throw new IllegalArgumentException("1..99 nodes, not " + nodes);
        cleanLeftovers();
        NetworkNamespaces net = new NetworkNamespaces(nodes);
        try {
            run("ip", "netns", "add", HUB);
            run("ip", "-n", HUB, "link", "add", "br0", "type", "bridge");
            run("ip", "-n", HUB, "link", "set", "br0", "up");
            for (int i = 0; i < nodes; i++) {
                String ns = net.namespace(i);
                String port = port(i);
                run("ip", "netns", "add", ns);
                run("ip", "-n", HUB, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns);
                run("ip", "-n", HUB, "link", "set", port, "master", "br0");
                run("ip", "-n", HUB, "link", "set", port, "up");
                run("ip", "-n", ns, "addr", "add", net.address(i) + "/24", "dev", "eth0");
                run("ip", "-n", ns, "link", "set", "eth0", "up");
                run("ip", "-n", ns, "link", "set", "lo", "up");
            }
            run("ip", "link", "add", ROOT_LINK, "type", "veth", "peer", "name", "uplink", "netns", HUB);
            run("ip", "-n", HUB, "link", "set", "uplink", "master", "br0");
            run("ip", "-n", HUB, "link", "set", "uplink", "up");
            run("ip", "addr", "add", ROOT_ADDRESS + "/24", "dev", ROOT_LINK);
            run("ip", "link", "set", ROOT_LINK, "up");
            return net;
        } catch (Throwable t) { // an Error too: nothing may stay behind
            net.close();
            throw t;
        }
    }

    /** Deletes the namespaces and the root link a crashed earlier run may have left. */
    static void cleanLeftovers() throws IOException {
        for (String line : run("ip", "netns", "list").split("\n")) {
            String name = line.trim().split("\\s+")[0];
            if (name.startsWith(PREFIX + "-")) runQuietly("ip", "netns", "del", name);
        }
        runQuietly("ip", "link", "del", ROOT_LINK);
    }

    public int size() { return nodes; }

    /** Node {@code i}'s address (0-based {@code i}). */
    public String address(int i) {
        check(i);
        return SUBNET + (i + 1);
    }

    /** Every node's address, in order. */
    public List<String> addresses() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes; i++) out.add(address(i));
        return out;
    }

    public String namespace(int i) {
        check(i);
        return PREFIX + "-n" + (i + 1);
    }

    /** {@code command} run inside node {@code i}'s namespace ({@code ip netns exec} execs it: same process id). */
    public List<String> inNamespace(int i, List<String> command) {
        List<String> out = new ArrayList<>(List.of("ip", "netns", "exec", namespace(i)));
        out.addAll(command);
        return out;
    }

    /** Drops every IPv4 packet node {@code from} sends to node {@code to} (one direction). */
    public synchronized void block(int from, int to) throws IOException {
        check(from);
        check(to);
        if (from == to || !blocked.add(from + ">" + to)) return;
        String port = port(to);
        if (shaped.add(to)) {
            run("tc", "-n", HUB, "qdisc", "add", "dev", port, "root", "handle", "1:", "htb", "default", "10");
            run("tc", "-n", HUB, "class", "add", "dev", port, "parent", "1:", "classid", "1:10", "htb", "rate",
                    "10gbit", "quantum", "60000");
            run("tc", "-n", HUB, "class", "add", "dev", port, "parent", "1:", "classid", "1:20", "htb", "rate",
                    "10gbit", "quantum", "60000");
            run("tc", "-n", HUB, "qdisc", "add", "dev", port, "parent", "1:20", "handle", "20:", "blackhole");
        }
        run("tc", "-n", HUB, "filter", "add", "dev", port, "parent", "1:", "protocol", "ip", "prio", "1",
                "u32", "match", "ip", "src", address(from) + "/32", "flowid", "1:20");
    }

    /** Cuts node {@code i} off from every other node in {@code direction}; the root namespace still reaches it. */
    public synchronized void cut(int i, Direction direction) throws IOException {
        for (int j = 0; j < nodes; j++) {
            if (j == i) continue;
            if (direction != Direction.INCOMING) block(i, j);
            if (direction != Direction.OUTGOING) block(j, i);
        }
    }

    /** Nodes in {@code minority} reach each other and the rest reach each other, but not across (both ways). */
    public synchronized void split(Set<Integer> minority) throws IOException {
        for (int a : minority) {
            for (int b = 0; b < nodes; b++) {
                if (minority.contains(b)) continue;
                block(a, b);
                block(b, a);
            }
        }
    }

    /** The directions blocked now, as {@code "1>2"} (0-based from and to). */
    public synchronized Set<String> blocked() {
        return Set.copyOf(blocked);
    }

    /** Removes every block. */
    public synchronized void heal() throws IOException {
        for (int i : shaped) run("tc", "-n", HUB, "qdisc", "del", "dev", port(i), "root");
        shaped.clear();
        blocked.clear();
    }

    /** Deletes the namespaces and links (processes still inside a node's namespace keep it alive until they exit). */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (int i = 0; i < nodes; i++) runQuietly("ip", "netns", "del", namespace(i));
        runQuietly("ip", "netns", "del", HUB);
        runQuietly("ip", "link", "del", ROOT_LINK); // gone with the hub already, normally
    }

    private void check(int i) {
        if (i < 0 || i >= nodes) throw new IndexOutOfBoundsException("node " + i + " of " + nodes);
    }

    /** The hub's end of node {@code i}'s link. */
    private static String port(int i) {
        return "n" + (i + 1);
    }

    /** Runs a command, returns its output; fails with the output when it exits non-zero. */
    private static String run(String... command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 30 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + out.trim());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + String.join(" ", command), e);
        }
    }

    private static void runQuietly(String... command) {
        try {
            run(command);
        } catch (IOException e) {
            // cleaning up what may not exist
        }
    }
}
