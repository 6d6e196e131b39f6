package io.svcctl.zfs;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.svcctl.exec", "io.svcctl.zfs");

    @Test
    void theRunnerKnowsNothingOfZfs() {
        noClasses().that().resideInAPackage("io.svcctl.exec")
                .should().dependOnClassesThat().resideInAPackage("io.svcctl.zfs")
                .check(MAIN);
    }

    @Test
    void onlyTheRunnerStartsProcesses() {
        noClasses().that().resideOutsideOfPackage("io.svcctl.exec")
                .should().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName())
                .orShould().callMethod(Runtime.class, "exec", String.class)
                .check(MAIN);
    }

    @Test
    void libraryCodeDoesNotPrint() {
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(MAIN);
    }
}
