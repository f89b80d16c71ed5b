"""The shipped theme model (rebuilt by `zhnews train training/ --out model/`)."""
