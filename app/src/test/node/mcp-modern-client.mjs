// A test client built on the official MCP TypeScript client v2 (@modelcontextprotocol/client 2.4.0), driven by
// McpModernClientTest. It speaks protocol revision 2026-07-28: with --mode pin it is pinned to it (no fallback to
// initialize: anything but a 2026-07-28 discover result fails), with --mode auto it negotiates as it does by default
// in auto mode (server/discover first). It connects over stdio (--stdio COMMAND...) or Streamable HTTP (--url URL,
// with --token T), and prints one JSON line per finding on stdout; the Java test reads them. What it checks:
//  - the era and version negotiated, and the server's capabilities (the Skills Extension with resources);
//  - skills/list over every page and skills/get of each skill through the SDK's SkillsClient, which validates
//    every entry (name rules, the name is the URI's last segment, the manifest complete and inside the skill,
//    digests and sizes well formed) and the caching fields 2026-07-28 requires;
//  - every file of the first --read-skills skills read with SkillsClient.read, which checks size, digest and (for
//    SKILL.md) the frontmatter against the entry;
//  - every tool called, the client validating each structuredContent against the tool's outputSchema;
//  - (with --await-change) subscriptions/listen for resource list changes: the "change" line gives the wall-clock
//    time (ms since the epoch) the notification arrived, for the test to compare with when its import ended.
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { SkillsClient } from "@modelcontextprotocol/client/ext/skills";

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
const mode = opt("--mode") === "auto" ? "auto" : { pin: "2026-07-28" };
const client = new Client({ name: "skilldesk-ts-v2-test-client", version: "1.0.0" },
  { capabilities: { extensions: { "io.modelcontextprotocol/skills": {} } }, versionNegotiation: { mode } });
let changedAt = null;
client.setNotificationHandler("notifications/resources/list_changed", () => {
  if (changedAt === null) changedAt = Date.now();
});

try {
  await client.connect(transport);
  const caps = client.getServerCapabilities();
  emit({ event: "connected", era: client.getProtocolEra() ?? null, version: client.getNegotiatedProtocolVersion() ?? null,
    extension: caps?.extensions?.["io.modelcontextprotocol/skills"] ?? null, resources: caps?.resources ?? null });

  const skillsClient = new SkillsClient(client);
  if (!skillsClient.supported) fail("the server does not declare the Skills Extension");
  const listing = await skillsClient.list();
  const skills = listing.skills;
  emit({ event: "skills", uris: skills.map((s) => s.uri) });

  const readSkills = Number(opt("--read-skills") ?? 3);
  let verified = 0;
  for (const s of skills) {
    const got = await skillsClient.get(s.uri);
    if (got.skill.uri !== s.uri) fail(`skills/get ${s.uri} answered ${got.skill.uri}`);
    if (JSON.stringify(got.skill.resources) !== JSON.stringify(s.resources)) fail(`skills/get ${s.uri} differs from the listing`);
    if (typeof got.ttlMs !== "number" || !got.cacheScope) fail(`skills/get ${s.uri}: no caching fields`);
  }
  for (const s of skills.slice(0, readSkills)) {
    for (const r of s.resources) {
      const file = await skillsClient.read(s, r.uri);
      if (file.verified === false) fail(`${r.uri}: not verified`);
      verified++;
    }
  }
  emit({ event: "verified", files: verified });

  // every tool, each result validated by the client against the tool's outputSchema
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
  emit({ event: "tools", called: Object.keys(called), names: tools.map((t) => t.name),
    searchResults: search?.results?.length ?? 0 });

  if (args.includes("--await-change")) {
    const sub = await client.listen({ resourcesListChanged: true });
    emit({ event: "listening", honored: sub.honoredFilter });
    const t0 = Date.now();
    emit({ event: "awaiting-change" });
    while (changedAt === null && Date.now() - t0 < 15000) await new Promise((r) => setTimeout(r, 20));
    emit({ event: "change", at: changedAt });
    await sub.close();
    emit({ event: "closed", how: await sub.closed });
  }
  emit({ event: "done" });
} catch (e) {
  fail(String(e?.stack ?? e));
} finally {
  try { await client.close(); } catch { /* gone already */ }
}
