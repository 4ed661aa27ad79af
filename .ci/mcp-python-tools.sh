#!/usr/bin/env bash
# Installs (once) the Python MCP SDK the MCP checks use as a client (mcp 2.3.0, from the pip index this machine is
# set up with) into a virtual environment at $SKILLDESK_PY_HOME (default ~/.cache/skilldesk/mcp-py-1), and prints
# that folder. McpPythonClientTest installs it the same way when it runs first.
set -euo pipefail
home="${SKILLDESK_PY_HOME:-$HOME/.cache/skilldesk/mcp-py-1}"
if [ ! -x "$home/bin/python" ] || ! "$home/bin/python" -c 'import mcp, importlib.metadata as m; assert m.version("mcp") == "2.3.0"' 2>/dev/null; then
  rm -rf "$home"
  python3 -m venv "$home" >/dev/null
  "$home/bin/pip" install --retries 0 --quiet "mcp==2.3.0" >"$home/pip-install.log" 2>&1 \
    || { echo "could not install mcp 2.3.0 with pip; see $home/pip-install.log" >&2; exit 1; }
fi
echo "$home"
