package io.shardsql.jdbc.meta;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The driver's name and version, read from {@code io/shardsql/jdbc/driver.properties} (filled in by the build):
 * what {@code Driver} and {@link ShardDatabaseMetaData} report.
 */
public final class DriverVersion {
    /** Beside {@code Driver}, where the build puts it. */
    private static final String PROPERTIES = "/io/shardsql/jdbc/driver.properties";

    public static final String NAME = "ShardSQL JDBC Driver";
    public static final String VERSION = load();
    public static final int MAJOR = part(0);
    public static final int MINOR = part(1);

    private DriverVersion() {}

    private static String load() {
        try (InputStream in = DriverVersion.class.getResourceAsStream(PROPERTIES)) {
            if (in == null) return "0.0.0";
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "0.0.0");
            return v.startsWith("${") ? "0.0.0" : v;
        } catch (IOException e) {
            return "0.0.0";
        }
    }

    private static int part(int i) {
        String[] parts = VERSION.split("[.-]");
        try {
            return parts.length > i ? Integer.parseInt(parts[i]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** What the driver calls itself in Hello: {@code shardsql-jdbc 0.1.0}. */
    public static String clientName() {
        return "shardsql-jdbc " + VERSION;
    }
}
