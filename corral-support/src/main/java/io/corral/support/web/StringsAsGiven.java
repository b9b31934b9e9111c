package io.corral.support.web;

import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.web.bind.support.ConfigurableWebBindingInitializer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * The conversions of request arguments (path variables, request parameters, headers),
 * handing a {@code String} to a {@code String} parameter as it is and asking Spring's
 * conversion service for anything else.
 *
 * <p>
 * Spring asks its conversion service for every argument, a string for a string too, and
 * the service caches its converters by a key whose hash is the two types alone while its
 * equality compares the parameters' annotations, reflectively. Every {@code String} path
 * variable of a service's endpoints lands in one chain of that cache, which each lookup
 * walks: 4.5% of the request threads' CPU in a cell's reports (docs/performance.md). The
 * answer it found was always the string itself: no formatter applies to a string.
 */
public final class StringsAsGiven implements ConversionService {

    private final ConversionService conversions;

    StringsAsGiven(ConversionService conversions) {
        this.conversions = conversions;
    }

    /** Puts this in front of the conversion service that {@code adapter} binds with. */
    public static void install(RequestMappingHandlerAdapter adapter) {
        if (adapter.getWebBindingInitializer() instanceof ConfigurableWebBindingInitializer binding
                && binding.getConversionService() != null
                && !(binding.getConversionService() instanceof StringsAsGiven)) {
            binding.setConversionService(new StringsAsGiven(binding.getConversionService()));
        }
    }

    @Override
    public boolean canConvert(Class<?> sourceType, Class<?> targetType) {
        return conversions.canConvert(sourceType, targetType);
    }

    @Override
    public boolean canConvert(TypeDescriptor sourceType, TypeDescriptor targetType) {
        return stringToString(sourceType, targetType) || conversions.canConvert(sourceType, targetType);
    }

    @Override
    public <T> T convert(Object source, Class<T> targetType) {
        return conversions.convert(source, targetType);
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        return stringToString(sourceType, targetType) ? source : conversions.convert(source, sourceType, targetType);
    }

    private static boolean stringToString(TypeDescriptor sourceType, TypeDescriptor targetType) {
        return sourceType != null && sourceType.getType() == String.class && targetType.getType() == String.class;
    }

}
