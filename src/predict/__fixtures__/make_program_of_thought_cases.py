"""Captures what the real DSPy ProgramOfThought does for scripted LM replies (development only; tsdspy's tests
replay the JSON this writes and never run Python).

    . ../shared/oracle/env.sh && python3 src/predict/__fixtures__/make_program_of_thought_cases.py > src/predict/__fixtures__/program-of-thought.oracle.json

DSPy's default interpreter needs Deno, which the oracle machine lacks, so each run gets `ExecInterpreter`: Python's
own `exec` with the conventions of DSPy's Pyodide runner (the last expression's value, else stdout; `SUBMIT` ends
the program; errors as `Type: [args]`; syntax errors as `Invalid Python syntax. message: …`). The prompts,
trajectories, error texts and logged errors DSPy builds around it are what the cases capture.
"""

import ast
import contextlib
import io
import json
import logging
import sys
import traceback
import warnings

sys.dont_write_bytecode = True
warnings.simplefilter("ignore")

import dspy  # noqa: E402
from dspy.primitives.code_interpreter import CodeExecutionError, FinalOutput  # noqa: E402
from dspy.utils.dummies import DummyLM  # noqa: E402


class _Final(BaseException):
    pass


class ExecInterpreter:
    """A CodeInterpreter running code with Python's exec, in one namespace kept across runs."""

    def __init__(self, tools=None, output_fields=None):
        self.tools = dict(tools or {})
        self.output_fields = output_fields
        self.namespace = None
        self.executed = []

    def start(self):
        if self.namespace is not None:
            return
        ns = {"__name__": "__main__", "_Final": _Final}
        names = [f["name"] for f in self.output_fields] if self.output_fields else None
        if names:
            exec(f"def SUBMIT({', '.join(names)}):\n    raise _Final({{{', '.join(repr(n) + ': ' + n for n in names)}}})", ns)
        else:
            exec("def SUBMIT(output):\n    raise _Final({'output': output})", ns)
        for name, fn in self.tools.items():
            ns[name] = fn
        self.namespace = ns

    def execute(self, code, variables=None):
        self.start()
        self.namespace.update(variables or {})
        self.executed.append(code)
        out = io.StringIO()
        try:
            tree = ast.parse(code, "<exec>")
        except SyntaxError as e:
            raise SyntaxError("Invalid Python syntax. message: " + "".join(traceback.format_exception_only(e)).strip()) from None
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        try:
            with contextlib.redirect_stdout(out):
                exec(compile(tree, "<exec>", "exec"), self.namespace)
                value = eval(compile(ast.Expression(last.value), "<exec>", "eval"), self.namespace) if last else None
        except _Final as final:
            return FinalOutput(json.loads(json.dumps(final.args[0])))
        except Exception as e:
            raise CodeExecutionError(f"{type(e).__name__}: {list(e.args) or str(e)}") from None
        return out.getvalue() if value is None else json.loads(json.dumps(value))

    def shutdown(self):
        self.namespace = None


def fenced(code):
    return f"```python\n{code}\n```"


