"""Browser journeys through the guide's procedures, against the offline mock."""
