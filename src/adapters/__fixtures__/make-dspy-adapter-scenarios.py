"""Regenerates dspy-adapter-scenarios.json: every `format_messages_and_lm_kwargs` call made by DSPy 3.3.1's own
tests/adapters/test_{chat,json,xml}_adapter.py, as a portable scenario (adapter, signature, demos, inputs, LM
capabilities, lm_kwargs) plus what DSPy produced: the adapter's messages and LM kwargs (`adapter_*`, before DSPy's
request normalization) and what reached the LM (`lm_*`, which those tests assert literally).

Run with the oracle environment (`cd /work/shared/oracle && . ./env.sh`), from /tmp/oracle/dspy:
    python3 <this file> > dspy-adapter-scenarios.json
Never run by the build or the tests; the JSON output is committed.
"""
import enum
import importlib
import inspect
import json
import sys
import types
import typing
import warnings

warnings.simplefilter("ignore")
sys.path.insert(0, "/tmp/oracle/dspy")
import pydantic  # noqa: E402

import dspy  # noqa: E402
import tests.adapters.conftest as conftest  # noqa: E402
from dspy.adapters.types.tool import ToolCallResults  # noqa: E402
from dspy.experimental import Citations, Document  # noqa: E402

CUSTOM = {dspy.Image: "Image", dspy.Audio: "Audio", dspy.File: "File", Document: "Document", dspy.History: "History",
          dspy.Tool: "Tool", dspy.ToolCalls: "ToolCalls", dspy.Reasoning: "Reasoning", dspy.Code: "Code", Citations: "Citations"}


class Unsupported(Exception):
    pass


def type_spec(ann):
    if ann is None or ann is type(None):
        return "None"
    if ann in (str, int, float, bool, bytes):
        return ann.__name__
    if ann is typing.Any:
        return "Any"
    if ann in CUSTOM:
        return CUSTOM[ann]
    if isinstance(ann, type) and issubclass(ann, dspy.Code):
        return f'Code["{ann.language}"]'
    origin, args = typing.get_origin(ann), typing.get_args(ann)
    if origin is list:
        return {"list": type_spec(args[0])} if args else "list"
    if origin is dict:
        return {"dict": [type_spec(args[0]), type_spec(args[1])]} if args else "dict"
    if origin is typing.Union or origin is types.UnionType:
        return {"union": [type_spec(a) for a in args], "pep604": origin is types.UnionType}
    if origin is typing.Literal:
        return {"literal": list(args)}
    if isinstance(ann, type) and issubclass(ann, enum.Enum):
        return {"enum": ann.__name__, "members": {m.name: m.value for m in ann}}
    if isinstance(ann, type) and issubclass(ann, pydantic.BaseModel) and not issubclass(ann, dspy.Type):
        fields = []
        for name, f in ann.model_fields.items():
            spec = {"name": name, "type": type_spec(f.annotation)}
            if f.description is not None:
                spec["desc"] = f.description
            if not f.is_required():
                spec["default"] = value_spec(f.default)
            fields.append(spec)
        out = {"model": ann.__name__, "fields": fields}
        if ann.__doc__ and ann.__doc__ != pydantic.BaseModel.__doc__:
            out["doc"] = ann.__doc__
        return out
    raise Unsupported(f"annotation {ann!r}")


