"""One module per host: its handlers and its route table."""
