package io.ecledger.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The console's shape: it speaks to the manager only, and its packages have no cycles. */
@AnalyzeClasses(packages = "io.ecledger.console", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theConsoleNeverTalksToKafka = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.ecledger.ledger.kafka..",
                    "io.ecledger.ledger.broker..", "io.ecledger.ledger.codec..")
            .because("the console talks only to the manager (DESIGN.md)");

    @ArchTest
    static final ArchRule theConsoleUsesNoManagerOrAgentCode = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.ecledger.api..", "io.ecledger.node..",
                    "io.dropwizard..", "org.jdbi..", "org.h2..");

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles =
            slices().matching("io.ecledger.console.(*)..").should().beFreeOfCycles();

    // the slices above are the subpackages only; this closes the loop through the module's root package
    @ArchTest
    static final ArchRule nothingDependsOnTheEntryPoints = noClasses()
            .that().resideOutsideOfPackage("io.ecledger.console")
            .should().dependOnClassesThat().resideInAPackage("io.ecledger.console")
            .because("the console's entry points use client and complete, never the other way round");
}
