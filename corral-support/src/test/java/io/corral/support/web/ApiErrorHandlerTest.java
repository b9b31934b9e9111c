package io.corral.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Each error is answered with its name's status, whoever raised it. */
class ApiErrorHandlerTest {

    private final MockMvcTester mvc = MockMvcTester
        .create(MockMvcBuilders.standaloneSetup(new Rollouts()).setControllerAdvice(new ApiErrorHandler()).build());

    @Test
    void aServiceErrorIsAnsweredWithItsStatus() {
        MvcTestResult result = mvc.get().uri("/v1/rollouts/7").exchange();

        assertThat(result).hasStatus(404);
        assertThat(result).bodyJson().extractingPath("$.name").isEqualTo("RolloutNotFound");
        assertThat(result).bodyJson().extractingPath("$.message").isEqualTo("no rollout 7");
    }

    @Test
    void aMethodTheEndpointDoesNotHaveIsMethodNotAllowed() {
        MvcTestResult result = mvc.delete().uri("/v1/rollouts/7").exchange();

        assertThat(result).hasStatus(405);
        assertThat(result).bodyJson().extractingPath("$.name").isEqualTo("MethodNotAllowed");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/v1/rollouts/no-connection", "/v1/rollouts/connection-broke",
            "/v1/rollouts/commit-failed", "/v1/rollouts/rollback-failed", "/v1/rollouts/server-shutting-down" })
    void anUnreachableDatabaseIsServiceUnavailable(String uri) {
        MvcTestResult result = mvc.get().uri(uri).exchange();

        assertThat(result).hasStatus(503);
        assertThat(result).hasHeader("Retry-After", "1");
        assertThat(result).bodyJson().extractingPath("$.name").isEqualTo("DatabaseUnavailable");
        assertThat(result).bodyJson().extractingPath("$.message").asString().contains("database is unreachable");
    }

    @Test
    void aServiceThatFindsItsDatabaseTooBusySaysWhenToTryAgain() {
        MvcTestResult result = mvc.get().uri("/v1/rollouts/too-busy").exchange();

        assertThat(result).hasStatus(503);
        assertThat(result).hasHeader("Retry-After", "1");
        assertThat(result).bodyJson().extractingPath("$.message").isEqualTo("every rollout slot is taken");
    }

    @Test
    void aTransactionRolledBackToBreakADeadlockIsAConflictToSendAgain() {
        MvcTestResult result = mvc.get().uri("/v1/rollouts/deadlock").exchange();

        assertThat(result).hasStatus(409);
        assertThat(result).bodyJson().extractingPath("$.name").isEqualTo("ResourceConflict");
        assertThat(result).bodyJson().extractingPath("$.message").asString().contains("nothing was written");
    }

    @Test
    void anotherDatabaseErrorIsStillUnexpected() {
        MvcTestResult result = mvc.get().uri("/v1/rollouts/bad-sql").exchange();

        assertThat(result).hasStatus(500);
        assertThat(result).bodyJson().extractingPath("$.name").isEqualTo("UnknownError");
    }

    @Test
    void aFailureAfterTheAnswerBeganLeavesWhatWasSent() {
        MvcTestResult result = mvc.get().uri("/v1/rollouts/7/log").exchange();

        assertThat(result).hasStatus(200);
        assertThat(result).body().asString().isEqualTo("step 1 of 3\n");
    }

    @RestController
    static class Rollouts {

        /** A download whose source fails once its first bytes have gone out. */
        @GetMapping("/v1/rollouts/7/log")
        void log(HttpServletResponse response) throws IOException {
            response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
            response.getOutputStream().write("step 1 of 3\n".getBytes(StandardCharsets.US_ASCII));
            response.flushBuffer();
            throw new IOException("the instance's sftp channel closed");
        }

        /** What Spring's transaction manager throws when the pool has no connection. */
        @GetMapping("/v1/rollouts/no-connection")
        String noConnection() {
            throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                    new SQLTransientConnectionException("pool - Connection is not available, request timed out"));
        }

        /** What a statement on a connection that broke gives, translated by Spring. */
        @GetMapping("/v1/rollouts/connection-broke")
        String connectionBroke() {
            throw new DataAccessResourceFailureException("I/O error",
                    new SQLException("An I/O error occurred while sending to the backend", "08006"));
        }

        /** A commit on a broken connection, wrapped without translation. */
        @GetMapping("/v1/rollouts/commit-failed")
        String commitFailed() {
            throw new TransactionSystemException("Could not commit JPA transaction",
                    new IllegalStateException("commit failed", new SQLException("connection closed", "08003")));
        }

        /**
         * The rollback after a statement broke its connection: the pool has closed it,
         * and the rollback's failure replaces the statement's.
         */
        @GetMapping("/v1/rollouts/rollback-failed")
        String rollbackFailed() {
            throw new UncategorizedSQLException("Unable to rollback against JDBC Connection", null,
                    new SQLException("Connection is closed"));
        }

        @GetMapping("/v1/rollouts/server-shutting-down")
        String serverShuttingDown() {
            throw new UncategorizedSQLException("select", "select 1",
                    new SQLException("terminating connection due to administrator command", "57P01"));
        }

        /** What Spring makes of PostgreSQL's 40P01 when it picks this transaction. */
        @GetMapping("/v1/rollouts/deadlock")
        String deadlock() {
            throw new CannotAcquireLockException("could not execute statement",
                    new SQLException("deadlock detected", "40P01"));
        }

        @GetMapping("/v1/rollouts/bad-sql")
        String badSql() {
            throw new UncategorizedSQLException("select", "select nope",
                    new SQLException("column \"nope\" does not exist", "42703"));
        }

        @GetMapping("/v1/rollouts/too-busy")
        String tooBusy() {
            throw new ApiException(ErrorCode.DATABASE_UNAVAILABLE, "every rollout slot is taken");
        }

        @GetMapping("/v1/rollouts/7")
        String rollout() {
            throw new ApiException(ErrorCode.ROLLOUT_NOT_FOUND, "no rollout 7");
        }

    }

}
