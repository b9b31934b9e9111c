package io.corral.receptor.common;

import jakarta.persistence.EntityManager;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Hands out the records of a repository stream one by one and forgets each once handed
 * out, so listing every record keeps memory flat. Call it inside a read-only transaction,
 * which keeps the database cursor open.
 */
@Component
public class EntityStreams {

    private final EntityManager entityManager;

    public EntityStreams(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public <E, T> void forEach(Stream<E> entities, Function<E, T> toApi, Consumer<T> sink) {
        try (entities) {
            entities.forEach(entity -> {
                sink.accept(toApi.apply(entity));
                entityManager.detach(entity);
            });
        }
    }

}
