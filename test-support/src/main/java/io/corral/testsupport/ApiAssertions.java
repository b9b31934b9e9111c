package io.corral.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.corral.receptor.client.ReceptorException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the receptor API's error answers. */
public final class ApiAssertions {

    private ApiAssertions() {
    }

    /**
     * Asserts {@code request} is answered with {@code status} and error {@code name};
     * returns the error.
     */
    public static ReceptorException assertApiError(ThrowingCallable request, int status, String name) {
        ReceptorException error = catchThrowableOfType(ReceptorException.class, request);
        assertThat(error).as("an API error answer").isNotNull();
        assertThat(error.status()).as("status of " + error.getMessage()).isEqualTo(status);
        assertThat(error.name()).as("name of " + error.getMessage()).isEqualTo(name);
        return error;
    }

}
