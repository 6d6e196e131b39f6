package io.svcctl.nspawn;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.svcctl.nspawn");

    @Test
    void usesOnlyTheUnitsModule() {
        noClasses().should().dependOnClassesThat(resideInAPackage("io.svcctl..")
                        .and(resideOutsideOfPackages("io.svcctl.nspawn", "io.svcctl.units")))
                .check(MAIN);
    }

    /** Rendering and deciding are pure: the caller writes the files and runs nspawn. */
    @Test
    void touchesNoFilesAndRunsNoProcesses() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName(java.nio.file.Files.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(java.io.File.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(Runtime.class.getName())
                .check(MAIN);
    }

    @Test
    void libraryCodeDoesNotPrint() {
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(MAIN);
    }
}
