"""The model: frozen domain types, no I/O. Objects exist only after kekiz.sources has validated
the inputs, so code downstream never checks again."""

