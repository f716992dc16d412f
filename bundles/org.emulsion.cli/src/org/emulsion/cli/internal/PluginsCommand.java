package org.emulsion.cli.internal;

import java.io.PrintStream;

import org.emulsion.core.extensions.Contribution;
import org.emulsion.core.extensions.ContributionProblem;
import org.emulsion.core.extensions.ContributionRegistry;
import org.emulsion.pipeline.Installed;
import org.emulsion.pipeline.JsonFiles;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** {@code plugins [--json]}: what is installed, per extension point, and what was rejected. */
final class PluginsCommand {
    private PluginsCommand() {
    }

    static int run(boolean json, PrintStream out) {
        JsonArray points = new JsonArray();
        for (ContributionRegistry<?, ?> registry : Installed.registries()) {
            JsonObject point = new JsonObject();
            point.addProperty("extensionPoint", registry.extensionPointId());
            JsonArray contributions = new JsonArray();
            for (Contribution<?> c : registry.all()) {
                JsonObject o = new JsonObject();
                o.addProperty("id", c.id());
                o.addProperty("name", c.name());
                o.addProperty("bundle", c.bundle());
                o.addProperty("class", c.className());
                o.addProperty("description", c.description());
                contributions.add(o);
            }
            point.add("contributions", contributions);
            JsonArray problems = new JsonArray();
            for (ContributionProblem p : registry.problems()) {
                JsonObject o = new JsonObject();
                o.addProperty("bundle", p.bundle());
                o.addProperty("id", p.contributionId());
                o.addProperty("problem", p.message());
                problems.add(o);
            }
            point.add("rejected", problems);
            points.add(point);
        }
        if (json) {
            JsonObject root = new JsonObject();
            root.add("extensionPoints", points);
            out.println(JsonFiles.toJson(root));
            return CliApplication.OK;
        }
        for (var element : points) {
            JsonObject point = element.getAsJsonObject();
            out.println(point.get("extensionPoint").getAsString());
            for (var c : point.getAsJsonArray("contributions")) {
                JsonObject o = c.getAsJsonObject();
                out.printf("  %-36s %-44s [%s]%n", o.get("id").getAsString(), o.get("name").getAsString(), o.get("bundle").getAsString());
            }
            for (var p : point.getAsJsonArray("rejected")) {
                JsonObject o = p.getAsJsonObject();
                out.printf("  REJECTED %s from %s: %s%n", o.get("id").getAsString(), o.get("bundle").getAsString(), o.get("problem").getAsString());
            }
        }
        return CliApplication.OK;
    }
}
