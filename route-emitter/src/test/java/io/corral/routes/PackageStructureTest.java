package io.corral.routes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.corral.testsupport.ServiceStructureRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The route emitter keeps every service's layout, and its route table stays plain Java:
 * no Spring, NATS or HTTP in {@code table}.
 */
@AnalyzeClasses(packages = "io.corral.routes", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageStructureTest {

    @ArchTest
    static final ArchTests serviceStructure = ArchTests.in(ServiceStructureRules.class);

    @ArchTest
    static final ArchRule theRouteTableIsPlainJava = noClasses().that()
        .resideInAPackage("io.corral.routes.table..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "io.nats..", "jakarta.servlet..", "java.net.http..");

}
