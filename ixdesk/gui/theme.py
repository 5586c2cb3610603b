"""Light, dark, or as the computer says: the window's colours, a preference of this computer.

"System" follows the colour scheme the platform reports (Qt's
``QStyleHints.colorScheme()``: Windows, macOS and most Linux desktops say it)
and follows it when it changes; where the platform says nothing, light.
"Light" and "Dark" ask the platform for that scheme; where it cannot give
one (a desktop without a dark theme, Windows' older styles), ixdesk uses
Qt's Fusion style with its own palette, so every platform gets a dark
window when asked. The choice is kept per computer (``QSettings``), not in
the database: two coordinators sharing a database may like different
colours.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ixdesk.gui.focus_ring import install_focus_ring
from ixdesk.gui.settings import app_settings

THEME_KEY = "appearance/theme"
SYSTEM, LIGHT, DARK = "system", "light", "dark"
THEMES = {SYSTEM: "As the computer is set", LIGHT: "Light", DARK: "Dark"}
_SCHEMES = {LIGHT: Qt.ColorScheme.Light, DARK: Qt.ColorScheme.Dark}

# (role, colour) of the dark palette: calm greys, a blue that reads on them.
_DARK = {
    QPalette.ColorRole.Window: "#2b2d30",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1f2023",
    QPalette.ColorRole.AlternateBase: "#2a2c2f",
    QPalette.ColorRole.ToolTipBase: "#3c3f43",
    QPalette.ColorRole.ToolTipText: "#f0f0f0",
    QPalette.ColorRole.PlaceholderText: "#9a9da1",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#35383c",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Light: "#4a4d52",
    QPalette.ColorRole.Midlight: "#3d4044",
    QPalette.ColorRole.Mid: "#303236",
    QPalette.ColorRole.Dark: "#1a1b1e",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.Highlight: "#3d7bd9",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#7fb2ff",
    QPalette.ColorRole.LinkVisited: "#c69cff",
}
_DISABLED = {
    QPalette.ColorRole.WindowText: "#7d8085",
    QPalette.ColorRole.Text: "#7d8085",
    QPalette.ColorRole.ButtonText: "#7d8085",
    QPalette.ColorRole.HighlightedText: "#b0b0b0",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def saved_theme() -> str:
    chosen = str(app_settings().value(THEME_KEY, SYSTEM) or SYSTEM)
    return chosen if chosen in THEMES else SYSTEM


def save_theme(theme: str) -> None:
    settings = app_settings()
    settings.setValue(THEME_KEY, theme)
    settings.sync()


class _Follower(QObject):
    """Applies "System" again whenever the platform's colour scheme changes."""

    def follow(self, scheme: Qt.ColorScheme) -> None:
        if saved_theme() == SYSTEM:
            apply_theme(SYSTEM)


_follower: _Follower | None = None


def apply_theme(theme: str | None = None) -> bool:
    """Colour the application as ``theme`` says (None: the saved choice); True when dark."""
    global _follower
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return False
    theme = theme or saved_theme()
    hints = QGuiApplication.styleHints()
    if theme in _SCHEMES:
        hints.setColorScheme(_SCHEMES[theme])
        dark = theme == DARK
    else:
        hints.unsetColorScheme()
        dark = hints.colorScheme() == Qt.ColorScheme.Dark
    app.setPalette(QPalette())  # the platform's own, for the scheme asked
    if dark and not is_dark(app.palette()):  # the platform has no dark palette: ours
        install_focus_ring(app, "Fusion")  # Fusion, with the focus ring still drawn
        app.setPalette(dark_palette())
    elif not dark and is_dark(app.palette()):  # a dark desktop, and light asked for
        app.setPalette(app.style().standardPalette())
    if _follower is None:
        _follower = _Follower(app)
        hints.colorSchemeChanged.connect(_follower.follow)
    return dark
