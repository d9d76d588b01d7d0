import fs from "node:fs";

/** Debian's Chromium (Playwright cannot download its own browser here). */
export function findChromium(): string | null {
  for (const candidate of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

if (process.argv[1]?.endsWith("ensure-chromium.ts")) {
  const found = findChromium();
  if (found) console.log(found);
  else {
    console.error("Chromium이 없어요. 설치: sudo apt-get update && sudo apt-get install -y chromium");
    process.exit(1);
  }
}
