package io.corral.placement;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.corral.testsupport.ServiceStructureRules;

/** Placement's code keeps every service's layout. */
@AnalyzeClasses(packages = "io.corral.placement", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageStructureTest {

    @ArchTest
    static final ArchTests serviceStructure = ArchTests.in(ServiceStructureRules.class);

}
