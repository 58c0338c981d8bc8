package io.shardsql.hibernate;

import io.shardsql.hibernate.model.Account;
import io.shardsql.hibernate.model.Customer;
import io.shardsql.hibernate.model.OrderLine;
import io.shardsql.hibernate.model.PurchaseOrder;
import io.shardsql.testkit.MiniCluster;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.RollbackException;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.hibernate.tool.schema.Action;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Hibernate ORM (JPA) on a three-node cluster through the ShardSQL driver, with the dialect picked from the
 * driver's product name: the schema made by {@code hbm2ddl.auto=create}; IDENTITY and SEQUENCE keys;
 * one-to-many / many-to-one relations with cascaded persist and remove; JPQL with joins, aggregates, ORDER BY
 * and paging; {@code @Version} (a stale update is an OptimisticLockException); PESSIMISTIC_WRITE (a second
 * transaction's update waits for the lock holder; NOWAIT and the server's lock wait timeout fail as lock
 * exceptions).
 */
@Timeout(240)
class HibernateJpaIT {
    /** The server's lock wait (txn.lock-wait-timeout): short, so that the time-out case is quick. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(6);
    /** How long a blocked update must stay blocked to count as waiting. */
    private static final Duration STAYS_BLOCKED = Duration.ofMillis(700);

