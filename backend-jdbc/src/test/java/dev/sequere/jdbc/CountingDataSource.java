package dev.sequere.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that counts the connections it hands out, and optionally hands out one fixed
 * connection whose close() does nothing: what a transaction-aware proxy (Spring's
 * TransactionAwareDataSourceProxy) does inside an application transaction.
 */
final class CountingDataSource implements DataSource {

    private final DataSource target;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Connection bound;

    CountingDataSource(DataSource target) {
        this.target = target;
    }

    int connections() {
        return connections.get();
    }

    /** From now on every getConnection() returns this connection (the "current transaction"). */
    void bind(Connection connection) {
        this.bound = connection;
    }

    void unbind() {
        this.bound = null;
    }

    @Override
    public Connection getConnection() throws SQLException {
        connections.incrementAndGet();
        Connection current = bound;
        if (current == null) {
            return target.getConnection();
        }
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(current, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
