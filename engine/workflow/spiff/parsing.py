"""Turn BPMN sources into SpiffWorkflow specs, or a `BpmnProblem` naming file, line and problem."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree
from SpiffWorkflow.bpmn.parser.util import full_tag
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import LoopTask
from SpiffWorkflow.bpmn.specs.mixins.subworkflow_task import SubWorkflowTask
from SpiffWorkflow.spiff.parser.process import VALIDATOR, SpiffBpmnParser, SpiffProcessParser
from SpiffWorkflow.spiff.parser.task_spec import SpiffTaskParser
from SpiffWorkflow.spiff.specs.defaults import ServiceTask

from engine.workflow import lanes
from engine.workflow.services.parser import OperatorTaskParser
from engine.workflow.spiff import decision_tables, plain_errors

# No entity expansion, no network: a BPMN file is data from an operator, not trusted XML.
_XML = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=False)


class BpmnProblem(ValueError):
    def __init__(self, file: str, line: int | None, message: str):
        self.file, self.line, self.message = file, line, message
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}")


class _ProcessParser(SpiffProcessParser):
    """Keeps a process element's own `spiffworkflow:properties` on its spec, in the shape task
    specs keep theirs (`spec.extensions["properties"]`): settings a process gives all its tasks."""

    def create_spec(self):
        spec = super().create_spec()
        spec.extensions = SpiffTaskParser._parse_extensions(self.node)
        return spec

    def _parse(self):
        """Then every task gets its owner, however the modeler drew it (engine.workflow.lanes)."""
        super()._parse()
        outermost = self
        while outermost.parent is not None:  # an embedded subprocess's process, whose properties count
            outermost = outermost.parent
        lanes.settle(self.spec, self.node, self.filename, outermost.spec)


class _Parser(SpiffBpmnParser):
    PROCESS_PARSER_CLASS = _ProcessParser
    # A service task without an operator is refused saying how to name one (engine.workflow.services).
    OVERRIDE_PARSER_CLASSES = {
        **SpiffBpmnParser.OVERRIDE_PARSER_CLASSES,
        full_tag("serviceTask"): (OperatorTaskParser, ServiceTask),
    }

    def get_engine(self, decision_ref, node):
        decision_tables.refuse_unknown(self, decision_ref, node)
        return super().get_engine(decision_ref, node)


@dataclass(frozen=True)
class ParsedProcess:
    process_id: str
    name: str
    file: str  # the file that defines the process
    spec: object
    subprocess_specs: dict
    trees: dict  # file name -> lxml root, for the checks that need source lines
    decision_files: dict = field(default_factory=dict)  # decision id -> the .dmn file holding it


def parse_sources(sources: dict[str, str]) -> dict[str, ParsedProcess]:
    """Every executable process in `sources` ({file name: BPMN or DMN XML}), prewired for sharing.

    A call activity whose process is not among them is left without its spec: deploying finds
    it among the processes deployed or refuses it (engine.workflow.callees), and a process
    beside it in its file, which calls nothing, still parses and starts."""
    parser = _Parser(validator=VALIDATOR)
    trees = {file: read_xml(file, xml) for file, xml in sources.items()}
    for file, tree in trees.items():
        try:
            if decision_tables.is_decision_file(file):
                decision_tables.add(parser, file, tree)
            else:
                parser.add_bpmn_xml(tree, filename=file)
        except ValidationException as exc:
            raise _problem(exc, file, tree) from exc
    decision_files = {ref: dmn.filename for ref, dmn in parser.dmn_parsers.items()}
    processes = {}
    for process_id in parser.get_process_ids():
        file = _file_of(parser, process_id)
        try:
            spec = parser.get_spec(process_id)
            subprocess_specs = _subprocess_specs(parser, process_id)
        except ValidationException as exc:
            raise _problem(exc, file, trees.get(file)) from exc
        for each in (spec, *subprocess_specs.values()):
            _prewire(each)
        processes[process_id] = ParsedProcess(
            process_id, spec.description or process_id, file, spec, subprocess_specs, trees, decision_files
        )
    if not processes:
        raise BpmnProblem(", ".join(sources), None, 'no executable process (isExecutable="true")')
    return processes


def source_line(tree, element_id: str) -> int | None:
    if tree is None:
        return None
    found = tree.xpath("//*[@id=$id]", id=element_id)
    return found[0].sourceline if found else None


def read_xml(file: str, xml: str):
    try:
        return etree.fromstring(xml.encode("utf-8"), parser=_XML)
    except etree.XMLSyntaxError as exc:
        raise BpmnProblem(file, exc.lineno, f"not well-formed XML: {exc.msg}") from exc


def _problem(exc: ValidationException, file: str, tree) -> BpmnProblem:
    message, named_line = plain_errors.plain(str(exc).split("\n")[0], tree, exc.id)
    line = named_line or exc.line_number or (source_line(tree, exc.id) if exc.id else None)
    if exc.id and repr(exc.id) not in message:
        message = f"{message} (element {exc.id})"
    return BpmnProblem(exc.file_name or file, int(line) if line else None, message)


def _file_of(parser: _Parser, process_id: str) -> str:
    process_parser = parser.get_process_parser(process_id)
    return getattr(process_parser, "filename", None) or "?"


def _subprocess_specs(parser: _Parser, process_id: str) -> dict:
    """The specs of the process's subprocesses and callees at every depth, those not among the
    sources left out (SpiffWorkflow's `require_call_activity_specs=False` holds for one level only)."""
    found, todo = {}, [process_id]
    while todo:
        for task_spec in parser.get_spec(todo.pop()).task_specs.values():
            if isinstance(task_spec, SubWorkflowTask) and task_spec.spec not in found:
                found[task_spec.spec] = parser.get_spec(task_spec.spec, required=False)
                todo += [task_spec.spec] if found[task_spec.spec] is not None else []
    return {name: spec for name, spec in found.items() if spec is not None}


def _prewire(spec) -> None:
    """Connect multi-instance merge hooks now. SpiffWorkflow does it lazily on first use, a
    check-then-act on the shared spec that is unsafe once specs are cached across threads."""
    for task_spec in spec.task_specs.values():
        if isinstance(task_spec, LoopTask):
            child = spec.task_specs[task_spec.task_spec]
            if not child.completed_event.is_connected(task_spec.merge_child):
                child.completed_event.connect(task_spec.merge_child)
