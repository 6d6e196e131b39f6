package io.svcctl.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
    @Test
    void aNamedCommandIsTheOnlyOneModelled() {
        assertThat(Main.commandLine(new String[] {"start", "web"}).getSubcommands()).containsOnlyKeys("start");
        assertThat(Main.commandLine(new String[] {"--debug", "ls", "--json"}).getSubcommands())
                .containsOnlyKeys("list", "ls");
        assertThat(Main.commandLine(new String[] {"image", "rm", "x"}).getSubcommands()).containsOnlyKeys("image");
        assertThat(Main.commandLine(new String[] {"--version"}).getSubcommands()).isEmpty();
    }

    @Test
    void theCommandsAnswerToTheNamesTheirAnnotationsGive() {
        Map<Class<?>, Set<String>> listed = new LinkedHashMap<>();
        Main.COMMANDS.forEach(e -> listed.computeIfAbsent(e.getValue(), c -> new TreeSet<>()).add(e.getKey()));
        listed.forEach((command, names) -> {
            CommandLine.Command annotation = command.getAnnotation(CommandLine.Command.class);
            Set<String> annotated = new TreeSet<>(List.of(annotation.aliases()));
            annotated.add(annotation.name());
            assertThat(names).as(command.getName()).isEqualTo(annotated);
        });
        assertThat(Main.COMMANDS.stream().map(Map.Entry::getKey)).doesNotHaveDuplicates();
    }

    @Test
    void helpCompletionAndUnknownNamesGetTheWholeTree() {
        int all = Main.commandLine().getSubcommands().size();
        assertThat(all).isGreaterThan(25);
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "start"}, {"generate-completion"}, {"strat"}}) {
            assertThat(Main.commandLine(args).getSubcommands()).as(String.join(" ", args)).hasSize(all);
        }
    }

    @Test
    void anUnknownCommandIsAUsageErrorThatSuggestsTheRealOne() {
        CommandLine cl = Main.commandLine(new String[] {"strat", "web"});
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("strat", "web")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("strat").contains("Did you mean: svcctl status");
    }

    @Test
    void theLazyCommandLineParsesLikeTheWholeTree() {
        String[] args = {"--debug", "create", "web", "--image", "busybox", "--env", "A=1", "--", "httpd", "-f"};
        CommandLine.ParseResult lazy = Main.commandLine(args).parseArgs(args);
        CommandLine.ParseResult whole = Main.commandLine().parseArgs(args);
        assertThat(lazy.subcommand().matchedArgs().toString()).isEqualTo(whole.subcommand().matchedArgs().toString());
    }
}
