"""The harness as a pytest plugin (entry point chsi_guide_e2e), one module per concern.

options: the command line and the markers · collection: which journeys run, titled how · site: the mock, the clock
and the students · journeys: the guide steps a test performs and how it is judged · reporting: labels, environment
and the reproduce command · traces: a failed test's trace and pictures · retrace: a failed test run again to record
its trace · session: the audit of the whole run.
"""

pytest_plugins = [
    "harness.plugin.options",
    "harness.plugin.collection",
    "harness.plugin.site",
    "harness.plugin.journeys",
    "harness.plugin.reporting",
    "harness.plugin.traces",
    "harness.plugin.retrace",
    "harness.plugin.session",
]
