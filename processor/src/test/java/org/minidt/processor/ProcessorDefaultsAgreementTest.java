package org.minidt.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.minidt.common.KafkaOption;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Each processor default has one source, {@code ProcessorConfig}'s constants: the command line, the options table
 * of docs/processor.md and docker-compose.yml must agree with it.
 */
class ProcessorDefaultsAgreementTest {
    private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:(MINIDT_[A-Z_]+):-(.*)}");

    @Test
    void theCommandLineDefaultsAreProcessorConfigDefaults() {
        ProcessorMain main = new ProcessorMain();
        new CommandLine(main).parseArgs();
        ProcessorConfig parsed = main.config();
        assertThat(parsed).isEqualTo(ProcessorConfig.defaults(parsed.bootstrapServers(), Path.of(ProcessorConfig.DEFAULT_STATE_DIR)));
    }

    @Test
    void theDocsTableListsEveryOptionWithItsEnvironmentVariableAndDefault() throws IOException {
        Map<String, String[]> docs = new LinkedHashMap<>();
        for (String row : Files.readAllLines(DaqFiles.repoFile("docs/processor.md"), StandardCharsets.UTF_8)) {
            String[] cells = row.split("\\|");
            if (cells.length > 4 && cells[1].strip().startsWith("`--")) {
                List<String> flags = backticked(cells[1]);
                List<String> envs = backticked(cells[2]);
                for (int i = 0; i < flags.size(); i++) {
                    String first = envs.get(0);
                    // "MINIDT_DRIFT_MIN_NS, ..._MAX_NS": the shorthand repeats the first name up to its last two parts.
                    String env = envs.get(i).startsWith("...")
                            ? first.substring(0, first.lastIndexOf('_', first.lastIndexOf('_') - 1)) + envs.get(i).substring(3) : envs.get(i);
                    List<String> defaults = backticked(cells[3]);
                    docs.put(flags.get(i), new String[] {env, defaults.isEmpty() ? "" : defaults.get(Math.min(i, defaults.size() - 1))});
                }
            }
        }
        Map<String, Option> options = options();
        assertThat(options).hasSizeGreaterThan(15);
        options.forEach((flag, option) -> {
            Matcher m = ENV_DEFAULT.matcher(option.defaultValue());
            assertThat(m.matches()).as(flag + " default names its environment variable").isTrue();
            assertThat(docs).as("docs/processor.md lists " + flag).containsKey(flag);
            assertThat(docs.get(flag)[0]).as(flag + " environment variable").isEqualTo(m.group(1));
            assertSameValue(flag, docs.get(flag)[1], m.group(2));
        });
    }

    @Test
    void dockerComposeSetsOnlyKnownProcessorSettingsAndRestatesNoDefault() throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Option option : options().values()) {
            Matcher m = ENV_DEFAULT.matcher(option.defaultValue());
            if (m.matches()) {
                defaults.put(m.group(1), m.group(2));
            }
        }
        Map<String, String> compose = processorEnvironment(Files.readAllLines(DaqFiles.repoFile("docker-compose.yml"), StandardCharsets.UTF_8));
        assertThat(compose).as("the processor service's settings").isNotEmpty();
        compose.forEach((env, value) -> {
            assertThat(defaults).as(env + " is a processor setting").containsKey(env);
            assertThat(value).as(env + " restates its default: leave it out").isNotEqualTo(defaults.get(env));
        });
    }

    /** The service's options by flag, as declared (default strings before picocli resolves the environment). */
    private static Map<String, Option> options() {
        Map<String, Option> options = new LinkedHashMap<>();
        for (Class<?> type : List.of(ProcessorMain.class, KafkaOption.class)) {
            for (Field field : type.getDeclaredFields()) {
                Option option = field.getAnnotation(Option.class);
                if (option != null) {
                    options.put(option.names()[0], option);
                }
            }
        }
        return options;
    }

    /** MINIDT_ variables of the {@code processor:} service (its own environment block, not the shared anchors). */
    private static Map<String, String> processorEnvironment(List<String> lines) {
        Map<String, String> env = new LinkedHashMap<>();
        boolean inProcessor = false;
        for (String line : lines) {
            if (line.matches("^  [a-z-]+:\\s*$")) {
                inProcessor = line.strip().equals("processor:");
            } else if (inProcessor && line.strip().startsWith("MINIDT_")) {
                String[] kv = line.strip().split(":\\s*", 2);
                env.put(kv[0], kv[1].replace("\"", "").strip());
            }
        }
        return env;
    }

    private static void assertSameValue(String flag, String documented, String actual) {
        if (actual.isEmpty()) {
            assertThat(documented).as(flag + " default").isIn("", "none");
        } else if (actual.matches("-?\\d+(\\.\\d+)?(,-?\\d+(\\.\\d+)?)*")) {
            double[] a = List.of(actual.split(",")).stream().mapToDouble(Double::parseDouble).toArray();
            double[] d = List.of(documented.split(",")).stream().mapToDouble(Double::parseDouble).toArray();
            assertThat(d).as(flag + " default").containsExactly(a);
        } else {
            assertThat(documented).as(flag + " default").isEqualTo(actual);
        }
    }

    private static List<String> backticked(String cell) {
        return Pattern.compile("`([^`]*)`").matcher(cell).results().map(r -> r.group(1)).toList();
    }
}
