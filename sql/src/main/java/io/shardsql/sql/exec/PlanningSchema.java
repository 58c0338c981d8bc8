package io.shardsql.sql.exec;

import io.shardsql.sql.calcite.ShardTable;
import io.shardsql.sql.calcite.ShardTypeSystem;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.catalog.ViewDef;
import io.shardsql.txn.TransactionManager;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.schema.impl.AbstractSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What a catalog version looks like to Calcite: a root schema holding every table and view ({@link StoredView}),
 * the {@code public}
 * schema holding them again (so {@code t} and {@code public.t} name the same table, as JDBC tools
 * write it), the {@code sys} schema ({@link SystemSchema}), PostgreSQL's {@code information_schema}
 * ({@link InformationSchema}), the catalog reader
 * over it and the type factory. Built once per catalog version and shared by the plans of that version.
 */
record PlanningSchema(long version, CalciteSchema root, CalciteCatalogReader reader, JavaTypeFactoryImpl typeFactory) {

    static final CalciteConnectionConfig CONFIG = connectionConfig();
    /** The name tools qualify user tables with (what DatabaseMetaData reports): the same tables again. */
    static final String PUBLIC = "public";

    static PlanningSchema of(CatalogSnapshot catalog, int shardCount, TransactionManager txns, ClusterView cluster,
                             SnapshotCommands snapshots) {
        CalciteSchema root = CalciteSchema.createRootSchema(false, false);
        CalciteSchema pub = root.add(PUBLIC, new AbstractSchema());
        for (TableDef t : catalog.tables().values()) {
            ShardTable table = new ShardTable(t, shardCount);
            root.add(t.name(), table);
            pub.add(t.name(), table);
        }
        List<StoredView> views = new ArrayList<>();
        for (ViewDef v : catalog.views().values()) {
            StoredView view = new StoredView(v);
            views.add(view);
            root.add(v.name(), view);
            pub.add(v.name(), view);
        }
        root.add("sys", new SystemSchema(catalog, txns, cluster, snapshots));
        root.add(InformationSchema.NAME, new InformationSchema(catalog));
        JavaTypeFactoryImpl types = new JavaTypeFactoryImpl(ShardTypeSystem.INSTANCE);
        CalciteCatalogReader reader = new CalciteCatalogReader(root, List.of(), types, CONFIG);
        PlanningSchema schema = new PlanningSchema(catalog.version(), root, reader, types);
        for (StoredView v : views) v.bind(schema);
        return schema;
    }

    /** The name rules of docs/sql.md: unquoted names fold to lower case, then names compare exactly. */
    private static CalciteConnectionConfig connectionConfig() {
        Properties p = new Properties();
        p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
        p.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), "TO_LOWER");
        p.setProperty(CalciteConnectionProperty.QUOTED_CASING.camelName(), "UNCHANGED");
        p.setProperty(CalciteConnectionProperty.CONFORMANCE.camelName(), "LENIENT");
        return new CalciteConnectionConfigImpl(p);
    }
}
