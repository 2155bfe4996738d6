"""Authoring: next year's facts file from last year's (`reportgen new`)."""
