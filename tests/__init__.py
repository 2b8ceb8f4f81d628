"""Fast tests of the mock and the tooling, without a browser."""
