"""Everything Qt: widgets, models, delegates and dialogs over the hub's JSON shapes.

Widgets take data through methods and report what the user wants through signals;
``main_window.MainWindow`` is the seam a composition root connects to the client.
"""
