"""Service tasks: a BPMN service task runs one of the operators lianxi provides (registry), its
parameters checked when the process is deployed (checks) and when the step runs (calling)."""
