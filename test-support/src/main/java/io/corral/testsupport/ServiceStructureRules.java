package io.corral.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * How every Corral service's code is laid out, checked on its main classes: features
 * ({@code io.corral.<service>.<feature>}) depend on each other in one direction only, and
 * keep their tables to themselves. A service's test takes them all with
 * {@code @ArchTest static final ArchTests serviceStructure = ArchTests.in(ServiceStructureRules.class);}.
 */
public final class ServiceStructureRules {

    @ArchTest
    public static final ArchRule featuresAreFreeOfCycles = slices().matching("io.corral.(*).(*)..")
        .should()
        .beFreeOfCycles();

    @ArchTest
    public static final ArchRule entitiesAndRepositoriesStayInTheirFeature = classes().that()
        .areAnnotatedWith("jakarta.persistence.Entity")
        .or()
        .areAssignableTo("org.springframework.data.repository.Repository")
        .should()
        .notBePublic();

    private ServiceStructureRules() {
    }

}
