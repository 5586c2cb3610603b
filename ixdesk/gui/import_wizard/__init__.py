"""The import wizard (``wizard.ImportWizard``) and the ways into it (``ImportLauncher``).

Only the launcher is imported here: the wizard, and the spreadsheet libraries
behind it, load when an import is first started.
"""

from __future__ import annotations

from ixdesk.gui.import_wizard.install import ImportLauncher

__all__ = ["ImportLauncher"]
