package org.emulsion.ui.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IExtensionPoint;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.RegistryFactory;
import org.emulsion.core.extensions.Contribution;
import org.emulsion.core.extensions.ContributionProblem;
import org.emulsion.core.extensions.ContributionRegistry;
import org.emulsion.pipeline.Installed;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowOption;

/**
 * What the plugins view lists, read from Emulsion's registries: one line per extension point with
 * its accepted contributions below (workflows with their options), then the rejected
 * contributions, if there are any. Uses no SWT.
 */
final class ContributionTree {
    private ContributionTree() {
    }

    static List<Row> build() {
        IExtensionRegistry extensions = RegistryFactory.getRegistry();
        List<Row> rows = new ArrayList<>();
        List<ContributionProblem> problems = new ArrayList<>();
        for (ContributionRegistry<?, ?> registry : Installed.registries()) {
            rows.add(extensionPoint(extensions, registry));
            problems.addAll(registry.problems());
        }
        if (!problems.isEmpty()) {
            rows.add(new Row(Row.Kind.PROBLEMS, Labels.get("problems.name"), "", "", Labels.get("problems.description"),
                    problems.stream().map(ContributionTree::problem).toList()));
        }
        return rows;
    }

    private static Row extensionPoint(IExtensionRegistry extensions, ContributionRegistry<?, ?> registry) {
        String id = registry.extensionPointId();
        IExtensionPoint point = extensions == null ? null : extensions.getExtensionPoint(id);
        // The label is the extension point's name, translated through its bundle's plugin.properties.
        String label = point == null || point.getLabel().isBlank() ? id : point.getLabel();
        String bundle = point == null ? "" : point.getContributor().getName();
        List<Row> contributions = registry.all().stream().map(ContributionTree::contribution).toList();
        String count = switch (contributions.size()) {
            case 0 -> Labels.get("extensionPoint.count.none");
            case 1 -> Labels.get("extensionPoint.count.one");
            default -> Labels.get("extensionPoint.count.many", contributions.size());
        };
        return new Row(Row.Kind.EXTENSION_POINT, label, id, bundle, count, contributions);
    }

    private static Row contribution(Contribution<?> contribution) {
        List<Row> options = contribution instanceof WorkflowContribution workflow
                ? workflow.options().stream().map(ContributionTree::option).toList()
                : List.of();
        return new Row(Row.Kind.CONTRIBUTION, contribution.name(), contribution.id(), contribution.bundle(),
                contribution.description(), options);
    }

    private static Row option(WorkflowOption option) {
        String type = option.required() ? Labels.get("option.required", option.type())
                : Labels.get("option.optional", option.type(), option.defaultValue());
        String description = option.description().isBlank() ? type
                : Labels.get("option.describedAs", option.description(), type);
        return Row.leaf(Row.Kind.OPTION, option.name(), "", "", description);
    }

    private static Row problem(ContributionProblem problem) {
        String name = problem.contributionId().isEmpty() ? Labels.get("problem.noId") : problem.contributionId();
        return Row.leaf(Row.Kind.PROBLEM, name, problem.extensionPoint(), problem.bundle(), problem.message());
    }
}
