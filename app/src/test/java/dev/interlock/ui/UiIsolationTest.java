package dev.interlock.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** JavaFX and the desktop libraries stay in {@code dev.interlock.ui}; inside it, AWT only in the tray. */
class UiIsolationTest {
    private static final JavaClasses MAIN;

    static {
        // only our own classes: dependencies are checked by name, not loaded and parsed
        com.tngtech.archunit.ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        MAIN = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.interlock");
    }

    @Test
    void noJavaFxOutsideTheUiPackage() {
        noClasses().that().resideOutsideOfPackage("dev.interlock.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.kordamp.ikonli..",
                        "com.dustinredmond.fxtrayicon..", "com.github.kwhat.jnativehook..")
                .check(MAIN);
    }

    @Test
    void awtOnlyInTheTray() {
        noClasses().that().resideInAPackage("dev.interlock.ui..").and().resideOutsideOfPackage("dev.interlock.ui.tray..")
                .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..")
                .check(MAIN);
    }
}
