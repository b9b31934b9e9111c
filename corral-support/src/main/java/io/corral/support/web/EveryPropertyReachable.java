package io.corral.support.web;

import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;

/**
 * Validates every property of what a service validates: request bodies and settings,
 * records all, never a JPA entity whose lazy state must not be loaded. With JPA on the
 * class path, Hibernate Validator asks JPA of each property it reaches whether it is
 * loaded, and that lookup of the persistence providers cost more than the constraints of
 * a batch of assignments.
 */
public final class EveryPropertyReachable implements TraversableResolver {

    @Override
    public boolean isReachable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
            Path pathToTraversableObject, ElementType elementType) {
        return true;
    }

    @Override
    public boolean isCascadable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
            Path pathToTraversableObject, ElementType elementType) {
        return true;
    }

}
