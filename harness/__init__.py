"""The harness behind the journeys: guide steps and claims, evidence, recorders, the audit and the pytest plugin."""
