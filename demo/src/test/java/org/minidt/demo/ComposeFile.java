package org.minidt.demo;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Reads docker-compose.yml as Compose would for what the tests need: a service's environment, anchors and merges resolved. */
final class ComposeFile {
    private final Map<String, Object> services;

    @SuppressWarnings("unchecked")
    ComposeFile(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            Map<String, Object> root = new Yaml().load(in);
            this.services = (Map<String, Object>) root.get("services");
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, String> environment(String service) {
        Map<String, Object> s = (Map<String, Object>) services.get(service);
        if (s == null) {
            throw new IllegalArgumentException("no service '" + service + "' in the compose file");
        }
        Map<String, String> env = new LinkedHashMap<>();
        Object e = s.get("environment");
        if (e instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(k.toString(), String.valueOf(v)));
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    String buildModule(String service) {
        Map<String, Object> s = (Map<String, Object>) services.get(service);
        Map<String, Object> build = (Map<String, Object>) s.get("build");
        return ((Map<String, Object>) build.get("args")).get("MODULE").toString();
    }
}
