// Interlock gate for OpenCode. Installed by `interlock install opencode`; `interlock uninstall opencode` removes it.
// Before every tool call it asks the running Interlock service (POST /v1/hook/opencode, no process spawn). When
// the service is not reachable it runs the interlock-hook client, which decides with the local policy and fails
// closed. Anything but an explicit "allow" throws, which blocks the tool call and tells the model why.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";

const CLIENT = __CLIENT__;
const DATA_DIR = __DATA_DIR__;
const BUDGET_MS = __BUDGET_MS__;

function firstLine(path) {
  try {
    return readFileSync(path, "utf8").split("\n")[0].trim();
  } catch {
    return "";
  }
}

function baseUrl(endpoint) {
  if (!endpoint) return "";
  if (/^https?:\/\//.test(endpoint)) return endpoint.replace(/\/+$/, "");
  if (/^\d+$/.test(endpoint)) return `http://127.0.0.1:${endpoint}`;
  return `http://${endpoint}`;
}

// node:http rather than fetch: fetch adds Sec-Fetch-* headers, which the control API refuses as browser traffic.
function viaService(payload) {
  const run = join(process.env.INTERLOCK_HOME || DATA_DIR, "run");
  const base = baseUrl(firstLine(join(run, "endpoint")));
  const token = firstLine(join(run, "hook-token"));
  if (!base || !token) return Promise.resolve(null);
  const url = new URL(`${base}/v1/hook/opencode`);
  return new Promise((resolve, reject) => {
    const req = request({
      host: url.hostname, port: url.port, path: url.pathname, method: "POST",
      headers: { "Authorization": `Bearer ${token}`, "Content-Type": "application/json",
                 "Content-Length": Buffer.byteLength(payload),
                 "X-Interlock-Budget": String(Math.floor(BUDGET_MS / 1000)) },
      timeout: BUDGET_MS,
    }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve(res.statusCode === 200 && res.headers["x-interlock-exit"] !== undefined ? body : null));
    });
    req.on("timeout", () => {
      req.destroy();
      reject(new Error("Blocked by Interlock: no answer from Interlock in time, so this action was not allowed."));
    });
    req.on("error", () => resolve(null)); // not running: the client's fallback decides
    req.end(payload);
  });
}

function viaClient(payload) {
  return new Promise((resolve, reject) => {
    const child = spawn(CLIENT, ["opencode"], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", (e) => reject(new Error(`Blocked by Interlock: cannot run ${CLIENT} (${e.message}).`)));
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(err.trim() || `Blocked by Interlock (exit ${code}).`))));
    child.stdin.end(payload);
  });
}

export const InterlockGate = async ({ directory }) => ({
  "tool.execute.before": async (input, output) => {
    const payload = JSON.stringify({ tool: input.tool, sessionID: input.sessionID, callID: input.callID,
                                     args: output.args, cwd: directory });
    const raw = (await viaService(payload)) ?? (await viaClient(payload));
    let verdict;
    try {
      verdict = JSON.parse(raw);
    } catch {
      throw new Error("Blocked by Interlock: unreadable answer from Interlock.");
    }
    if (!verdict || verdict.decision !== "allow") {
      throw new Error((verdict && verdict.reason) || "Blocked by Interlock.");
    }
  },
});
