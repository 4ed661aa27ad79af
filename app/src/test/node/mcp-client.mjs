// A test client built on the official MCP TypeScript SDK (@modelcontextprotocol/sdk), driven by
// McpTypeScriptClientTest. It connects over stdio (--stdio COMMAND...) or Streamable HTTP (--url URL, with
// --token T), and prints one JSON line per finding on stdout; the Java test reads them. What it checks:
//  - skills/list over every page; for each entry, the frontmatter's name is the URI's last path segment;
//  - resources/read of every file of the first --read-skills entries: each digest and size against the bytes read;
//  - every tool called, the SDK client validating each structuredContent against the tool's outputSchema;
//  - (with --await-change) a notifications/resources/list_changed: the "change" line gives the wall-clock
//    time (ms since the epoch) it arrived, for the test to compare with when its import ended.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ResultSchema, ResourceListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { createHash } from "node:crypto";

const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i < 0 ? undefined : args[i + 1]; };
const emit = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const fail = (msg) => { emit({ event: "failure", message: msg }); process.exitCode = 1; };

let transport;
if (opt("--url")) {
  const token = opt("--token");
  transport = new StreamableHTTPClientTransport(new URL(opt("--url")), {
    requestInit: token ? { headers: { Authorization: `Bearer ${token}` } } : undefined,
  });
} else {
  const i = args.indexOf("--stdio");
  transport = new StdioClientTransport({ command: args[i + 1], args: args.slice(i + 2), stderr: "inherit",
    env: { ...process.env } });
}
const client = new Client({ name: "skilldesk-ts-test-client", version: "1.0.0" },
  { capabilities: { extensions: { "io.modelcontextprotocol/skills": {} } } });
let changedAt = null;
client.setNotificationHandler(ResourceListChangedNotificationSchema, () => {
  if (changedAt === null) changedAt = Date.now();
});

try {
  await client.connect(transport);
  const caps = client.getServerCapabilities();
  emit({ event: "initialized", extension: caps?.extensions?.["io.modelcontextprotocol/skills"] ?? null,
    resources: caps?.resources ?? null });

  // skills/list, every page
  const skills = [];
  let cursor;
  do {
    const page = await client.request({ method: "skills/list", params: cursor ? { cursor } : {} }, ResultSchema);
    skills.push(...page.skills);
    cursor = page.nextCursor;
  } while (cursor);
  for (const s of skills) {
    const segs = s.uri.replace("skill://", "").split("/");
    if (segs[segs.length - 1] !== "SKILL.md" || segs[segs.length - 2] !== s.frontmatter?.name) {
      fail(`entry ${s.uri}: the last path segment is not frontmatter.name (${s.frontmatter?.name})`);
    }
    if (!Array.isArray(s.resources) || !s.resources.some((r) => r.uri === s.uri)) {
      fail(`entry ${s.uri}: resources does not list SKILL.md`);
    }
  }
  emit({ event: "skills", uris: skills.map((s) => s.uri) });

  // resources/read of every file of the first skills, each against its digest and size
  const readSkills = Number(opt("--read-skills") ?? 3);
  let verified = 0;
  for (const s of skills.slice(0, readSkills)) {
    for (const r of s.resources) {
      const got = await client.readResource({ uri: r.uri });
      const c = got.contents[0];
      const bytes = c.text !== undefined ? Buffer.from(c.text, "utf8") : Buffer.from(c.blob, "base64");
      const digest = "sha256:" + createHash("sha256").update(bytes).digest("hex");
      if (digest !== r.digest) fail(`${r.uri}: digest ${digest}, the listing says ${r.digest}`);
      if (bytes.length !== r.size) fail(`${r.uri}: ${bytes.length} bytes, the listing says ${r.size}`);
      verified++;
    }
    const got = await client.request({ method: "skills/get", params: { uri: s.uri } }, ResultSchema);
    if (JSON.stringify(got.skill?.resources) !== JSON.stringify(s.resources)) fail(`skills/get ${s.uri} differs from the listing`);
  }
  emit({ event: "verified", files: verified });

  // every tool, each result validated by the SDK client against the tool's outputSchema
  const { tools } = await client.listTools();
  const missing = tools.filter((t) => !t.outputSchema).map((t) => t.name);
  if (missing.length) fail(`tools without an outputSchema: ${missing.join(", ")}`);
  const called = {};
  const call = async (name, a) => {
    const r = await client.callTool({ name, arguments: a });
    if (r.isError) fail(`${name}: ${r.content?.[0]?.text}`);
    called[name] = true;
    return r.structuredContent;
  };
  const search = await call("search_skills", { query: opt("--query") ?? "skill", top_k: 3 });
  await call("list_skills", { limit: 5 });
  if (skills.length > 0) {
    const ref = skills[0].uri.replace("skill://", "").replace(/\/SKILL\.md$/, "");
    const loaded = await call("get_skill", { name: ref, layer: 3 });
    await call("read_skill_file", { name: ref, path: "SKILL.md" });
    await call("record_outcome", { activation_id: loaded.activation_id, success: true });
  }
  emit({ event: "tools", called: Object.keys(called), searchResults: search?.results?.length ?? 0 });

  if (args.includes("--await-change")) {
    const t0 = Date.now();
    emit({ event: "awaiting-change" });
    while (changedAt === null && Date.now() - t0 < 15000) await new Promise((r) => setTimeout(r, 20));
    emit({ event: "change", at: changedAt });
  }
  emit({ event: "done" });
} catch (e) {
  fail(String(e?.stack ?? e));
} finally {
  try { await client.close(); } catch { /* gone already */ }
}
