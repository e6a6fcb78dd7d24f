package dev.rustreview;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.crate.Awaits;
import dev.rustreview.analysis.crate.Edition;
import dev.rustreview.analysis.crate.LockFlow;
import dev.rustreview.analysis.crate.Locks;
import dev.rustreview.analysis.crate.Nav;
import dev.rustreview.analysis.crate.TypeFacts;

/** Keeps the package table of ARCHITECTURE.md true. */
@AnalyzeClasses(packages = "dev.rustreview", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule javaFxOnlyInUi = noClasses()
            .that().resideOutsideOfPackages("dev.rustreview.ui..")
            .and().doNotHaveFullyQualifiedName("dev.rustreview.Main")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.fxmisc..", "atlantafx..");

    @ArchTest
    static final ArchRule jgitOnlyInGit = noClasses()
            .that().resideOutsideOfPackage("dev.rustreview.git..")
            .should().dependOnClassesThat().resideInAPackage("org.eclipse.jgit..");

    @ArchTest
    static final ArchRule treeSitterOnlyInAnalysis = noClasses()
            .that().resideOutsideOfPackage("dev.rustreview.analysis..")
            .should().dependOnClassesThat().resideInAPackage("org.treesitter..");

    @ArchTest
    static final ArchRule modelIsPlainJava = noClasses()
            .that().resideInAPackage("dev.rustreview.model..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.rustreview.git..", "dev.rustreview.analysis..",
                    "dev.rustreview.review..", "dev.rustreview.export..", "dev.rustreview.cli..", "dev.rustreview.ui..",
                    "com.fasterxml..", "picocli..");

    @ArchTest
    static final ArchRule coreDoesNotReachTheFaces = noClasses()
            .that().resideInAnyPackage("dev.rustreview.git..", "dev.rustreview.analysis..", "dev.rustreview.review..",
                    "dev.rustreview.export..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.rustreview.cli..", "dev.rustreview.ui..");

    /** Data flows one way: exports read reviews, reviews never reach into exports. */
    @ArchTest
    static final ArchRule reviewDoesNotDependOnExport = noClasses()
            .that().resideInAnyPackage("dev.rustreview.review..", "dev.rustreview.analysis..", "dev.rustreview.git..")
            .should().dependOnClassesThat().resideInAPackage("dev.rustreview.export..");

    @ArchTest
    static final ArchRule cliAndUiStayApart = noClasses()
            .that().resideInAPackage("dev.rustreview.cli..")
            .should().dependOnClassesThat().resideInAPackage("dev.rustreview.ui..");

    @ArchTest
    static final ArchRule uiAndCliStayApart = noClasses()
            .that().resideInAPackage("dev.rustreview.ui..")
            .should().dependOnClassesThat().resideInAPackage("dev.rustreview.cli..");

    /** The compiler check builds on model and git (and io for its stored results), nothing above them. */
    @ArchTest
    static final ArchRule checkImportsOnlyModelAndGit = noClasses()
            .that().resideInAPackage("dev.rustreview.check..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.rustreview.analysis..", "dev.rustreview.review..",
                    "dev.rustreview.export..", "dev.rustreview.cli..", "dev.rustreview.ui..", "dev.rustreview.settings..");

    /** Running cargo is opt-in: nothing in the analysis (nor git or model below it) reaches the checker. */
    @ArchTest
    static final ArchRule nothingBelowDependsOnCheck = noClasses()
            .that().resideInAnyPackage("dev.rustreview.analysis..", "dev.rustreview.git..", "dev.rustreview.model..",
                    "dev.rustreview.review..")
            .should().dependOnClassesThat().resideInAPackage("dev.rustreview.check..");

    /**
     * One model decides what a lock, a guard's lifetime and an await point are: rules ask it through
     * {@code FileView} and never build their own lock facts, guard regions or await lists.
     */
    @ArchTest
    static final ArchRule rulesAskTheCrateModel = noClasses()
            .that().resideInAPackage("dev.rustreview.analysis.rules..")
            .should().callConstructor(Locks.class, TypeFacts.class)
            .orShould().callConstructor(Locks.class, TypeFacts.class, Edition.class)
            .orShould().callMethod(TypeFacts.class, "lockOrigin", String.class)
            .orShould().callMethod(Locks.class, "held", Node.class)
            .orShould().callMethod(Locks.class, "acquisitions", Node.class)
            .orShould().callMethod(LockFlow.class, "overlaps", Locks.class, Node.class)
            .orShould().callMethod(Awaits.class, "in", Nav.class, Node.class)
            .because("the crate model (analysis.crate) is the one place that derives locks, guards and awaits");
}