def value_spec(v):
    if isinstance(v, dspy.Image):
        return {"$image": v.url}
    if isinstance(v, dspy.Audio):
        return {"$audio": {"data": v.data, "format": v.audio_format}}
    if isinstance(v, dspy.File):
        return {"$file": {"file_data": v.file_data, "file_id": v.file_id, "filename": v.filename}}
    if isinstance(v, Document):
        return {"$document": {"data": v.data, "title": v.title, "media_type": v.media_type, "context": v.context}}
    if isinstance(v, dspy.Tool):
        return {"$tool": {"name": v.name, "desc": v.desc, "args": v.args}}
    if isinstance(v, dspy.ToolCalls):
        return {"$toolcalls": {"tool_calls": [{"id": c.id, "name": c.name, "args": c.args} for c in v.tool_calls],
                               "tool_call_results": value_spec(v.tool_call_results)}}
    if isinstance(v, ToolCallResults):
        return {"$toolcallresults": [value_spec(r.model_dump()) for r in v.tool_call_results]}
    if isinstance(v, dspy.Reasoning):
        return v.content
    if isinstance(v, dspy.Code):
        return {"$code": {"code": v.code, "language": type(v).language}}
    if isinstance(v, dspy.History):
        return {"$history": [value_spec(m) for m in v.messages]}
    if isinstance(v, dspy.Type):
        raise Unsupported(f"custom dspy.Type value {type(v).__name__}")
    if isinstance(v, pydantic.BaseModel):
        return {k: value_spec(getattr(v, k)) for k in type(v).model_fields}
    if isinstance(v, enum.Enum):
        return v.value
    if isinstance(v, dict):
        return {str(k): value_spec(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [value_spec(x) for x in v]
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    raise Unsupported(f"value {v!r}")


def signature_spec(sig):
    out = {"name": sig.__name__, "instructions": sig.instructions, "inputs": [], "outputs": []}
    for name, f in sig.fields.items():
        extra = f.json_schema_extra
        spec = {"name": name, "type": type_spec(f.annotation)}
        if extra.get("desc") != f"${{{name}}}":
            spec["desc"] = extra["desc"]
        if not f.is_required():
            spec["default"] = value_spec(f.default)
        constraints = {type(m).__name__: m for m in f.metadata}
        c = {}
        for cls, key in (("Gt", "gt"), ("Ge", "ge"), ("Lt", "lt"), ("Le", "le"), ("MultipleOf", "multiple_of"), ("MinLen", "min_length"), ("MaxLen", "max_length")):
            if cls in constraints:
                c[key] = getattr(constraints[cls], key)
        if c:
            spec["constraints"] = c
        out["inputs" if extra["__dspy_field_type"] == "input" else "outputs"].append(spec)
    return out


def jsonable(v):
    if isinstance(v, type) and issubclass(v, pydantic.BaseModel):
        return {"$pydantic_model": v.__name__, "schema": v.model_json_schema()}
    if isinstance(v, dict):
        return {k: jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    return {"$repr": repr(v)}


records = []
current = [None]
original = conftest.format_messages_and_lm_kwargs
rendered = []
original_render = dspy.adapters.base.Adapter._render_request


def render_request(self, lm, lm_kwargs, messages):
    # What the adapter hands to the LM layer, before DSPy normalizes the request for the provider.
    rendered.append({"messages": jsonable(messages), "lm_kwargs": jsonable(dict(lm_kwargs))})
    return original_render(self, lm, lm_kwargs, messages)


dspy.adapters.base.Adapter._render_request = render_request


def capture(adapter, signature, demos, inputs, lm_kwargs=None, lm=None):
    rendered.clear()
    messages, kwargs = original(adapter, signature, demos, inputs, lm_kwargs=lm_kwargs, lm=lm)
    source = lm or dspy.utils.DummyLM([{}])
    record = {
        "test": current[0],
        "adapter_messages": rendered[-1]["messages"],
        "adapter_lm_kwargs": rendered[-1]["lm_kwargs"],
        "lm_messages": jsonable(messages),
        "lm_kwargs": jsonable(kwargs),
    }
    try:
        record["scenario"] = {
            "adapter": type(adapter).__name__,
            "adapter_options": {"use_native_function_calling": adapter.use_native_function_calling,
                                "parallel_tool_calls": adapter.parallel_tool_calls},
            "signature": signature_spec(signature),
            "demos": [value_spec(dict(d)) for d in demos],
            "inputs": value_spec(dict(inputs)),
            "lm_kwargs": value_spec(dict(lm_kwargs or {})),
            "lm": {"model": source.model, "model_type": source.model_type, "kwargs": value_spec(dict(source.kwargs)),
                   "supports_function_calling": source.supports_function_calling,
                   "supports_reasoning": source.supports_reasoning,
                   "supports_response_schema": source.supports_response_schema,
                   "supported_params": sorted(source.supported_params)},
        }
    except Unsupported as e:
        record["unsupported"] = str(e)
    records.append(record)
    return messages, kwargs


for module_name in ("test_chat_adapter", "test_json_adapter", "test_xml_adapter"):
    module = importlib.import_module(f"tests.adapters.{module_name}")
    module.format_messages_and_lm_kwargs = capture
    for name, fn in inspect.getmembers(module, inspect.isfunction):
        if not name.startswith("test_") or fn.__module__ != module.__name__:
            continue
        marks = getattr(fn, "pytestmark", [])
        params = [m for m in marks if m.name == "parametrize"]
        if params and len(params) == 1:
            argnames = [a.strip() for a in params[0].args[0].split(",")] if isinstance(params[0].args[0], str) else params[0].args[0]
            calls = [dict(zip(argnames, v if len(argnames) > 1 else (v,))) for v in params[0].args[1]]
        elif inspect.signature(fn).parameters:
            continue
        else:
            calls = [{}]
        for i, kwargs in enumerate(calls):
            current[0] = f"{module_name}::{name}" + (f"[{i}]" if params else "")
            try:
                result = fn(**kwargs)
                if inspect.iscoroutine(result):
                    result.close()
            except BaseException:  # noqa: BLE001 - tests that need a real LM fail here; only captures matter
                pass

json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
sys.stdout.write("\n")
