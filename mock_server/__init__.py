"""An offline, in-memory copy of the CHSI (学信网) site, answered by Playwright routes."""

from mock_server.site import Site, url_for

__all__ = ["Site", "url_for"]
