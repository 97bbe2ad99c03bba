package dev.terraauth.cli.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Module boundaries, checked on the production classes of every module (this module's classpath
 * holds core, emulator, gateway and CLI). Test sources are held to the same rule by {@link
 * InternalImportsTest}.
 */
class ArchitectureTest {
  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.terraauth");
  }

  @Test
  void noModuleUsesCoresInternalPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.terraauth.core..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.terraauth.core.internal..")
        .because("core.internal is not API: other modules use dev.terraauth.core.json.TerraJson")
        .check(classes);
  }

  @Test
  void coresPackagesHaveNoCycles() {
    slices().matching("dev.terraauth.core.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void theEmulatorSharesNoCodeWithCore() {
    noClasses()
        .that()
        .resideInAPackage("dev.terraauth.emulator..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.terraauth.core..")
        .because("a core bug must not be able to hide in the emulator")
        .check(classes);
  }
}
