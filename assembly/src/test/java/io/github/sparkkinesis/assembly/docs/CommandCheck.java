package io.github.sparkkinesis.assembly.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks that what the commands of one block name exists: for {@code mvn}, the modules of {@code -pl}, the
 * profiles of {@code -P}, the tests of {@code -Dtest}/{@code -Dit.test} and the phases; for the local-stack script,
 * its subcommand; for {@code examples/bin/run-example}, the example; for {@code spark-submit}, the jars and files it
 * is given, the {@code --class} in the application jar, and each {@code --packages} coordinate as an artifact of
 * this build at its version; for every command, each path into the repository. What it checked and what is wrong
 * are kept for the report.
 */
final class CommandCheck {

    private static final Set<String> MAVEN_PHASES = Set.of("clean", "validate", "compile", "test-compile", "test",
            "package", "integration-test", "verify", "install", "deploy");
    /** spark-submit options followed by a value; any other option is a flag. */
    private static final Set<String> SPARK_SUBMIT_VALUED = Set.of("--master", "--deploy-mode", "--class", "--name",
            "--jars", "--packages", "--exclude-packages", "--repositories", "--py-files", "--files", "--archives",
            "--conf", "-c", "--properties-file", "--driver-memory", "--driver-java-options", "--driver-library-path",
            "--driver-class-path", "--executor-memory", "--proxy-user", "--driver-cores", "--total-executor-cores",
            "--executor-cores", "--num-executors", "--queue", "--principal", "--keytab");
    /** What {@code -Dtest=} is given to run no unit test at all. */
    private static final Set<String> NO_TEST = Set.of("none", "NoSuch");

    private final ProjectTree project;
    private final List<String> checked = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    CommandCheck(ProjectTree project) {
        this.project = project;
    }

    /** Checks each command of {@code block}, with the variables the block sets substituted. */
    void check(CommandBlock block) {
        ShellVariables variables = new ShellVariables();
        for (String command : block.commands()) {
            List<String> words = new ArrayList<>();
            for (String word : ShellWords.split(command)) {
                words.add(variables.substitute(word));
            }
            while (!words.isEmpty() && variables.assign(words.get(0))) {
                words.remove(0);
            }
            checkCommand(block.where(), words, variables);
        }
    }

    List<String> checked() {
        return List.copyOf(checked);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    private void checkCommand(String where, List<String> words, ShellVariables variables) {
        if (words.isEmpty()) {
            return;
        }
        String program = words.get(0);
        List<String> arguments = words.subList(1, words.size());
        arguments.forEach(word -> checkPath(where, word));
        switch (program) {
            case "mvn" -> checkMaven(where, arguments);
            case "local-stack/bin/local-stack" -> checkLocalStack(where, arguments);
            case "examples/bin/run-example" -> checkRunExample(where, arguments);
            case "spark-submit" -> checkSparkSubmit(where, arguments);
            case "export" -> arguments.forEach(variables::assign);
            case "eval" -> checkEval(where, arguments, variables);
            // The AWS CLI against the user's account (e.g. listing enhanced fan-out consumers): nothing of this
            // build to find.
            case "aws" -> checked.add("aws "
                    + String.join(" ", arguments.subList(0, Math.min(2, arguments.size()))));
            default -> problems.add(where + ": no check for program '" + program + "'; teach CommandCheck what "
                    + "it must find, or use a command of this repository");
        }
    }

    private void checkMaven(String where, List<String> arguments) {
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("-pl") || argument.equals("--projects")) {
                String modules = i + 1 < arguments.size() ? arguments.get(++i) : "";
                for (String module : modules.split(",")) {
                    expect(where, project.isModule(module), "module " + module);
                }
            } else if (argument.startsWith("-P")) {
                for (String profile : argument.substring(2).split(",")) {
                    expect(where, project.isProfile(profile), "profile " + profile);
                }
            } else if (argument.startsWith("-Dtest=") || argument.startsWith("-Dit.test=")) {
                for (String test : argument.substring(argument.indexOf('=') + 1).split(",")) {
                    if (!test.contains("*") && !NO_TEST.contains(test)) {
                        expect(where, project.isTestClass(test), "test " + test);
                    }
                }
            } else if (!argument.startsWith("-") && !argument.contains(":")) {
                expect(where, MAVEN_PHASES.contains(argument), "Maven phase " + argument);
            }
        }
    }

    private void checkLocalStack(String where, List<String> arguments) {
        String subcommand = arguments.isEmpty() ? "(none)" : arguments.get(0);
        expect(where, project.localStackSubcommands().contains(subcommand), "local-stack subcommand " + subcommand);
    }

    private void checkRunExample(String where, List<String> arguments) {
        String example = arguments.isEmpty() ? "(none)" : arguments.get(0);
        expect(where, project.exists("examples/src/main/java/io/github/sparkkinesis/examples/" + example + ".java"),
                "example " + example);
    }

    private void checkSparkSubmit(String where, List<String> arguments) {
        String mainClass = null;
        int i = 0;
        for (; i < arguments.size() && arguments.get(i).startsWith("-"); i++) {
            String option = arguments.get(i);
            if (!SPARK_SUBMIT_VALUED.contains(option)) {
                continue;
            }
            if (i + 1 >= arguments.size()) {
                problems.add(where + ": spark-submit option " + option + " has no value");
                return;
            }
            String value = arguments.get(++i);
            if (option.equals("--class")) {
                mainClass = value;
            } else if (option.equals("--packages")) {
                for (String coordinate : value.split(",")) {
                    checkCoordinate(where, coordinate);
                }
            }
        }
        String application = i < arguments.size() ? arguments.get(i) : null;
        if (mainClass != null && application != null && application.endsWith(".jar")
                && project.looksLikeProjectPath(application) && project.exists(application)) {
            expect(where, project.jarHoldsClass(application, mainClass), "class " + mainClass + " in " + application);
        }
    }

    private void checkCoordinate(String where, String coordinate) {
        String[] parts = coordinate.split(":");
        boolean ours = parts.length == 3 && parts[0].equals("io.github.sparkkinesis");
        expect(where, ours && project.isArtifact(parts[1]) && parts[2].equals(project.version()),
                "artifact " + coordinate + " of this build (version " + project.version() + ")");
    }

    /** {@code eval "$(command)"}: the command inside. */
    private void checkEval(String where, List<String> arguments, ShellVariables variables) {
        String text = String.join(" ", arguments);
        if (text.startsWith("$(") && text.endsWith(")")) {
            List<String> inner = new ArrayList<>(ShellWords.split(text.substring(2, text.length() - 1)));
            checkCommand(where, inner, variables);
        } else {
            problems.add(where + ": eval of something other than a command's output: " + text);
        }
    }

    private void checkPath(String where, String word) {
        for (String part : word.split(",")) {
            if (project.looksLikeProjectPath(part)) {
                expect(where, project.exists(part), "path " + part);
            }
        }
    }

    private void expect(String where, boolean holds, String what) {
        if (holds) {
            checked.add(what);
        } else {
            problems.add(where + ": no " + what);
        }
    }
}
