package io.github.sparkkinesis.assembly.docs;

import static io.github.sparkkinesis.assembly.docs.DocumentedRoute.notRunHere;
import static io.github.sparkkinesis.assembly.docs.DocumentedRoute.runBy;

import java.util.List;

/**
 * Every shell block of README.md and docs/*.md, and how it is run. A block added to the docs fails
 * {@code DocumentedCommandsIT} until it is listed here: with the tests that run it, or with why it cannot run in
 * the build (and what runs in its stead).
 */
final class DocumentedRoutes {

    static final List<DocumentedRoute> ALL = List.of(
            runBy("README.md", "mvn -q -Pdemo -DskipTests package",
                    // The profile runs LocalWordCountDemo; the test runs that program, without building again.
                    "RunExampleIT"),
            runBy("README.md", "mvn -B verify\n", ".ci/run"),
            notRunHere("README.md", "mvn -q install -DskipTests",
                    "installs into ~/.m2 and submits a user's job (my_job.py, my-job.jar) to a Spark installation. "
                            + "PackagesResolutionIT resolves --packages as spark-submit does; AssemblySparkSubmitIT "
                            + "runs the --jars ... --class form through SparkSubmit. The --py-files form with the "
                            + "assembly is run by no test: the build has no PySpark"),
            runBy("README.md", "examples/bin/run-example KinesisWordCount my-word-count", "RunExampleIT"),
            runBy("README.md", "examples/bin/run-example KinesisWordProducer words \"$AWS_ENDPOINT_URL_KINESIS\"",
                    "RunExampleIT"),
            notRunHere("README.md", "spark-submit --master spark://master-host:7077",
                    "a Spark cluster and real Kinesis. AssemblySparkSubmitIT runs the same spark-submit line against "
                            + "the local stack; RunExampleIT runs the producer"),
            notRunHere("README.md", "spark-submit --packages io.github.sparkkinesis:spark-sql-kinesis_2.13",
                    "templates for a Spark installation ('...' is the user's application). PackagesResolutionIT "
                            + "resolves each artifact as --packages does; AssemblySparkSubmitIT and "
                            + "AssemblyStructuredStreamingIT run --jars with the assembly"),
            runBy("README.md", "spark-submit --packages io.github.sparkkinesis:spark-streaming-kinesis-assembly_2.12",
                    // '...' stands for the user's application; the test submits its own with each form.
                    "SparkSubmitOnSpark35IT"),
            notRunHere("README.md", "mvn -B verify -pl spark-lines/spark-4.1 -Dit.test='*IT'",
                    "the full suite again on each other Spark line, after mvn install; mvn -B verify runs the unit "
                            + "tests and one end-to-end read of each API on every line"),
            notRunHere("docs/benchmarks.md", "mvn -Pbenchmark -DskipTests package\n",
                    "the benchmark harness: about 25 minutes, prints figures, asserts nothing"),
            notRunHere("docs/benchmarks.md", "--only source",
                    "the benchmark harness: 10-17 minutes, prints figures, asserts nothing"),
            notRunHere("docs/benchmarks.md", "--only compare --compare-with",
                    "the side-by-side comparison with Spark's connector: about 80 minutes with --runs 3 (Spark's "
                            + "connector takes 80-105 s to its first record in every run), prints figures, asserts "
                            + "nothing. BenchmarkOptionsTest and ChildClassPathTest check its options and class paths"),
            notRunHere("docs/benchmarks.md", "--variant serialized:",
                    "the cost harness: a child JVM per run, minutes each, prints figures, asserts nothing. "
                            + "CostOptionsTest checks its options"),
            notRunHere("docs/benchmarks.md", "benchmarks.cost.JfrBreakdown",
                    "JFR profiles of both connectors' drains, then their breakdown: minutes per run (Spark's "
                            + "connector starts in 80-105 s), prints figures. CpuCategoryTest checks the grouping"),
            notRunHere("docs/scaling.md", "-Dbenchmark.args=\"--only scale\"\n",
                    "the scale harness: about 60 minutes on 2 cores, prints figures, asserts nothing"),
            notRunHere("docs/scaling.md", "--records-per-read 1000",
                    "single runs of the scale harness: 5-10 minutes each, print figures, assert nothing. "
                            + "BudgetedRetrievalStrategyTest runs the receiver budget with 1,000 shards"),
            notRunHere("docs/operations.md", "aws kinesis list-stream-consumers",
                    "the AWS CLI against a real account. StreamConsumerRegistrarIT, EnhancedFanOutIT and "
                            + "EnhancedFanOutSourceIT list, register and deregister consumers with the same API calls "
                            + "on the test kit's fan-out server"),
            // As written, on ports of its own, and each subcommand on its own.
            runBy("docs/local-stack.md", "local-stack/bin/local-stack status", "LocalStackScriptTest"),
            notRunHere("docs/structured-streaming.md", "ASSEMBLY=assembly/target/",
                    "needs a Spark installation's spark-submit on the PATH. KinesisStructuredWordCountIT runs the "
                            + "Java example on the local stack, AssemblyStructuredStreamingIT a format(\"kinesis\") "
                            + "query through SparkSubmit with --jars = the assembly, AssemblySparkSubmitIT the same "
                            + "--jars form with the examples jar; the Python example is run by no test (no PySpark)"),
            runBy("docs/structured-streaming.md", "-Dit.test=KinesisStructuredWordCountIT",
                    "KinesisStructuredWordCountIT"));

    private DocumentedRoutes() {
    }
}
