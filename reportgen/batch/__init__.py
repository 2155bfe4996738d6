"""Batch: many agencies at once: a folder of facts files, its roll-up and the progress line."""
