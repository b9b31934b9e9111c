package io.corral.receptor.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * An absolute {@code http} or {@code https} URL with a host, as a client can call it:
 * parsed, not matched, so a URL the service would fail to call later is refused now. Null
 * is valid.
 */
@Documented
@Constraint(validatedBy = HttpUrl.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface HttpUrl {

    String message() default "must be an absolute http or https URL with a host";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<HttpUrl, String> {

        private static final Set<String> SCHEMES = Set.of("http", "https");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                URI uri = new URI(value);
                return uri.isAbsolute() && uri.getScheme() != null && SCHEMES.contains(uri.getScheme())
                        && uri.getHost() != null;
            }
            catch (URISyntaxException e) {
                return false;
            }
        }

    }

}
