package io.corral.support.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Recognises a failure caused by the database being out of reach, however deeply a
 * framework wrapped it (a commit that failed is a {@code TransactionSystemException}, a
 * Hibernate {@code JDBCConnectionException} a {@code JpaSystemException}).
 * <p>
 * When a statement breaks on a dead connection, the pool closes that connection at once;
 * the rollback that follows then fails with the pool's own "connection is closed", and
 * Spring throws that rollback failure in place of the statement's (it only logs the
 * first). The pool's exception carries no SQLSTATE, so it is recognised by its message.
 */
public final class DatabaseFailures {

    /** HikariCP's message for any use of a connection it has closed. */
    private static final String CLOSED_CONNECTION = "Connection is closed";

    private DatabaseFailures() {
    }

    public static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException || cause instanceof SQLException sql
                            && (isConnectionState(sql.getSQLState()) || isPoolsClosedConnection(sql))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPoolsClosedConnection(SQLException failure) {
        return failure.getSQLState() == null && failure.getMessage() != null
                && failure.getMessage().startsWith(CLOSED_CONNECTION);
    }

    /**
     * SQLSTATE class 08 (connection exception) and 57P01-57P03 (the server is shutting
     * down, crashed, or not yet accepting connections).
     */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }

}
