package io.corral.receptor;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.corral.testsupport.ServiceStructureRules;

/**
 * The receptor's code keeps every service's layout, and its convergence runner knows no
 * feature: each feature brings its own steps.
 */
@AnalyzeClasses(packages = "io.corral.receptor", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageStructureTest {

    @ArchTest
    static final ArchTests serviceStructure = ArchTests.in(ServiceStructureRules.class);

    @ArchTest
    static final ArchRule convergenceRunnerKnowsNoFeature = classes().that()
        .resideInAPackage("io.corral.receptor.convergence..")
        .should()
        .onlyDependOnClassesThat(resideOutsideOfPackage("io.corral.receptor..")
            .or(resideInAPackage("io.corral.receptor.convergence..")));

}
