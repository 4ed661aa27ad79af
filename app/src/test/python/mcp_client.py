"""A test client built on the official MCP Python SDK (mcp 2.3.0), driven by McpPythonClientTest.

It speaks protocol revision 2026-07-28: with --mode 2026-07-28 it is pinned to it (no probe, no fallback: the first
request on the wire is skills/list), with --mode auto it negotiates as it does by default (server/discover first,
initialize only if that fails). It connects over stdio (--stdio COMMAND...) or Streamable HTTP (--url URL, with
--token T) and prints one JSON line per finding on stdout; the Java test reads them. What it checks:
  - skills/list over every page and skills/get of each skill (the {"skill": ...} shape, resultType, ttlMs and
    cacheScope), each entry's name the URI's last segment, its manifest listing SKILL.md;
  - every file of the first --read-skills skills read with resources/read, its size and SHA-256 against the entry;
  - every tool called, the SDK validating each structuredContent against the tool's outputSchema;
  - (with --await-change) subscriptions/listen for resource list changes: the "change" line gives the wall-clock
    time (ms since the epoch) the notification arrived.
"""
import asyncio
import base64
import hashlib
import json
import sys
import time
from typing import Any, Literal

import anyio
import httpx2
from pydantic import TypeAdapter

import mcp.types as types
from mcp import Client, StdioServerParameters
from mcp.client.streamable_http import streamable_http_client

args = sys.argv[1:]


def opt(name):
    return args[args.index(name) + 1] if name in args else None


def emit(o):
    sys.stdout.write(json.dumps(o) + "\n")
    sys.stdout.flush()


failed = False


def fail(msg):
    global failed
    failed = True
    emit({"event": "failure", "message": msg})


class SkillsList(types.Request[types.PaginatedRequestParams | None, Literal["skills/list"]]):
    method: Literal["skills/list"] = "skills/list"
    params: types.PaginatedRequestParams | None = None


class SkillsGetParams(types.RequestParams):
    uri: str


class SkillsGet(types.Request[SkillsGetParams, Literal["skills/get"]]):
    method: Literal["skills/get"] = "skills/get"
    params: SkillsGetParams


ANY = TypeAdapter(dict[str, Any])


def server():
    if opt("--url"):
        token = opt("--token")
        http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"} if token else {})
        return streamable_http_client(opt("--url"), http_client=http)
    i = args.index("--stdio")
    return StdioServerParameters(command=args[i + 1], args=args[i + 2:])


async def main():
    mode = opt("--mode") or "2026-07-28"
    async with Client(server(), mode=mode) as client:
        caps = client.server_capabilities
        ext = (caps.extensions or {}).get("io.modelcontextprotocol/skills") if caps else None
        if ext is None:
            # pinned, the client adopted a made-up discover result without asking: ask now
            raw = await client.session.send_discover("2026-07-28")
            ext = raw.get("capabilities", {}).get("extensions", {}).get("io.modelcontextprotocol/skills")
        emit({"event": "connected", "version": client.protocol_version, "extension": ext})
        session = client.session

        skills, cursor = [], None
        while True:
            page = await session.send_request(
                SkillsList(params=types.PaginatedRequestParams(cursor=cursor) if cursor else None), ANY)
            for key in ("resultType", "ttlMs", "cacheScope"):
                if key not in page:
                    fail(f"skills/list: no {key}")
            skills.extend(page["skills"])
            cursor = page.get("nextCursor")
            if not cursor:
                break
        for s in skills:
            segs = s["uri"].removeprefix("skill://").split("/")
            if segs[-1] != "SKILL.md" or segs[-2] != s["frontmatter"].get("name"):
                fail(f"entry {s['uri']}: the last path segment is not frontmatter.name")
            if not isinstance(s["resources"], list) or not any(r["uri"] == s["uri"] for r in s["resources"]):
                fail(f"entry {s['uri']}: resources does not list SKILL.md")
            got = await session.send_request(SkillsGet(params=SkillsGetParams(uri=s["uri"])), ANY)
            if got.get("resultType") != "complete" or "ttlMs" not in got or "cacheScope" not in got:
                fail(f"skills/get {s['uri']}: no resultType, ttlMs or cacheScope")
            if got.get("skill", {}).get("resources") != s["resources"]:
                fail(f"skills/get {s['uri']}: not {{skill}} or differs from the listing")
        emit({"event": "skills", "uris": [s["uri"] for s in skills]})

        verified = 0
        for s in skills[: int(opt("--read-skills") or 3)]:
            for r in s["resources"]:
                res = await client.read_resource(r["uri"])
                c = res.contents[0]
                data = c.text.encode("utf-8") if hasattr(c, "text") else base64.b64decode(c.blob)
                digest = "sha256:" + hashlib.sha256(data).hexdigest()
                if digest != r["digest"]:
                    fail(f"{r['uri']}: digest {digest}, the listing says {r['digest']}")
                if len(data) != r["size"]:
                    fail(f"{r['uri']}: {len(data)} bytes, the listing says {r['size']}")
                verified += 1
        emit({"event": "verified", "files": verified})

        tools = (await client.list_tools()).tools
        called = []

        async def call(name, a):
            r = await client.call_tool(name, a)  # the SDK validates structuredContent against the outputSchema
            if r.is_error:
                fail(f"{name}: {r.content[0].text if r.content else ''}")
            called.append(name)
            return r.structured_content

        search = await call("search_skills", {"query": opt("--query") or "skill", "top_k": 3})
        await call("list_skills", {"limit": 5})
        if skills:
            ref = skills[0]["uri"].removeprefix("skill://").removesuffix("/SKILL.md")
            loaded = await call("get_skill", {"name": ref, "layer": 3})
            await call("read_skill_file", {"name": ref, "path": "SKILL.md"})
            await call("record_outcome", {"activation_id": loaded["activation_id"], "success": True})
        emit({"event": "tools", "called": called, "names": [t.name for t in tools],
              "searchResults": len((search or {}).get("results", []))})

        if "--await-change" in args:
            async with client.listen(resources_list_changed=True) as sub:
                emit({"event": "listening"})
                emit({"event": "awaiting-change"})
                changed_at = None
                with anyio.move_on_after(15):
                    async for _event in sub:
                        changed_at = int(time.time() * 1000)
                        break
                emit({"event": "change", "at": changed_at})
        emit({"event": "done"})


try:
    anyio.run(main)
except BaseException as e:  # noqa: BLE001 - everything is a finding for the Java test
    import traceback
    fail("".join(traceback.format_exception(e)))
sys.exit(1 if failed else 0)
