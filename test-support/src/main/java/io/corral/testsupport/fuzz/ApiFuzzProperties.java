package io.corral.testsupport.fuzz;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fuzz property every service's test runs: hostile bodies and path segments on every
 * endpoint of the service's OpenAPI document get a clean answer
 * ({@link ApiFuzzer#check}). A service's test boots the service in its
 * {@code @BeforeContainer} and answers the fuzzer for it.
 */
public abstract class ApiFuzzProperties {

    protected abstract ApiFuzzer fuzzer();

    @Property(tries = 250)
    public void hostileRequestsGetCleanAnswers(@ForAll("requests") FuzzRequest request) {
        fuzzer().check(request);
    }

    @Provide
    public Arbitrary<FuzzRequest> requests() {
        return FuzzRequests.of(fuzzer().endpoints());
    }

}
