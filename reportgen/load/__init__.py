"""Load: the bytes of a facts file become a YAML node tree that remembers where every value sits
(encodings, the line scan, syntax messages in Chinese, hints for what people give by mistake)."""
