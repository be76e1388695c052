"""How far along a client is: evidence from signed notes, the measures that belong to each
objective, targets read from the wording, and trends decided by rules kept as data (rules.toml,
scales.toml). Pure functions, no database and no wording: /progress, the plan review and the
exports show what these decide.
"""
