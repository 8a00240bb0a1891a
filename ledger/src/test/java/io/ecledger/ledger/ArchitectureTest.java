package io.ecledger.ledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The ledger module's shape: features without cycles, no manager or console libraries, Avro's generated types kept in the codec. */
@AnalyzeClasses(packages = "io.ecledger.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles =
            slices().matching("io.ecledger.ledger.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theLedgerKnowsNoManagerOrConsoleLibrary = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.dropwizard..", "org.jdbi..", "org.h2..", "org.jline..", "jakarta.ws..")
            .because("ledger/ is the pure domain the manager, the agents and the console share (DESIGN.md)");

    @ArchTest
    static final ArchRule generatedAvroTypesStayInTheCodec = noClasses()
            .that().resideOutsideOfPackage("io.ecledger.ledger.codec..")
            .should().dependOnClassesThat().resideInAPackage("io.ecledger.schemas..")
            .because("ledger.codec maps domain records to and from the generated Avro classes (STYLE.md)");

    @ArchTest
    static final ArchRule theLedgerDependsOnNoOtherModule = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.ecledger.api..", "io.ecledger.node..", "io.ecledger.console..")
            .because("dependencies point one way: schemas <- ledger <- {node, api, console}");
}
