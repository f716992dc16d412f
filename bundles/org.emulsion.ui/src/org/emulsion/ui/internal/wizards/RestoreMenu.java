package org.emulsion.ui.internal.wizards;

import java.util.Map;

import org.eclipse.jface.action.IContributionItem;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.CompoundContributionItem;
import org.eclipse.ui.menus.CommandContributionItem;
import org.eclipse.ui.menus.CommandContributionItemParameter;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowRegistry;

/** The Restore menu: one wizard per installed workflow, so installing or removing a workflow's feature adds or removes its wizard. */
public final class RestoreMenu extends CompoundContributionItem {

    @Override
    protected IContributionItem[] getContributionItems() {
        return WorkflowRegistry.get().all().stream().map(RestoreMenu::item).toArray(IContributionItem[]::new);
    }

    private static IContributionItem item(WorkflowContribution workflow) {
        CommandContributionItemParameter p = new CommandContributionItemParameter(PlatformUI.getWorkbench(), null,
                RestoreHandler.COMMAND, CommandContributionItem.STYLE_PUSH);
        p.label = workflow.name() + "\u2026";
        p.tooltip = workflow.description();
        p.parameters = Map.of(RestoreHandler.WORKFLOW, workflow.id());
        return new CommandContributionItem(p);
    }
}
