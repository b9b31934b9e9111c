package io.corral.placement;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;
import org.springframework.data.repository.Repository;

/**
 * Placement's features depend on each other in one direction only, and keep their tables
 * to themselves.
 */
@AnalyzeClasses(packages = "io.corral.placement", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageStructureTest {

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices().matching("io.corral.placement.(*)..")
        .should()
        .beFreeOfCycles();

    @ArchTest
    static final ArchRule entitiesAndRepositoriesStayInTheirFeature = classes().that()
        .areAnnotatedWith(Entity.class)
        .or()
        .areAssignableTo(Repository.class)
        .should()
        .notBePublic();

}
