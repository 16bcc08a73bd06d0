"""Decision tables (`.dmn` files) deployed beside the BPMN files whose business rule tasks use them.

SpiffWorkflow's parser reads DMN itself (`add_dmn_xml`) but parses a decision only when a task
names it, and indexes past the end of a list on a file with no decision or a decision with no
table. Here every decision is read when its file is added, so a broken one is refused at deploy
with its file and line whether or not a task uses it yet. Rules run through the workflow's
script engine: lianxi's sandbox (docs/SPIFFWORKFLOW.md §11).
"""

from __future__ import annotations

from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.dmn.parser.BpmnDmnParser import SCHEMAS

from engine.workflow.spiff.scripting import ScriptError, compile_code

SUFFIX = ".dmn"
_INPUT = "dmninputexpr"  # the name SpiffWorkflow gives the input's value where an entry says `?`


def is_decision_file(file: str) -> bool:
    return file.lower().endswith(SUFFIX)


def add(parser, file: str, tree) -> None:
    """Adds the file's decision to `parser`, or raises ValidationException naming its line."""
    namespace = etree.QName(tree).namespace
    if namespace not in SCHEMAS:
        raise ValidationException(
            f"not a DMN 1.1–1.3 file (namespace {namespace!r}; expected one of {', '.join(SCHEMAS)})",
            file_name=file,
            line_number=tree.sourceline,
        )
    decisions = tree.findall(f"{{{namespace}}}decision")
    if len(decisions) != 1:
        message = f"a .dmn file holds exactly one decision, this one {len(decisions)}"
        raise ValidationException(message, file_name=file, line_number=tree.sourceline)
    decision_id = decisions[0].get("id")
    if decision_id in parser.dmn_parsers:
        raise ValidationException(
            f"decision {decision_id!r} is also in {parser.dmn_parsers[decision_id].filename}",
            file_name=file,
            line_number=decisions[0].sourceline,
        )
    parser.add_dmn_xml(tree, filename=file)
    dmn_parser = parser.dmn_parsers[decision_id]
    try:
        dmn_parser.parse()
    except KeyError as exc:  # SpiffWorkflow reads each element's id as attrib["id"]
        raise ValidationException(
            f"an element of decision {decision_id!r} has no id: its tables, inputs, outputs and rules each need one",
            file_name=file,
            line_number=decisions[0].sourceline,
        ) from exc
    if not dmn_parser.decision.decisionTables:
        raise ValidationException(
            f"decision {decision_id!r} has no decision table (lianxi runs decision tables only)",
            file_name=file,
            line_number=decisions[0].sourceline,
        )
    _refuse_uncompilable(file, tree, dmn_parser.decision.decisionTables[0])


def _refuse_uncompilable(file: str, tree, table) -> None:
    """Every expression of the table compiled in the sandbox now, as a BPMN file's code is
    (engine.workflow.code_checks): a typo is the deployer's error, not an incident."""
    for element_id, kind, variants in _expressions(table):
        problem = _problem(variants)
        if problem:
            element = tree.find(f".//*[@id='{element_id}']")
            line = element.sourceline if element is not None else None
            raise ValidationException(f"{kind} {element_id}: {problem}", file_name=file, line_number=line)


def _problem(variants: list[str]) -> str | None:
    """None if any of the variants compiles, else what is wrong with the first."""
    problems = []
    for code in variants:
        try:
            compile_code(code, "eval")
            return None
        except ScriptError as exc:
            problems.append(exc.problem)
    return problems[0]


def _expressions(table):
    """(element id, what a deployer calls it, the code SpiffWorkflow may make of it: any one that
    compiles will do). An input entry is compared with `==`, or completes the input's expression
    (`< 100`), or stands for it where it says `?` (docs/SPIFFWORKFLOW.md §11)."""
    for each in table.inputs:
        if each.expression:
            yield each.id, "input", [each.expression]
    for rule in table.rules:
        for entry in rule.inputEntries:
            given = entry.input.expression
            for lhs in (lhs for lhs in entry.lhs if lhs is not None and given):
                variants = [f"({given}) == ({lhs})", f"{given}{lhs}"] if "?" not in lhs else [lhs.replace("?", _INPUT)]
                yield entry.id, "input entry", variants
        for entry in rule.outputEntries:
            if entry.text:
                yield entry.id, "output entry", [entry.text]


def refuse_unknown(parser, decision_ref: str | None, node) -> None:
    """Said plainer than SpiffWorkflow's refusal, which lists what there is even when nothing is."""
    if decision_ref not in parser.dmn_parsers:
        there = ", ".join(sorted(parser.dmn_parsers)) or "none"
        message = f"decision {decision_ref!r} is in no .dmn file deployed with it (decisions there: {there})"
        raise ValidationException(message, node=node)


def files_used(specs, decision_files: dict[str, str]) -> set[str]:
    """The `.dmn` files the business rule tasks of `specs` decide by."""
    tasks = [t for s in specs for t in s.task_specs.values()]
    refs = {getattr(t, "extensions", {}).get("calledDecisionId") for t in tasks}
    return {decision_files[ref] for ref in refs if ref in decision_files}
