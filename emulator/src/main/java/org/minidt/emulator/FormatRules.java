package org.minidt.emulator;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minidt.common.DaqFormat;
import org.minidt.common.UserError;

/**
 * Which {@link DaqFormat} each object is written in: a default plus overrides by name prefix (the longest
 * matching prefix wins). Explicit rather than guessed: a firmware-2020 file and a course file can both
 * start with HEAD-1 rows, so the format cannot be told from the data.
 *
 * @param byPrefix object name prefix (S3 key, local path or announced file name) to format
 */
public record FormatRules(DaqFormat defaultFormat, Map<String, DaqFormat> byPrefix) {

    public FormatRules {
        byPrefix = Map.copyOf(byPrefix);
    }

    public static FormatRules of(DaqFormat defaultFormat) {
        return new FormatRules(defaultFormat, Map.of());
    }

    /** Parses the command line form: a default format id and overrides written {@code PREFIX=FORMAT}. */
    static FormatRules parse(String defaultFormat, List<String> overrides) {
        Map<String, DaqFormat> byPrefix = new HashMap<>();
        for (String o : overrides) {
            int eq = o.lastIndexOf('=');
            if (eq <= 0) {
                throw new UserError("--format-for '" + o + "' is not PREFIX=FORMAT, e.g. run000591/=firmware-2020");
            }
            byPrefix.put(o.substring(0, eq), DaqFormat.fromId(o.substring(eq + 1)));
        }
        return new FormatRules(DaqFormat.fromId(defaultFormat), byPrefix);
    }

    /** The format of the object called {@code name}. */
    DaqFormat formatOf(String name) {
        return byPrefix.entrySet().stream()
                .filter(e -> name.startsWith(e.getKey()))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue)
                .orElse(defaultFormat);
    }
}
