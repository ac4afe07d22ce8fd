#!/usr/bin/env bash
# Regenerates the agents / refinement / retrieval fixtures from the REAL Python DSPy 3.3.1 (../shared/oracle).
# Development only: tsdspy's build and tests never run this; they replay the committed JSON files.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
oracle="${ORACLE_DIR:-$root/../../shared/oracle}"
. "$oracle/env.sh"
cd "$root"
python3 src/tools/__fixtures__/make_tool_cases.py > src/tools/__fixtures__/tool.oracle.json
python3 src/predict/__fixtures__/make_react_cases.py > src/predict/__fixtures__/react.oracle.json 2>/dev/null
python3 src/predict/__fixtures__/make_react_program_cases.py > src/predict/__fixtures__/react-program.oracle.json 2>/dev/null
python3 src/predict/__fixtures__/make_react_callbacks.py > src/predict/__fixtures__/react-callbacks.oracle.json
python3 src/predict/__fixtures__/make_react_v2_cases.py > src/predict/__fixtures__/react-v2.oracle.json 2>/dev/null
python3 src/predict/__fixtures__/make_refine_cases.py > src/predict/__fixtures__/refine.oracle.json 2>/dev/null
python3 src/adapters/__fixtures__/make_two_step_cases.py > src/adapters/__fixtures__/two-step.oracle.json
python3 src/retrievers/__fixtures__/make_retrieval_cases.py > src/retrievers/__fixtures__/retrieval.oracle.json 2>/dev/null
python3 src/python/__fixtures__/make_pickle_cases.py > src/python/__fixtures__/pickle.oracle.json
