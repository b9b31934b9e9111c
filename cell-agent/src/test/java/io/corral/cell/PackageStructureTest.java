package io.corral.cell;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.corral.testsupport.ServiceStructureRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The cell agent keeps every service's layout (it has no entities or repositories, so
 * only the cycle rule applies); its work plan, containers and both backends stay plain
 * Java (no Spring, no HTTP to the receptor), so they are tested without either and one
 * JVM can hold many cells.
 */
@AnalyzeClasses(packages = "io.corral.cell", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageStructureTest {

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = ServiceStructureRules.featuresAreFreeOfCycles;

    @ArchTest
    static final ArchRule theDomainIsPlainJava = noClasses().that()
        .resideInAnyPackage("io.corral.cell.work..", "io.corral.cell.container..", "io.corral.cell.process..",
                "io.corral.cell.simulated..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "jakarta.servlet..", "io.corral.receptor.client..");

    @ArchTest
    static final ArchRule backendsKnowNothingOfTheAgent = noClasses().that()
        .resideInAnyPackage("io.corral.cell.container..", "io.corral.cell.process..", "io.corral.cell.simulated..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.corral.cell.agent..", "io.corral.cell.web..");

}
