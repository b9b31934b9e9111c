package io.corral.sshauth;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.corral.testsupport.ServiceStructureRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * ssh-auth's code keeps every service's layout, and its access decisions stay plain Java.
 */
@AnalyzeClasses(packages = "io.corral.sshauth", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageStructureTest {

    @ArchTest
    static final ArchTests serviceStructure = ArchTests.in(ServiceStructureRules.class);

    @ArchTest
    static final ArchRule decisionsArePlainJava = noClasses().that()
        .resideInAPackage("io.corral.sshauth.access..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "jakarta.persistence..", "java.net.http..", "io.nats..");

}
