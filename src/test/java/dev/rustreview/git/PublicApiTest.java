package dev.rustreview.git;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JGit stays inside this package, and nothing public here hands a JGit type to the rest of the app. */
class PublicApiTest {

    private static final List<Class<?>> PUBLIC_TYPES = List.of(GitRepository.class, DiffOptions.class, RefInfo.class,
            RefInfo.Kind.class, TrailerParser.class, SampleRepositoryBuilder.class, SampleSource.class,
            BundledSample.class, ReviewNotes.class, WalkProgress.class, RepositoryNames.class);

    @Test
    void publicSignaturesUseNoJGitType() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : PUBLIC_TYPES) {
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && m.toGenericString().contains("org.eclipse.jgit")) {
                    leaks.add(m.toGenericString());
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(c.getModifiers()) && c.toGenericString().contains("org.eclipse.jgit")) {
                    leaks.add(c.toGenericString());
                }
            }
            Arrays.stream(type.getFields()).filter(f -> f.getType().getName().startsWith("org.eclipse.jgit"))
                    .forEach(f -> leaks.add(f.toGenericString()));
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    if (component.getGenericType().getTypeName().contains("org.eclipse.jgit")) {
                        leaks.add(type.getName() + "." + component.getName());
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void everyOtherPublicTypeHereIsListedAbove() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rustreview.git");
        List<String> publicTypes = classes.stream()
                .filter(c -> c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC))
                .map(c -> c.getName()).sorted().toList();
        assertThat(publicTypes).containsExactlyInAnyOrderElementsOf(PUBLIC_TYPES.stream().map(Class::getName).toList());
    }

    @Test
    void onlyThisPackageUsesJGit() {
        JavaClasses app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rustreview");
        ArchRuleDefinition.noClasses().that().resideOutsideOfPackage("dev.rustreview.git..")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.jgit..")
                .allowEmptyShould(true)
                .check(app);
    }
}
