package io.corral.receptor.lrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import io.corral.testsupport.ApiFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A desire is one statement and its own transaction: inside a caller's transaction it
 * would commit with that one, and its events would be signalled before the commit, so it
 * is refused there and writes nothing.
 */
class DesireOwnTransactionIntegrationTest extends ReceptorIntegrationTest {

    @Autowired
    private DesiredLrpService desiredLrps;

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Test
    void aDesireInsideTheCallersTransactionIsRefusedAndWritesNothing() {
        TransactionTemplate callers = new TransactionTemplate(transactionManager);

        assertThatThrownBy(
                () -> callers.executeWithoutResult(status -> desiredLrps.create(ApiFixtures.desiredLrp("joined", 1))))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("transaction of its own");
        assertThatThrownBy(() -> desiredLrps.get("joined")).as("nothing written")
            .isInstanceOfSatisfying(ApiException.class,
                    notFound -> assertThat(notFound.code()).isEqualTo(ErrorCode.DESIRED_LRP_NOT_FOUND));

        assertThat(desiredLrps.create(ApiFixtures.desiredLrp("joined", 1)).processGuid())
            .as("the same desire on its own")
            .isEqualTo("joined");
    }

}
