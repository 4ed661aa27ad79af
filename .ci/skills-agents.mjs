#!/usr/bin/env node
// Print the agents table of an installed `skills` npm package (vercel-labs/skills) as JSON.
//
// Why not just import() it?  node_modules/skills/dist/cli.mjs is the whole CLI in one
// un-minified ESM bundle (rolldown output) that ends with `export {};` -- the `agents`
// object is module-private, and importing the file *runs the CLI* (it calls main() on
// process.argv at top level).  It also imports `glob` from fs/promises, which only exists
// on Node >= 22 (package.json "engines": {"node": ">=22.20.0"}), so on Node 20 even the
// import fails at link time.
//
// So this script reads the bundle as text, slices the region
//     const home = homedir();   ...   const agents = { ... };
// (everything up to `async function detectInstalledAgents`), and evaluates just that slice
// with injected stand-ins for homedir/join/existsSync/readFileSync/xdgConfig/process.env.
// That works on Node 20 and never runs the CLI.
//
// Usage:
//   node dump-agents.mjs [--pkg DIR] [--resolved] [--detect-src] [--out FILE]
//     --pkg DIR    package root (default: ./node_modules/skills, then resolve from cwd)
//     --resolved   use the real HOME / XDG_CONFIG_HOME / CODEX_HOME ... instead of `~`
//     --detect-src include the source text of each detectInstalled() function
//     --out FILE   write to FILE instead of stdout
//
// Default ("tilde") mode: home = "~", XDG_CONFIG_HOME unset (so configHome = ~/.config),
// and all *_HOME env vars unset, so paths come out as "~/.claude/skills" etc.
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const resolved = args.includes('--resolved');
const withDetectSrc = args.includes('--detect-src');

function findPkg() {
  const explicit = opt('--pkg');
  if (explicit) return path.resolve(explicit);
  const local = path.resolve('node_modules/skills');
  if (existsSync(path.join(local, 'package.json'))) return local;
  const req = createRequire(path.join(process.cwd(), 'noop.js'));
  return path.dirname(req.resolve('skills/package.json'));
}

const pkgDir = findPkg();
const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const bundlePath = path.join(pkgDir, 'dist', 'cli.mjs');
const src = readFileSync(bundlePath, 'utf8');

const START = 'const home = homedir();';
const END = 'async function detectInstalledAgents';
const a = src.indexOf(START);
const b = src.indexOf(END, a);
if (a < 0 || b < 0) {
  throw new Error(`could not find agents table markers in ${bundlePath} (skills ${pkg.version})`);
}
const slice = src.slice(a, b);

// Env vars the slice reads through process.env (collected for the report).
const envVars = [...new Set([...slice.matchAll(/process\.env\.([A-Z_]+)/g)].map((m) => m[1]))];

const posixJoin = path.posix.join;
let fakeProcess, homedirFn, joinFn, xdgConfig, existsFn, readFn;
if (resolved) {
  const os = await import('node:os');
  homedirFn = os.homedir;
  joinFn = path.join;
  // xdg-basedir: xdgConfig = env.XDG_CONFIG_HOME || (homedir ? join(homedir, '.config') : undefined)
  xdgConfig = process.env.XDG_CONFIG_HOME || posixJoin(os.homedir(), '.config');
  fakeProcess = process;
  existsFn = existsSync;
  readFn = readFileSync;
} else {
  homedirFn = () => '~';
  joinFn = posixJoin;
  xdgConfig = undefined; // -> configHome = ~/.config
  fakeProcess = { env: {}, cwd: () => '.', platform: 'linux' };
  existsFn = () => false; // evaluation-time existsSync (openclaw's global dir picks ~/.openclaw/skills)
  readFn = () => '{}';
}

// eslint-disable-next-line no-new-func
const build = new Function(
  'homedir', 'join', 'existsSync', 'readFileSync', 'xdgConfig', 'process',
  `${slice}\nreturn agents;`
);
const agents = build(homedirFn, joinFn, existsFn, readFn, xdgConfig, fakeProcess);

// Map `const fooHome = process.env.FOO?.trim() || ...` variables to their env var, and
// note which agents use them (in globalSkillsDir and/or in detectInstalled).
const homeVarEnv = { configHome: 'XDG_CONFIG_HOME' };
for (const m of slice.matchAll(/const (\w+) = process\.env\.([A-Z_]+)/g)) homeVarEnv[m[1]] = m[2];
function agentBlock(id) {
  const i = slice.indexOf(`name: "${id}",`);
  const j = slice.indexOf('\n\t}', i);
  return i < 0 ? '' : slice.slice(i, j);
}
const helperSrc = {};
for (const m of slice.matchAll(/^function (\w+)\(([^)]*)\) \{\n([\s\S]*?)\n\}/gm)) {
  helperSrc[m[1]] = `function ${m[1]}(${m[2]}) { ${m[3].trim()} }`.replace(/\s+/g, ' ');
}
function envUse(id) {
  const block = agentBlock(id);
  const g = (block.match(/globalSkillsDir: (.*)/) || [])[1] || '';
  const d = block.slice(block.indexOf('detectInstalled'));
  const res = {};
  for (const [v, env] of Object.entries(homeVarEnv)) {
    const re = new RegExp(`\\b${v}\\b`);
    if (re.test(g)) (res.globalDir ??= []).push(env);
    if (re.test(d)) (res.detect ??= []).push(env);
  }
  return Object.keys(res).length ? res : undefined;
}

const out = Object.entries(agents).map(([id, c]) => {
  const universal = c.skillsDir === '.agents/skills';
  const row = {
    id,
    displayName: c.displayName,
    projectDir: c.skillsDir,
    globalDir: c.globalSkillsDir ?? null,
  };
  // Where `skills add --global -a <id>` really writes: universal agents (projectDir
  // .agents/skills) go to the canonical ~/.agents/skills and get NO symlink into globalDir
  // (getAgentBaseDir / installSkillForAgent).  Agents without a globalSkillsDir reject --global.
  row.globalInstallDir = c.globalSkillsDir === undefined ? null
    : universal ? (resolved ? posixJoin(homedirFn(), '.agents/skills') : '~/.agents/skills')
    : c.globalSkillsDir;
  row.universal = universal;
  if (c.showInUniversalList === false) row.showInUniversalList = false;
  if (c.showInUniversalPrompt === false) row.showInUniversalPrompt = false;
  if (c.createProjectSkillsDirByDefault) row.createProjectSkillsDirByDefault = true;
  const det = c.detectInstalled.toString();
  const m = det.match(/\{\s*([\s\S]*)\}\s*$/);
  const body = (m ? m[1] : det).trim();
  row.detect = body.replace(/^async\s*\(\)\s*=>\s*/, '').replace(/^return\s+/, '').replace(/;\s*$/, '').replace(/\s+/g, ' ');
  // Inline helper functions from the bundle that the detect / globalDir code calls.
  const block = agentBlock(id);
  const helpers = {};
  for (const [name, fsrc] of Object.entries(helperSrc)) {
    if (new RegExp(`\\b${name}\\(`).test(block)) helpers[name] = fsrc;
  }
  if (Object.keys(helpers).length) row.helpers = helpers;
  const env = envUse(id);
  if (env) row.env = env;
  if (withDetectSrc) row.detectSrc = det;
  return row;
});

const result = JSON.stringify(out, null, 2) + '\n';
const outFile = opt('--out');
if (outFile) {
  writeFileSync(outFile, result);
  console.error(`skills ${pkg.version}: ${out.length} entries -> ${outFile}; env vars read: ${envVars.join(', ')}`);
} else {
  process.stdout.write(result);
}
