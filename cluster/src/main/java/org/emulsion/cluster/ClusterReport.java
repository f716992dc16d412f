package org.emulsion.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a cluster run did: each unit's successful attempt (host, executor, attempt number,
 * seconds), every failed attempt with Spark's reason (a lost worker, a unit that failed), and per
 * phase the wall time against the sum of the units' times.
 */
public final class ClusterReport {
    /** A failed task attempt as Spark's listener saw it. */
    public record Failure(int stage, int partition, int attempt, String host, String executor, String reason) {
    }

    private final ObjectNode json;
    private final ArrayNode units;
    private final List<Failure> failures = new ArrayList<>();
    private final Map<Integer, String> stagePhase = new ConcurrentHashMap<>();
    private final List<UnitTask.Result> results = new ArrayList<>();

    ClusterReport(String application, String master, int unitFrames) {
        ObjectMapper mapper = new ObjectMapper();
        json = mapper.createObjectNode();
        json.put("application", application);
        json.put("master", master);
        json.put("unitFrames", unitFrames);
        json.putObject("phases");
        units = json.putArray("units");
    }

    SparkListener listener() {
        return new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (!(end.reason() instanceof Success$)) {
                    synchronized (failures) {
                        failures.add(new Failure(end.stageId(), end.taskInfo().index(), end.taskInfo().attemptNumber(),
                                end.taskInfo().host(), end.taskInfo().executorId(), end.reason().toString()));
                    }
                }
            }
        };
    }

    synchronized void phase(String name, List<UnitTask.Result> done, double wallSeconds) {
        ObjectNode phase = ((ObjectNode) json.get("phases")).putObject(name);
        phase.put("units", done.size());
        phase.put("wallSeconds", wallSeconds);
        phase.put("unitSeconds", done.stream().mapToDouble(UnitTask.Result::seconds).sum());
        for (UnitTask.Result r : done) {
            stagePhase.put(r.stage(), name);
            results.add(r);
            ObjectNode o = units.addObject();
            o.put("phase", name);
            o.put("unit", r.unit());
            o.put("host", r.host());
            o.put("executor", r.executor());
            o.put("attempt", r.attempt());
            o.put("seconds", r.seconds());
        }
    }

    /** The units that succeeded, in plan order per phase. */
    public synchronized List<UnitTask.Result> results() {
        return List.copyOf(results);
    }

    /** The failed attempts Spark retried. */
    public List<Failure> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    void write(Path file) throws IOException {
        ArrayNode failed = json.putArray("failedAttempts");
        for (Failure f : failures()) {
            ObjectNode o = failed.addObject();
            o.put("phase", stagePhase.getOrDefault(f.stage(), "stage " + f.stage()));
            o.put("partition", f.partition());
            o.put("attempt", f.attempt());
            o.put("host", f.host());
            o.put("executor", f.executor());
            o.put("reason", f.reason());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(partial.toFile(), json);
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
