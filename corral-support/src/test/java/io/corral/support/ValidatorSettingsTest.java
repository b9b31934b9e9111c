package io.corral.support;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The services' validator reaches every property, nested ones too, without JPA's check of
 * each or a cache of the answers.
 */
class ValidatorSettingsTest {

    record Route(@NotBlank String hostname) {
    }

    record Request(@Size(max = 3) String name, List<@Valid Route> routes) {
    }

    @Test
    void everyPropertyAndNestedRecordIsValidated() {
        HibernateValidatorConfiguration configuration = Validation.byDefaultProvider()
            .configure() instanceof HibernateValidatorConfiguration hibernate ? hibernate : null;
        new CorralSupportAutoConfiguration().everyPropertyReachable().customize(configuration);
        Validator validator = configuration.buildValidatorFactory().getValidator();

        assertThat(validator.validate(new Request("long", List.of(new Route("ok"), new Route(" ")))))
            .extracting(violation -> violation.getPropertyPath().toString())
            .containsExactlyInAnyOrder("name", "routes[1].hostname");
        assertThat(validator.validate(new Request("ok", List.of(new Route("ok"))))).isEmpty();
    }

}
