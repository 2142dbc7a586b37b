"""Modal dialogs, one per module: each asks one thing over the screen that opened it and dismisses with the answer."""
