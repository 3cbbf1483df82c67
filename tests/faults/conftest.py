"""The browser fixtures (browser, desktop) come from tests/browser.py, a plugin of the root
conftest.py, shared with tests/e2e. Only those: e2e's autouse fixture makes every test
transactional."""
