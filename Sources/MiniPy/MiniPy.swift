// MiniPy: a small interpreter for the part of Python (and torch) that lesson snippets use.
public enum MiniPy {}
