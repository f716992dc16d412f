package org.emulsion.ui.internal.preferences;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.ComboFieldEditor;
import org.eclipse.jface.preference.DirectoryFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.preference.RadioGroupFieldEditor;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.emulsion.core.EmulsionPreferences;
import org.emulsion.core.EmulsionPreferences.ComputeDevice;
import org.emulsion.ui.internal.Labels;

/**
 * Preferences > Emulsion: device, work folder, native cache folder, default output format. The
 * values go to core's preference node ({@link EmulsionPreferences}), where the engine, the wizards
 * and the workbench read them.
 */
public final class EmulsionPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {
    public static final String ID = "org.emulsion.ui.preferences.emulsion";

    public EmulsionPreferencePage() {
        super(GRID);
        setDescription(Labels.get("preferences.description"));
    }

    @Override
    public void init(IWorkbench workbench) {
        // the store is made in doGetPreferenceStore()
    }

    @Override
    protected IPreferenceStore doGetPreferenceStore() {
        return new ScopedPreferenceStore(InstanceScope.INSTANCE, EmulsionPreferences.QUALIFIER);
    }

    @Override
    protected void createFieldEditors() {
        Composite parent = getFieldEditorParent();
        addField(new RadioGroupFieldEditor(EmulsionPreferences.DEVICE, Labels.get("preferences.device"), 1, new String[][] {
                {Labels.get("preferences.device.auto"), ComputeDevice.AUTO.id()},
                {Labels.get("preferences.device.cpu"), ComputeDevice.CPU.id()},
                {Labels.get("preferences.device.gpu"), ComputeDevice.GPU.id()}}, parent, true));
        addField(new FolderFieldEditor(EmulsionPreferences.WORK_FOLDER, Labels.get("preferences.workFolder"), parent));
        addField(new FolderFieldEditor(EmulsionPreferences.CACHE_FOLDER, Labels.get("preferences.cacheFolder"), parent));
        addField(new ComboFieldEditor(EmulsionPreferences.OUTPUT_FORMAT, Labels.get("preferences.outputFormat"), new String[][] {
                {Labels.get("preferences.outputFormat.tiff"), "tiff"},
                {Labels.get("preferences.outputFormat.dpx"), "dpx"},
                {Labels.get("preferences.outputFormat.exr"), "exr"}}, parent));
    }

    /**
     * A folder that need not exist yet (it is created when first used), but must be an absolute
     * path: {@link DirectoryFieldEditor} alone insists on an existing one.
     */
    private static final class FolderFieldEditor extends DirectoryFieldEditor {
        FolderFieldEditor(String name, String label, Composite parent) {
            super(name, label, parent);
            setEmptyStringAllowed(false);
            setErrorMessage(Labels.get("preferences.error.folder", label.replace("&", "").replace(":", "")));
        }

        @Override
        protected boolean doCheckState() {
            try {
                return Path.of(getStringValue().trim()).isAbsolute();
            } catch (InvalidPathException e) {
                return false;
            }
        }
    }
}
