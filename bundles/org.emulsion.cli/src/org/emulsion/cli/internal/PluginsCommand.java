package org.emulsion.cli.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.emulsion.cli.CommandRegistry;
import org.emulsion.core.extensions.Contribution;
import org.emulsion.core.extensions.ContributionProblem;
import org.emulsion.core.extensions.ContributionRegistry;
import org.emulsion.pipeline.Installed;
import org.emulsion.core.JsonFiles;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * {@code plugins [--json]}: what is installed, per extension point, and what was rejected; and the
 * workflows' wizard pages with whether the workbench can show them here (an installation without
 * the workbench lists them as not loadable).
 */
final class PluginsCommand {
    /** The workbench's extension point for a workflow's wizard pages (declared by org.emulsion.ui, which the command line does not import). */
    private static final String WIZARDS_POINT = "org.emulsion.ui.workflowWizards";

    private PluginsCommand() {
    }

    static int run(boolean json, PrintStream out) {
        JsonArray points = new JsonArray();
        List<ContributionRegistry<?, ?>> registries = new ArrayList<>(Installed.registries());
        registries.add(CommandRegistry.get()); // the command line's own point
        for (ContributionRegistry<?, ?> registry : registries) {
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
        JsonArray wizards = wizardPages();
        if (json) {
            JsonObject root = new JsonObject();
            root.add("extensionPoints", points);
            root.add("wizardPages", wizards);
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
        out.println(WIZARDS_POINT + " (the workbench's Restore wizard pages)" + (wizards.isEmpty() ? ": none here" : ""));
        for (var w : wizards) {
            JsonObject o = w.getAsJsonObject();
            out.printf("  %-36s %-44s [%s]%s%n", o.get("workflow").getAsString(), o.get("class").getAsString(), o.get("bundle").getAsString(),
                    o.get("loadable").getAsBoolean() ? "" : " not loadable here (needs the workbench, org.emulsion.ui)");
        }
        return CliApplication.OK;
    }

    /**
     * Every {@code wizardPages} element of the workbench's wizard pages extension point. Their classes are only
     * loaded, never instantiated: a headless installation has no display.
     */
    private static JsonArray wizardPages() {
        JsonArray list = new JsonArray();
        // declared by org.emulsion.ui: a headless installation has none
        for (IConfigurationElement e : Platform.getExtensionRegistry().getConfigurationElementsFor(WIZARDS_POINT)) {
            if (!e.getName().equals("wizardPages")) {
                continue;
            }
            String bundle = e.getContributor().getName();
            String type = String.valueOf(e.getAttribute("class"));
            boolean loadable;
            try {
                var osgi = Platform.getBundle(bundle);
                loadable = osgi != null && osgi.loadClass(type) != null;
            } catch (ClassNotFoundException | LinkageError | IllegalStateException ex) {
                loadable = false;
            }
            JsonObject o = new JsonObject();
            o.addProperty("workflow", String.valueOf(e.getAttribute("workflow")));
            o.addProperty("bundle", bundle);
            o.addProperty("class", type);
            o.addProperty("loadable", loadable);
            list.add(o);
        }
        return list;
    }
}
