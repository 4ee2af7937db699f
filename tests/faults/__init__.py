"""Fault tests: broker outage, a worker killed mid-task, failed writes, the API under a fuzzer."""
