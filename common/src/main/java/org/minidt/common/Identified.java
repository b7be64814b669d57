package org.minidt.common;

import java.util.Arrays;
import java.util.List;

/** An enum constant known by an id in flags, environment variables and messages (e.g. "time-window"). */
public interface Identified {
    String id();

    /**
     * The constant of {@code type} with this id (ignoring case).
     *
     * @param what what the id names, for the message ("matching rule", "DAQ format")
     * @throws UserError naming the unknown id and the known ones
     */
    static <E extends Enum<E> & Identified> E fromId(Class<E> type, String id, String what) {
        E[] values = type.getEnumConstants();
        return Arrays.stream(values).filter(v -> v.id().equalsIgnoreCase(id)).findFirst().orElseThrow(() -> {
            List<String> ids = Arrays.stream(values).map(v -> "'" + v.id() + "'").toList();
            String known = ids.size() == 1 ? ids.get(0)
                    : String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1);
            return new UserError("unknown " + what + " '" + id + "': use " + known);
        });
    }
}
