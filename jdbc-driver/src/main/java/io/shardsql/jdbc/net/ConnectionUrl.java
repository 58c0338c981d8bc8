package io.shardsql.jdbc.net;

import io.shardsql.jdbc.error.SqlErrors;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A parsed {@code jdbc:shardsql://host[:port][,host2[:port2]...]/[?key=value&...]} URL: the hosts to try
 * in order (failover) and the URL's properties (percent-decoded). The path after the first {@code /}
 * must be empty (there is one database per cluster); the slash itself may be left out.
 */
public record ConnectionUrl(List<HostAndPort> hosts, Map<String, String> properties) {
    public static final String PREFIX = "jdbc:shardsql://";
    public static final int DEFAULT_PORT = 9470;

    public ConnectionUrl {
        hosts = List.copyOf(hosts);
        properties = Map.copyOf(properties);
    }

    /** Whether the URL is meant for this driver (it may still be malformed). */
    public static boolean accepts(String url) {
        return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** Parses {@code url}; a malformed one is an SQLException with SQLState 08001. */
    public static ConnectionUrl parse(String url) throws SQLException {
        if (!accepts(url)) throw bad(url, "it does not start with " + PREFIX);
        String rest = url.substring(PREFIX.length());
        int query = rest.indexOf('?');
        String authorityAndPath = query < 0 ? rest : rest.substring(0, query);
        int slash = authorityAndPath.indexOf('/');
        String authority = slash < 0 ? authorityAndPath : authorityAndPath.substring(0, slash);
        String path = slash < 0 ? "" : authorityAndPath.substring(slash + 1);
        if (!path.isEmpty()) throw bad(url, "a database name is not supported (found '" + path + "')");
        if (authority.isEmpty()) throw bad(url, "no host");
        List<HostAndPort> hosts = new ArrayList<>();
        for (String h : authority.split(",", -1)) hosts.add(host(url, h));
        Map<String, String> props = query < 0 ? Map.of() : query(url, rest.substring(query + 1));
        return new ConnectionUrl(hosts, props);
    }

    /** The URL's properties, overridden by {@code info} (what the application passed to {@code connect}). */
    public Properties merge(Properties info) {
        Properties p = new Properties();
        p.putAll(properties);
        if (info != null) {
            for (String name : info.stringPropertyNames()) p.setProperty(name, info.getProperty(name));
        }
        return p;
    }

    private static HostAndPort host(String url, String spec) throws SQLException {
        String host;
        String port = null;
        if (spec.startsWith("[")) {
            int close = spec.indexOf(']');
            if (close < 0) throw bad(url, "unclosed [ in host '" + spec + "'");
            host = spec.substring(1, close);
            String after = spec.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) throw bad(url, "bad host '" + spec + "'");
                port = after.substring(1);
            }
        } else {
            int colon = spec.indexOf(':');
            host = colon < 0 ? spec : spec.substring(0, colon);
            if (colon >= 0) port = spec.substring(colon + 1);
        }
        if (host.isEmpty()) throw bad(url, "empty host in '" + spec + "'");
        if (host.indexOf('@') >= 0 || host.indexOf(' ') >= 0) throw bad(url, "bad host '" + host + "'");
        int p = DEFAULT_PORT;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw bad(url, "bad port '" + port + "'");
            }
            if (p < 1 || p > 65535) throw bad(url, "port out of range: " + p);
        }
        return new HostAndPort(host, p);
    }

    private static Map<String, String> query(String url, String query) throws SQLException {
        Map<String, String> props = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = decode(url, eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(url, pair.substring(eq + 1));
            if (key.isEmpty()) throw bad(url, "a property without a name");
            props.put(key, value);
        }
        return props;
    }

    private static String decode(String url, String s) throws SQLException {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad(url, "bad percent-encoding in '" + s + "'");
        }
    }

    private static SQLException bad(String url, String why) {
        return SqlErrors.of(SqlErrors.UNABLE_TO_CONNECT, 0, "bad ShardSQL URL " + redact(url) + ": " + why, null);
    }

    /** The URL without a password value, for messages. */
    static String redact(String url) {
        return url == null ? "null" : url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
