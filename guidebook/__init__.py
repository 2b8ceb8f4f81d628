"""Reading a school's CHSI guide: its sentences, the terms each sentence quotes, and what the site can check."""
