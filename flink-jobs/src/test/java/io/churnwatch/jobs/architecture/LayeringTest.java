package io.churnwatch.jobs.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The detection job's layering: business rules are plain Java, and only their thin Flink shells
 * (the {@code *Function} and {@code *Operator} classes, and {@code OneTimer}, which they share)
 * see Flink. The modules without Flink at all (schemas, connect, alerting) are held to that by the
 * Maven enforcer in their poms.
 */
class LayeringTest {

    private static JavaClasses jobClasses;

    @BeforeAll
    static void importClasses() {
        jobClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.churnwatch");
    }

    @Test
    void detectionAndScoringRulesHaveNoFlinkImports() {
        ArchRule rule = noClasses()
                .that()
                .resideInAnyPackage("io.churnwatch.jobs.detect..", "io.churnwatch.jobs.score..")
                .and()
                .haveSimpleNameNotEndingWith("Function")
                .and()
                .doNotHaveSimpleName("OneTimer")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.flink..")
                .because("a detector is a plain rule tested without Flink; its Flink shell is the *Function beside it");
        rule.check(jobClasses);
    }

    @Test
    void theSinkKnowsNoChurnWatchRecord() {
        noClasses()
                .that()
                .resideInAPackage("io.churnwatch.sink..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.churnwatch.events..", "io.churnwatch.jobs..")
                .because("elasticsearch-sink is a connector that could be lifted out")
                .check(jobClasses);
    }

    @Test
    void theSharedKafkaEdgesKnowNeitherJob() {
        noClasses()
                .that()
                .resideInAPackage("io.churnwatch.flink..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.churnwatch.jobs..", "io.churnwatch.notifyjob..")
                .because("flink-kafka is shared by the detection job and the notify job")
                .check(jobClasses);
    }

    @Test
    void theConnectionContractKnowsNoJobOrStack() {
        noClasses()
                .that()
                .resideInAPackage("io.churnwatch.connect..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.churnwatch.jobs..",
                        "io.churnwatch.devstack..",
                        "io.churnwatch.schemas..",
                        "org.apache.flink..")
                .check(jobClasses);
    }
}
