package io.ecledger.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The node agent's shape: agent and executors without cycles, executors free of Kafka, no manager code. */
@AnalyzeClasses(packages = "io.ecledger.node", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles =
            slices().matching("io.ecledger.node.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule executorsKnowNothingOfKafka = noClasses()
            .that().resideInAPackage("io.ecledger.node.executor..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.ecledger.ledger.kafka..")
            .because("an executor runs one command text; the agent owns the ledger and the transactions");

    @ArchTest
    static final ArchRule theAgentUsesNoManagerOrConsoleCode = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.ecledger.api..", "io.ecledger.console..",
                    "io.dropwizard..", "org.jdbi..", "org.h2..", "org.jline..");

    @ArchTest
    static final ArchRule generatedAvroTypesStayInTheLedgerCodec = noClasses()
            .should().dependOnClassesThat().resideInAPackage("io.ecledger.schemas..");

    // the slices above are the subpackages only; this closes the loop through the module's root package
    @ArchTest
    static final ArchRule nothingDependsOnTheEntryPoints = noClasses()
            .that().resideOutsideOfPackage("io.ecledger.node")
            .should().dependOnClassesThat().resideInAPackage("io.ecledger.node")
            .because("NodeMain wires the agent and its executor; neither knows it");
}
