"""Checks: every rule that turns validated facts into findings (errors and warnings), and
`load_facts`, the pipeline through this stage (read → validate → check)."""
