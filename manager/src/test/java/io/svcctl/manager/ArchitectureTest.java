package io.svcctl.manager;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The manager's shape: a thin CLI on top, no package cycles, no printing below the CLI. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.svcctl.manager");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.svcctl.manager.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void onlyTheCliKnowsPicocli() {
        noClasses().that().resideOutsideOfPackage("io.svcctl.manager.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..").check(CLASSES);
    }

    @Test
    void nothingDependsOnTheCli() {
        noClasses().that().resideOutsideOfPackage("io.svcctl.manager.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.svcctl.manager.cli..").check(CLASSES);
    }

    @Test
    void onlyTheCliPrints() {
        noClasses().that().resideOutsideOfPackage("io.svcctl.manager.cli..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err").check(CLASSES);
    }
}
