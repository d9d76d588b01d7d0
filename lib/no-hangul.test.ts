/**
 * lib/ speaks in codes: every sentence a person reads lives in `messages/<locale>/*.json` and
 * is worded at the edge. Shop content is the exception: the demo shop (`lib/demo`, seed),
 * the consultation demo templates, test fixtures and the default consent texts the owner
 * publishes as their own. A line may opt out with a `hangul-ok: <reason>` comment (stored
 * event notes until typed events replace them; a word already chosen by locale).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { expect, it } from "vitest";

const ROOT = path.join(import.meta.dirname);
// Shop content and demo data, and the particle helper (its data is Korean letters, not sentences).
const SHOP_CONTENT = [/^demo\//, /^consultations\/demo-templates\.ts$/, /^customers\/consent\.ts$/, /^korean-particle\.ts$/];
const HANGUL = /[\uAC00-\uD7A3\u3131-\u318E]/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [full] : [];
  });
}

function hangulLiterals(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const lines = text.split("\n");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      const raw = node.getText(source);
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      if (HANGUL.test(raw) && !/hangul-ok:/.test(lines[line])) found.push(`${path.relative(ROOT, file)}:${line + 1}: ${raw.slice(0, 60)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

it("has no Hangul string literal in lib/ outside shop content", () => {
  const files = sourceFiles(ROOT).filter((f) => !SHOP_CONTENT.some((re) => re.test(path.relative(ROOT, f).split(path.sep).join("/"))));
  expect(files.length).toBeGreaterThan(50);
  expect(files.flatMap(hangulLiterals)).toEqual([]);
});

it("finds one when there is one (the check can fail)", () => {
  const tmp = path.join(fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), "hangul-")), "x.ts");
  fs.writeFileSync(
    tmp,
    'export const a = "ok"; // 주석은 괜찮아요\nexport const b = `안녕 ${a}`;\nexport const c = "됨"; // hangul-ok: test\n',
  );
  expect(hangulLiterals(tmp)).toHaveLength(1);
});
