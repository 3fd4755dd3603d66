"""Pure Python core: periods, the rules, formatting and strict input parsing.

Nothing here imports Django or a project app; every app builds on it.
"""
