"""HTTP handlers, one module per resource; each only parses, delegates and answers."""
