package io.ecledger.api;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The manager's package structure: features in layers, never in loops, HTTP plumbing beneath them all. */
@AnalyzeClasses(packages = "io.ecledger.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesImportEachOtherInNoLoop =
            slices().matching("io.ecledger.api.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule httpPlumbingDependsOnNoFeature = noClasses()
            .that().resideInAPackage("io.ecledger.api.http..")
            .should().dependOnClassesThat(resideInAPackage("io.ecledger.api..")
                    .and(not(resideInAPackage("io.ecledger.api.http.."))));

    // the application and its configuration wire the features; a feature reaching back up would hide a loop
    @ArchTest
    static final ArchRule noFeatureDependsOnTheApplication = noClasses()
            .that().resideInAPackage("io.ecledger.api.(*)..")
            .should().dependOnClassesThat().resideInAPackage("io.ecledger.api");
}
