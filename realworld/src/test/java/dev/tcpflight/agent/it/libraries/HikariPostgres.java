package dev.tcpflight.agent.it.libraries;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Child program: a HikariCP pool of {@value #POOL_SIZE} pgjdbc connections to the PostgreSQL on
 * 127.0.0.1:{@code args[0]}. All are borrowed at once, so each runs the queries, then given back; then the pool is
 * closed: pgjdbc sends Terminate on each, the server's backend exits and closes its end, often before the
 * client's own close. Prints the client port the server saw on each ({@code pg-client-port N}).
 */
public final class HikariPostgres {

    public static final int POOL_SIZE = 3;
    /** Big enough to take several segments each way on loopback. */
    public static final int TEXT_LENGTH = 200_000;
    /** After the pool's close: time for the kernel sampler to see each end reach TIME_WAIT or leave the table. */
    private static final long AFTERMATH_MS = 1_000;

    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + Integer.parseInt(args[0]) + "/postgres");
        config.setUsername("postgres");
        config.setMinimumIdle(POOL_SIZE);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setPoolName("tcpflight");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            List<Connection> borrowed = new ArrayList<>();
            for (int i = 0; i < POOL_SIZE; i++) {
                borrowed.add(pool.getConnection());
            }
            for (Connection connection : borrowed) {
                query(connection);
                connection.close(); // back to the pool
            }
        } // Terminate, then close, on every connection
        Thread.sleep(AFTERMATH_MS);
    }

    private static void query(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet port = statement.executeQuery("select inet_client_port()")) {
                port.next();
                System.out.println("pg-client-port " + port.getInt(1));
            }
            statement.execute("create temporary table t (n int, s text)");
            statement.executeUpdate("insert into t select n, md5(n::text) from generate_series(1, 500) n");
            try (ResultSet rows = statement.executeQuery("select count(*), max(s) from t")) {
                rows.next();
                if (rows.getInt(1) != 500) {
                    throw new IllegalStateException("rows: " + rows.getInt(1));
                }
            }
            try (ResultSet text = statement.executeQuery("select repeat('x', " + TEXT_LENGTH + ")")) {
                text.next();
                if (text.getString(1).length() != TEXT_LENGTH) {
                    throw new IllegalStateException("text of " + text.getString(1).length());
                }
            }
            statement.execute("drop table t");
        }
    }
}
