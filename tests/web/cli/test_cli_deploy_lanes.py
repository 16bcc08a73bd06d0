"""`lianxi workflow deploy --lane LANE=OWNER`: a lane drawn under any name goes to the owner
given; without it, the deploy warns that the lane's tasks go to the office."""

from __future__ import annotations


def test_an_unmapped_lane_warns_and_a_lane_given_at_deploy_does_not(run, bpmn):
    path = bpmn("approval", pid="approval", lane="审批人")
    warned = run("workflow", "deploy", path)
    assert warned.exit_code == 0, warned.output
    (warning,) = warned.stderr.splitlines()
    assert warning.startswith("warning: approval.bpmn:") and "lane '审批人' is not a role" in warning

    mapped = run("workflow", "deploy", path, "--lane", "审批人=office_director")
    assert (mapped.exit_code, mapped.stderr) == (0, "")
    assert mapped.stdout == "approval  v2  new\n"  # the mapping is part of the version


def test_a_lane_option_without_an_owner_is_a_usage_error(run, bpmn):
    done = run("workflow", "deploy", bpmn("approval", pid="approval"), "--lane", "审批人")
    assert done.exit_code == 2 and "LANE=OWNER" in done.stderr
