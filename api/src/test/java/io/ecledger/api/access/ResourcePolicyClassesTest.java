package io.ecledger.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.ecledger.ledger.policy.CommandClasses;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every REST method of the manager says how the policy decides it, with a class the policy knows. */
class ResourcePolicyClassesTest {

    private static final List<Class<? extends java.lang.annotation.Annotation>> HTTP_METHODS =
            List.of(GET.class, POST.class, PUT.class, DELETE.class);

    @Test
    void everyResourceMethodCarriesExactlyOneKnownPolicyDecision() {
        List<String> resourceMethods = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<String> withoutSignIn = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ecledger.api")) {
            if (!type.isAnnotatedWith(Path.class)) {
                continue;
            }
            for (JavaMethod method : type.getMethods()) {
                if (HTTP_METHODS.stream().noneMatch(method::isAnnotatedWith)) {
                    continue;
                }
                String name = type.getSimpleName() + "." + method.getName();
                resourceMethods.add(name);
                boolean requires = method.isAnnotatedWith(Requires.class);
                boolean byCommand = method.isAnnotatedWith(DecidedByCommand.class);
                boolean open = method.isAnnotatedWith(WithoutSignIn.class);
                if (open) {
                    withoutSignIn.add(name);
                    if (requires || byCommand) {
                        wrong.add(name + ": @WithoutSignIn with a policy decision no caller would reach");
                    }
                } else if (requires == byCommand) {
                    wrong.add(name + ": needs exactly one of @Requires and @DecidedByCommand");
                } else if (requires) {
                    String commandClass = method.getAnnotationOfType(Requires.class).value();
                    if (!CommandClasses.ALL.contains(commandClass)) {
                        wrong.add(name + ": @Requires(\"" + commandClass + "\") is no command class");
                    }
                }
            }
        }
        assertThat(resourceMethods).as("the importer found the resources").contains("HistoryResource.list",
                "CommandsResource.issue", "InfoResource.shutdown");
        assertThat(wrong).isEmpty();
        assertThat(withoutSignIn).as("only the sign-in door is open to anyone").containsExactlyInAnyOrder(
                "SessionResource.options", "SessionResource.signIn", "SessionResource.current", "SessionResource.signOut");
    }
}
