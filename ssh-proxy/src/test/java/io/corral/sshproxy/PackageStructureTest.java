package io.corral.sshproxy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.corral.testsupport.ServiceStructureRules;

/**
 * The proxy's code keeps every service's layout (it has no entities or repositories, so
 * only the cycle rule applies), and its access rules stay plain Java.
 */
@AnalyzeClasses(packages = "io.corral.sshproxy", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageStructureTest {

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = ServiceStructureRules.featuresAreFreeOfCycles;

    @ArchTest
    static final ArchRule accessRulesArePlainJava = noClasses().that()
        .resideInAPackage("io.corral.sshproxy.access..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "org.apache.sshd..", "java.net.http..", "tools.jackson..");

}
