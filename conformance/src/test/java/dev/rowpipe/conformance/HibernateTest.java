package dev.rowpipe.conformance;

import dev.rowpipe.local.LocalServer;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hibernate ORM booted the ways users boot it: its own connection pool (which turns autocommit off), the same
 * with {@code hibernate.connection.autocommit=true}, and a plain DataSource; native queries and a
 * {@code @Transactional}-style read ({@code fromTransaction}).
 */
@ExtendWith(SharedLocalServer.class)
class HibernateTest {

    private static final String TABLE = "hb_items";

    /** Hibernate's own pool: URL, credentials, and every other driver property as hibernate.connection.*. */
    private static Configuration ownPool(LocalServer server, Service service) {
        Configuration cfg = new Configuration();
        cfg.setProperty("hibernate.connection.url", service.url(server));
        cfg.setProperty("hibernate.connection.pool_size", "2");
        cfg.setProperty("hibernate.dialect", "org.hibernate.dialect.PostgreSQLDialect");
        for (Map.Entry<Object, Object> e : service.properties(server).entrySet()) {
            String key = (String) e.getKey();
            String name = key.equals("user") ? "username" : key;
            cfg.setProperty("hibernate.connection." + name, (String) e.getValue());
        }
        return cfg;
    }

    private static long count(SessionFactory sf) {
        return sf.fromSession(s -> s.createNativeQuery("SELECT count(*) FROM " + TABLE, Long.class).getSingleResult());
    }

    private static void ownPoolNativeQuery(Service service, LocalServer server) throws Exception {
        service.createTable(server, TABLE);
        try (SessionFactory sf = ownPool(server, service).buildSessionFactory()) {
            assertEquals(10L, count(sf));
        }
    }

    private static void ownPoolWithAutocommit(Service service, LocalServer server) throws Exception {
        service.createTable(server, TABLE);
        Configuration cfg = ownPool(server, service);
        cfg.setProperty("hibernate.connection.autocommit", "true");
        try (SessionFactory sf = cfg.buildSessionFactory()) {
            assertEquals(10L, count(sf));
        }
    }

    private static void transactionalRead(Service service, LocalServer server) throws Exception {
        service.createTable(server, TABLE);
        try (SessionFactory sf = ownPool(server, service).buildSessionFactory()) {
            List<String> names = sf.fromTransaction(s -> s.createNativeQuery(
                    "SELECT name FROM " + TABLE + " WHERE id <= 3 ORDER BY id", String.class).getResultList());
            assertEquals(List.of("apple", "O'Brien", "back\\slash"), names);
        }
    }

    private static void plainDataSourceNativeQuery(Service service, LocalServer server) throws Exception {
        service.createTable(server, TABLE);
        Configuration cfg = new Configuration();
        cfg.getProperties().put("hibernate.connection.datasource", new PlainDataSource(service.url(server), service.properties(server)));
        cfg.setProperty("hibernate.dialect", "org.hibernate.dialect.PostgreSQLDialect");
        // The documented workaround for drivers without transactions: Hibernate leaves autocommit alone.
        cfg.setProperty("hibernate.connection.provider_disables_autocommit", "true");
        try (SessionFactory sf = cfg.buildSessionFactory()) {
            assertEquals(10L, count(sf));
            Object[] row = sf.fromSession(s -> s.createNativeQuery(
                    "SELECT id, name FROM " + TABLE + " WHERE id = :id", Object[].class).setParameter("id", 2).getSingleResult());
            assertEquals(2L, ((Number) row[0]).longValue());
            assertEquals("O'Brien", row[1]);
        }
    }

    @Test
    void fireboltOwnPoolNativeQuery(LocalServer server) throws Exception {
        ownPoolNativeQuery(Service.FIREBOLT, server);
    }

    @Test
    void tdOwnPoolNativeQuery(LocalServer server) throws Exception {
        ownPoolNativeQuery(Service.TD, server);
    }

    @Test
    void fireboltOwnPoolWithAutocommit(LocalServer server) throws Exception {
        ownPoolWithAutocommit(Service.FIREBOLT, server);
    }

    @Test
    void tdOwnPoolWithAutocommit(LocalServer server) throws Exception {
        ownPoolWithAutocommit(Service.TD, server);
    }

    @Test
    void fireboltTransactionalRead(LocalServer server) throws Exception {
        transactionalRead(Service.FIREBOLT, server);
    }

    @Test
    void tdTransactionalRead(LocalServer server) throws Exception {
        transactionalRead(Service.TD, server);
    }

    @Test
    void fireboltPlainDataSourceNativeQuery(LocalServer server) throws Exception {
        plainDataSourceNativeQuery(Service.FIREBOLT, server);
    }

    @Test
    void tdPlainDataSourceNativeQuery(LocalServer server) throws Exception {
        plainDataSourceNativeQuery(Service.TD, server);
    }
}