CASES = [
    {
        "id": "word problem, last assignment becomes the value",
        "signature": "question -> answer",
        "inputs": {"question": "A baker makes 12 trays of 24 rolls and sells all but 17. How many rolls are sold?"},
        "answers": [
            {"reasoning": "Multiply trays by rolls, then subtract the unsold ones.", "generated_code": fenced("total = 12 * 24\nsold = total - 17")},
            {"reasoning": "The code computed 271.", "answer": "271"},
        ],
    },
    {
        "id": "SUBMIT with a dict",
        "signature": "question -> answer",
        "inputs": {"question": "What is 7 squared plus 1?"},
        "answers": [
            {"reasoning": "Square and add.", "generated_code": fenced('SUBMIT({"answer": 7 ** 2 + 1})')},
            {"reasoning": "It is 50.", "answer": "50"},
        ],
    },
    {
        "id": "error then regenerate",
        "signature": "question -> answer",
        "inputs": {"question": "Split 100 apples among 0 + 4 children; how many each?"},
        "answers": [
            {"reasoning": "Divide.", "generated_code": fenced("children = 0\neach = 100 / children")},
            {"reasoning": "Use 4 children.", "generated_code": fenced("children = 4\neach = 100 / children")},
            {"reasoning": "25 each.", "answer": "25"},
        ],
    },
    {
        "id": "syntax error then printed output",
        "signature": "question -> answer",
        "inputs": {"question": "Print the sum of 1..10."},
        "answers": [
            {"reasoning": "Sum it.", "generated_code": fenced("total = 0\nx = = total")},
            {"reasoning": "Fix the typo.", "generated_code": fenced("print(sum(range(11)))")},
            {"reasoning": "55.", "answer": "55"},
        ],
    },
    {
        "id": "two outputs, typed",
        "signature": "question: str, numbers: list[int] -> total: int, mean: float",
        "inputs": {"question": "Total and mean of the numbers.", "numbers": [3, 5, 10]},
        "answers": [
            {"reasoning": "Sum and average.", "generated_code": fenced("numbers = [3, 5, 10]\nresult = {'total': sum(numbers), 'mean': sum(numbers) / len(numbers)}")},
            {"reasoning": "Read them off.", "total": "18", "mean": "6.0"},
        ],
    },
    {
        "id": "code format error (one line with two assignments)",
        "signature": "question -> answer",
        "inputs": {"question": "What is 2 + 3?"},
        "answers": [
            {"reasoning": "Assign twice.", "generated_code": "a = b = 2 + 3"},
            {"reasoning": "Just compute.", "generated_code": fenced("a = 2 + 3\nb = a")},
            {"reasoning": "5.", "answer": "5"},
        ],
    },
    {
        "id": "max iterations reached",
        "signature": "question -> answer",
        "max_iters": 2,
        "inputs": {"question": "What is 1 / 0?"},
        "answers": [
            {"reasoning": "Divide.", "generated_code": fenced("x = 1 / 0\ny = x")},
            {"reasoning": "Again.", "generated_code": fenced("x = 1 / 0\ny = x")},
        ],
    },
    {
        "id": "unfenced code, stripped after ---",
        "signature": "question -> answer",
        "inputs": {"question": "How many seconds are in a day?"},
        "answers": [
            {"reasoning": "Multiply.", "generated_code": "seconds = 24 * 60 * 60\nanswer = seconds\n---\nnotes"},
            {"reasoning": "86400.", "answer": "86400"},
        ],
    },
]


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def run_case(case):
    collect = Collect()
    logging.getLogger("dspy.predict.program_of_thought").addHandler(collect)
    lm = DummyLM(case["answers"])
    interpreter = ExecInterpreter()
    pot = dspy.ProgramOfThought(case["signature"], max_iters=case.get("max_iters", 3))
    result = {
        "instructions": {
            name: predictor.predict.signature.instructions
            for name, predictor in (("code_generate", pot.code_generate), ("code_regenerate", pot.code_regenerate), ("generate_output", pot.generate_output))
        }
    }
    with dspy.context(lm=lm, adapter=dspy.ChatAdapter()):
        try:
            prediction = pot(interpreter, **case["inputs"])
            result["prediction"] = dict(prediction.items())
        except Exception as e:
            result["error"] = {"type": type(e).__name__, "message": str(e)}
    logging.getLogger("dspy.predict.program_of_thought").removeHandler(collect)
    result["logged_errors"] = collect.messages
    result["executed"] = interpreter.executed
    result["lm_calls"] = [entry["messages"] for entry in lm.history]
    return result


if __name__ == "__main__":
    print(json.dumps([{"case": case, "expected": run_case(case)} for case in CASES], indent=1, ensure_ascii=False))