    private static MiniCluster cluster;
    private static EntityManagerFactory emf;
    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        cluster = MiniCluster.builder().nodes(3).shards(2).set("txn.lock-wait-timeout", LOCK_WAIT.toSeconds() + "s")
                .start();
        cluster.awaitReady();
        pool = Executors.newCachedThreadPool();
        emf = new HibernatePersistenceConfiguration("shardsql-it")
                .managedClasses(Customer.class, PurchaseOrder.class, OrderLine.class, Account.class)
                .jdbcUrl(cluster.jdbcUrl())
                .jdbcCredentials("admin", MiniCluster.ADMIN_PASSWORD)
                .jdbcPoolSize(4)
                .schemaToolingAction(Action.CREATE_DROP)
                // every statement of the schema export must run, FOREIGN KEY constraints included
                .property(AvailableSettings.HBM2DDL_HALT_ON_ERROR, true)
                .showSql(true, false, false)
                .createEntityManagerFactory();
    }

    @AfterAll
    static void stop() {
        if (emf != null) emf.close();
        if (pool != null) pool.shutdownNow();
        if (cluster != null) cluster.close();
    }

    @Test
    void theDialectIsPickedFromTheDriversProductName() {
        assertThat(emf.unwrap(SessionFactory.class).getSchemaManager()).isNotNull();
        assertThat(((org.hibernate.engine.spi.SessionFactoryImplementor) emf).getJdbcServices().getDialect())
                .isInstanceOf(ShardSqlDialect.class);
    }

    @Test
    void theSchemaExportCreatedTablesSequencesAndTheUniqueConstraint() throws SQLException {
        assertThat(strings("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"))
                .contains("customer", "purchase_order", "order_line", "account");
        assertThat(strings("SELECT sequence_name FROM information_schema.sequences"))
                .contains("purchase_order_seq", "order_line_seq");
        assertThat(strings("SELECT constraint_type FROM information_schema.table_constraints"
                + " WHERE table_name = 'customer'")).contains("PRIMARY KEY", "UNIQUE");
    }

    @Test
    void identityAndSequenceKeysAndCascadedPersist() throws SQLException {
        Customer ada = new Customer("Ada", "ada@example.com");
        PurchaseOrder first = ada.addOrder("A-1");
        first.addLine("pen", 3, "1.50");
        first.addLine("ink", 1, "7.25");
        ada.addOrder("A-2").addLine("paper", 10, "0.10");
        Customer bob = new Customer("Bob", "bob@example.com");
        Instant created = Instant.parse("2026-12-07T10:15:30.123Z"); // ShardSQL keeps milliseconds
        OffsetDateTime seen = OffsetDateTime.parse("2026-12-07T12:00:00.5+02:00");
        ada.setCreatedAt(created);
        ada.setLastSeen(seen);
        run(em -> {
            em.persist(ada);
            em.persist(bob);
        });

        assertThat(ada.getId()).isNotNull();
        assertThat(bob.getId()).isNotNull().isNotEqualTo(ada.getId());
        assertThat(first.getId()).isNotNull();
        assertThat(first.getLines()).allSatisfy(l -> assertThat(l.getId()).isNotNull());
        assertThat(longs("SELECT count(*) FROM order_line l JOIN purchase_order o ON l.order_id = o.id"
                + " WHERE o.customer_id = " + ada.getId())).containsExactly(3L);

        PurchaseOrder read = inTransaction(em -> {
            PurchaseOrder o = em.find(PurchaseOrder.class, first.getId());
            assertThat(o.getCustomer().getName()).isEqualTo("Ada"); // lazy many-to-one
            assertThat(o.getCustomer().getCreatedAt()).isEqualTo(created);
            assertThat(o.getCustomer().getLastSeen().toInstant()).isEqualTo(seen.toInstant());
            assertThat(o.getLines()).extracting(OrderLine::getProduct).containsExactly("ink", "pen");
            return o;
        });
        assertThat(read.getLines()).extracting(OrderLine::getPrice)
                .containsExactly(new BigDecimal("7.25"), new BigDecimal("1.50"));
    }

    @Test
    void cascadedRemoveDeletesTheChildren() throws SQLException {
        Customer cy = new Customer("Cy", "cy@example.com");
        PurchaseOrder order = cy.addOrder("C-1");
        order.addLine("a", 1, "1.00");
        order.addLine("b", 2, "2.00");
        run(em -> em.persist(cy));

        run(em -> {
            Customer c = em.find(Customer.class, cy.getId());
            c.getOrders().get(0).getLines().remove(0); // orphan removal
        });
        assertThat(longs("SELECT count(*) FROM order_line WHERE order_id = " + order.getId())).containsExactly(1L);

        run(em -> em.remove(em.find(Customer.class, cy.getId())));
        assertThat(longs("SELECT count(*) FROM customer WHERE id = " + cy.getId())).containsExactly(0L);
        assertThat(longs("SELECT count(*) FROM purchase_order WHERE id = " + order.getId())).containsExactly(0L);
        assertThat(longs("SELECT count(*) FROM order_line WHERE order_id = " + order.getId())).containsExactly(0L);
    }

    @Test
    void jpqlWithJoinsAggregatesOrderingAndPaging() {
        Customer dee = new Customer("Dee", "dee@example.com");
        for (int i = 0; i < 7; i++) {
            dee.addOrder(String.format("D-%02d", i)).addLine("widget", i + 1, "2.00");
        }
        run(em -> em.persist(dee));

        List<Object[]> totals = inTransaction(em -> em.createQuery(
                "select c.name, count(distinct o), sum(l.quantity * l.price) from Customer c join c.orders o"
                        + " join o.lines l where c.id = :id group by c.name order by c.name", Object[].class)
                .setParameter("id", dee.getId()).getResultList());
        assertThat(totals).hasSize(1);
        assertThat(totals.get(0)[0]).isEqualTo("Dee");
        assertThat(totals.get(0)[1]).isEqualTo(7L);
        assertThat((BigDecimal) totals.get(0)[2]).isEqualByComparingTo("56.00"); // 2 * (1 + ... + 7)

        List<String> page = inTransaction(em -> em.createQuery(
                "select o.reference from PurchaseOrder o join o.customer c where c.name = :n order by o.reference desc",
                String.class).setParameter("n", "Dee").setFirstResult(2).setMaxResults(3).getResultList());
        assertThat(page).containsExactly("D-04", "D-03", "D-02");

        List<PurchaseOrder> fetched = inTransaction(em -> em.createQuery(
                "select distinct o from PurchaseOrder o join fetch o.lines where o.customer.id = :id"
                        + " order by o.reference", PurchaseOrder.class)
                .setParameter("id", dee.getId()).setMaxResults(100).getResultList());
        assertThat(fetched).hasSize(7);
        assertThat(fetched.get(6).getLines()).singleElement().extracting(OrderLine::getQuantity).isEqualTo(7);
    }

    @Test
    void aStaleVersionIsAnOptimisticLockException() {
        run(em -> em.persist(new Account(1, 100)));
        EntityManager stale = emf.createEntityManager();
        try {
            stale.getTransaction().begin();
            Account mine = stale.find(Account.class, 1L);
            stale.getTransaction().commit();
            assertThat(mine.getVersion()).isZero();

            run(em -> em.find(Account.class, 1L).setBalance(150)); // another user's update wins

            stale.getTransaction().begin();
            mine.setBalance(90);
            assertThatThrownBy(() -> stale.getTransaction().commit())
                    .isInstanceOf(RollbackException.class).hasCauseInstanceOf(OptimisticLockException.class);
        } finally {
            stale.close();
        }
        Account after = inTransaction(em -> em.find(Account.class, 1L));
        assertThat(after.getBalance()).isEqualTo(150);
        assertThat(after.getVersion()).isEqualTo(1);
    }

    @Test
    void pessimisticWriteMakesAConcurrentUpdateWait() throws Exception {
        run(em -> em.persist(new Account(2, 100)));
        EntityManager holder = emf.createEntityManager();
        try {
            holder.getTransaction().begin();
            Account locked = holder.find(Account.class, 2L, LockModeType.PESSIMISTIC_WRITE);
            assertThat(locked.getBalance()).isEqualTo(100);

            CompletableFuture<Integer> update = CompletableFuture.supplyAsync(() -> inTransaction(em -> em
                    .createQuery("update Account a set a.balance = a.balance + 1 where a.id = 2").executeUpdate()),
                    pool);
            await().during(STAYS_BLOCKED).atMost(STAYS_BLOCKED.multipliedBy(5)).until(() -> !update.isDone());
            holder.getTransaction().commit(); // releases the lock, changed nothing

            assertThat(update.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            holder.close();
        }
        assertThat(inTransaction(em -> em.find(Account.class, 2L)).getBalance()).isEqualTo(101);
    }

    @Test
    void aLockingQueryWithAJoinLocksTheRootRows() throws Exception {
        Customer eve = new Customer("Eve", "eve@example.com");
        eve.addOrder("E-1");
        eve.addOrder("E-2");
        run(em -> em.persist(eve));
        EntityManager holder = emf.createEntityManager();
        try {
            holder.getTransaction().begin();
            List<PurchaseOrder> locked = holder.createQuery("select o from PurchaseOrder o join o.customer c"
                    + " where c.name = :n order by o.reference", PurchaseOrder.class)
                    .setParameter("n", "Eve").setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
            assertThat(locked).extracting(PurchaseOrder::getReference).containsExactly("E-1", "E-2");

            long id = locked.get(0).getId();
            assertThatThrownBy(() -> inTransaction(em -> em.find(PurchaseOrder.class, id,
                    LockModeType.PESSIMISTIC_WRITE, Map.of("jakarta.persistence.lock.timeout", 0))))
                    .isInstanceOfAny(LockTimeoutException.class, PessimisticLockException.class);
            holder.getTransaction().commit();
        } finally {
            holder.close();
        }
    }

    @Test
    void aLockThatIsHeldFailsNowaitAndTimesOutWaiting() {
        run(em -> em.persist(new Account(3, 100)));
        EntityManager holder = emf.createEntityManager();
        try {
            holder.getTransaction().begin();
            holder.find(Account.class, 3L, LockModeType.PESSIMISTIC_WRITE);

            assertThatThrownBy(() -> inTransaction(em -> em.find(Account.class, 3L, LockModeType.PESSIMISTIC_WRITE,
                    Map.of("jakarta.persistence.lock.timeout", 0))))
                    .isInstanceOfAny(LockTimeoutException.class, PessimisticLockException.class);

            long started = System.nanoTime();
            assertThatThrownBy(() -> inTransaction(em -> em.find(Account.class, 3L, LockModeType.PESSIMISTIC_WRITE)))
                    .isInstanceOfAny(LockTimeoutException.class, PessimisticLockException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(LOCK_WAIT.minusSeconds(1));
            holder.getTransaction().commit();
        } finally {
            holder.close();
        }
        assertThat(inTransaction(em -> em.find(Account.class, 3L, LockModeType.PESSIMISTIC_WRITE)).getBalance())
                .isEqualTo(100);
    }

    private static void run(Consumer<EntityManager> work) {
        inTransaction(em -> {
            work.accept(em);
            return null;
        });
    }

    private static <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } catch (RuntimeException e) {
            if (em.getTransaction().isActive()) em.getTransaction().rollback();
            throw e;
        } finally {
            em.close();
        }
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private static List<Long> longs(String sql) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getLong(1));
        }
        return out;
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
    }
}
