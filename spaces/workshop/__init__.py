"""The workshop's pages: devices, steps, labels, donors, stock imports."""
