// Prints where the test time went, from the TRX files scripts/test.sh writes: each project's wall time and test
// count, then its slowest classes (summed test durations). Usage: node scripts/test-times.mjs artifacts/test-results
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? "artifacts/test-results";
const seconds = (d) => d.split(":").reduce((total, part) => total * 60 + Number(part), 0);
const attr = (tag, name) => (tag.match(new RegExp(`\\b${name}="([^"]*)"`)) ?? [])[1];

for (const file of readdirSync(dir).filter((f) => f.endsWith(".trx")).sort()) {
  const xml = readFileSync(join(dir, file), "utf8");
  const times = xml.match(/<Times [^>]*>/)?.[0] ?? "";
  const wall = (Date.parse(attr(times, "finish")) - Date.parse(attr(times, "start"))) / 1000;
  const classOf = new Map();
  for (const m of xml.matchAll(/<UnitTest [^>]*id="([^"]+)"[\s\S]*?<TestMethod [^>]*className="([^"]+)"/g)) classOf.set(m[1], m[2]);
  const perClass = new Map();
  let count = 0;
  for (const m of xml.matchAll(/<UnitTestResult [^>]*>/g)) {
    count++;
    const name = classOf.get(attr(m[0], "testId")) ?? "?";
    perClass.set(name, (perClass.get(name) ?? 0) + seconds(attr(m[0], "duration") ?? "0:0:0"));
  }
  console.log(`${file.replace(/\.trx$/, "")}: ${wall.toFixed(0)} s wall, ${count} tests`);
  for (const [name, total] of [...perClass].sort((a, b) => b[1] - a[1]).slice(0, 5)) {
    console.log(`  ${total.toFixed(1).padStart(7)} s  ${name}`);
  }
}
