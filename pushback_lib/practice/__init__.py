"""Pure logic behind the practice widgets: role-play, builder and explorer state.

Nothing here imports ipywidgets or matplotlib; :mod:`pushback_lib.widgets` is a
thin view over these classes, and the tests drive them directly.
"""
