"""Tools around the journeys: the guide audit, reports, replays and walkthroughs."""
