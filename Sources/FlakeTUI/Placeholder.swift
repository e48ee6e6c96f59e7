// Placeholder: the TUI lands with the TUI issue.
