package io.github.sparkkinesis.assembly.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every documented route is one that runs: each shell block of README.md and docs/*.md names only modules,
 * profiles, tests, scripts, subcommands, examples, paths, classes and artifacts that this build has, and is either
 * run by tests of the build or listed, with the reason, as one that cannot run here ({@link DocumentedRoutes}).
 * An integration test of the assembly module because the jars the docs name (the assembly, the examples jar) are
 * built by then; it reads files only, in about a second, and builds nothing.
 */
class DocumentedCommandsIT {

    private static ProjectTree project;
    private static List<CommandBlock> blocks;

    @BeforeAll
    static void readTheDocs() {
        project = new ProjectTree(Paths.get(System.getProperty("sparkkinesis.repository.root")));
        blocks = new ArrayList<>(CommandBlock.in(project.root(), project.root().resolve("README.md")));
        try (Stream<Path> docs = Files.list(project.root().resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted()
                    .forEach(doc -> blocks.addAll(CommandBlock.in(project.root(), doc)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everythingTheCommandsNameExists() {
        List<String> problems = new ArrayList<>();
        for (CommandBlock block : blocks) {
            CommandCheck check = new CommandCheck(project);
            check.check(block);
            System.out.println(block.where() + " `" + block.firstCommand() + "`: "
                    + check.checked().size() + " checked " + check.checked());
            problems.addAll(check.problems());
        }
        assertThat(blocks).as("shell blocks found").hasSizeGreaterThan(5);
        assertThat(problems).as("what the documented commands name but the build does not have").isEmpty();
    }

    @Test
    void everyBlockIsRunByTestsOrSaysWhyItCannotRunHere() {
        List<String> problems = new ArrayList<>();
        for (CommandBlock block : blocks) {
            List<DocumentedRoute> routes = DocumentedRoutes.ALL.stream().filter(route -> route.matches(block))
                    .toList();
            if (routes.size() != 1) {
                problems.add(block.where() + " `" + block.firstCommand() + "` matches " + routes.size()
                        + " entries of DocumentedRoutes instead of one: list it, with the tests that run it or why "
                        + "none can");
                continue;
            }
            DocumentedRoute route = routes.get(0);
            System.out.println(block.where() + " `" + block.firstCommand() + "`: " + route.describe());
            for (String runner : route.runBy()) {
                if (!project.isTestClass(runner) && !project.exists(runner)) {
                    problems.add(block.where() + " is said to be run by " + runner + ", which does not exist");
                }
            }
        }
        for (DocumentedRoute route : DocumentedRoutes.ALL) {
            if (blocks.stream().noneMatch(route::matches)) {
                problems.add("DocumentedRoutes lists a block of " + route.file() + " with '" + route.fragment()
                        + "' that is not there any more: remove or update the entry");
            }
        }
        assertThat(problems).isEmpty();
    }
}
