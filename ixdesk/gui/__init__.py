"""The Qt interface: windows, views, dialogs and Qt models. Only this package imports widgets."""
