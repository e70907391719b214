import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const SCRIPT = `
import { extractText, getDocumentProxy } from 'unpdf';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const proxy = await getDocumentProxy(new Uint8Array(Buffer.concat(chunks)));
const { text, totalPages } = await extractText(proxy, { mergePages: true });
process.stdout.write(JSON.stringify({ text, pages: totalPages }));
`;

/**
 * The text of a PDF, extracted with unpdf (PDF.js) in a child Node process: unpdf loads PDF.js by a
 * dynamic import, which Jest's CommonJS runtime cannot do.
 */
export function pdfText(pdf: Buffer): { text: string; pages: number } {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT], {
    input: pdf,
    cwd: resolve(__dirname, '../../..'),
    maxBuffer: 64 * 1024 * 1024,
  });
  const parsed = JSON.parse(out.toString('utf8')) as { text: string; pages: number };
  return { text: parsed.text.replace(/\s+/g, ' '), pages: parsed.pages };
}
