package dev.clipflow.e2e;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A job's path reads straight through each module's packages (docs/architecture.md): {@code rest/} calls the
 * service's verbs, {@code messaging/} hands records to them, and no package is called back by one it calls. This
 * module has every service's classes on its class path, so it checks them all at once.
 */
class ServicePackagesCallInOneDirectionTest {

    /** {@code dev.clipflow.<module>.<package>}, a package's own sub-packages counted as part of it. */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String[] parts = javaClass.getPackageName().split("\\.");
            if (parts.length < 3 || !parts[0].equals("dev") || !parts[1].equals("clipflow")) {
                return SliceIdentifier.ignore();
            }
            return SliceIdentifier.of(String.join(".", Arrays.copyOf(parts, Math.min(parts.length, 4))));
        }

        @Override
        public String getDescription() {
            return "the packages of each Clipflow module";
        }
    };

    @Test
    void noPackageOfAnyModuleCallsBackIntoOneThatCallsIt() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.clipflow");
        assertThat(classes.stream().map(JavaClass::getPackageName).map(name -> name.split("\\.")[2]).distinct())
                .as("modules whose classes were read")
                .contains("contracts", "store", "gateway", "clipworker", "uploader", "gallery");

        slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(classes);
    }
}
