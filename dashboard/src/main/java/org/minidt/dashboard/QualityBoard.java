package org.minidt.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.minidt.common.QualityReference;
import org.minidt.common.QualityVerdict;

/**
 * What the page shows of minidt.quality: per run, the newest verdict of each scope and check for the newest window
 * and for the run so far, the quality-versus-time strip of each summary (detector, chamber N), and the stale-input
 * state; and the references by setup. Thread-safe: the feed writes, HTTP requests read.
 */
final class QualityBoard {
    /** Runs kept, newest first dropped last. */
    static final int MAX_RUNS = 4;
    /** Points per strip: an hour of 1 s windows. */
    static final int MAX_STRIP_POINTS = 3600;

    /** One point of a quality strip. */
    record StripPoint(long index, long wallEndMs, String quality, String reason) {
    }

    private static final class RunQuality {
        long windowIndex = Long.MIN_VALUE;
        final Map<String, QualityVerdict> window = new LinkedHashMap<>();
        final Map<String, QualityVerdict> runSoFar = new LinkedHashMap<>();
        final Map<String, List<StripPoint>> strips = new TreeMap<>();
        QualityVerdict input;
    }

    private final Map<String, RunQuality> runs = new LinkedHashMap<>();
    private final Map<String, QualityReference> references = new TreeMap<>();
    private String newestRun;

    synchronized void verdict(QualityVerdict v) {
        RunQuality r = runs.get(v.run());
        if (r == null) {
            r = new RunQuality();
            runs.put(v.run(), r);
            while (runs.size() > MAX_RUNS) {
                runs.remove(runs.keySet().iterator().next());
            }
        }
        newestRun = v.run();
        // Cell labels repeat in every chamber: the chamber is part of the key.
        String key = v.scope().kind() + "|" + v.scope().chamber() + "|" + v.scope().label() + "|" + v.check();
        if ("input".equals(v.check())) {
            r.input = v;
        } else if (QualityVerdict.Span.RUN.equals(v.span().kind())) {
            r.runSoFar.put(key, v);
        } else {
            if (v.span().lastIndex() > r.windowIndex) {
                r.windowIndex = v.span().lastIndex();
                r.window.clear();
            }
            if (v.span().lastIndex() == r.windowIndex) {
                r.window.put(key, v);
            }
            if ("summary".equals(v.check())) {
                List<StripPoint> strip = r.strips.computeIfAbsent(v.scope().label(), k -> new ArrayList<>());
                strip.removeIf(p -> p.index() == v.span().lastIndex()); // a revised window's verdict replaces the earlier one
                strip.add(new StripPoint(v.span().lastIndex(), v.span().wallEndMs(), v.quality().name(), v.reason()));
                strip.sort((a, b) -> Long.compare(a.index(), b.index()));
                if (strip.size() > MAX_STRIP_POINTS) {
                    strip.remove(0);
                }
            }
        }
    }

    synchronized void reference(String setup, QualityReference reference) {
        if (reference == null) {
            references.remove(setup);
        } else {
            references.put(setup, reference);
        }
    }

    synchronized QualityReference reference(String setup) {
        return references.get(setup);
    }

    /** The page's view of run {@code run} (the newest when null), or null when there is no verdict of it. */
    synchronized Map<String, Object> view(String run, String setup) {
        String name = run == null ? newestRun : run;
        RunQuality r = name == null ? null : runs.get(name);
        if (r == null) {
            return null;
        }
        QualityReference ref = references.get(setup);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run", name);
        body.put("runs", new ArrayList<>(runs.keySet()));
        body.put("reference", ref == null ? null : Map.of("setup", ref.setup(), "run", ref.run(), "created_ms", ref.createdMs(),
                "windows", ref.span().windows(), "seconds", ref.span().seconds()));
        body.put("window_index", r.windowIndex);
        body.put("window", new ArrayList<>(r.window.values()));
        body.put("run_so_far", new ArrayList<>(r.runSoFar.values()));
        body.put("strips", r.strips);
        body.put("input", r.input);
        return body;
    }
}
