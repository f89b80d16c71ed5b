"""The shipped labelled corpus the default model is trained on."""
