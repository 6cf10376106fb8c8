// `hopso verify FILE.pdf [--json] [--trust DIR] [--crl FILE] [--lang vi|en]`: the same verifier as the server
// and the verify page, offline. Exit 0 only when every signature is valid and trusted, 1 when any is invalid
// or untrusted (or there is none), 2 when the input cannot be read (or the command is misused).
import { readFileSync } from 'node:fs';
import type { SignatureProblem, SignatureReport, VerificationReport } from '@hopso/shared/signature';
import { verifyPdf } from '@hopso/signature/verify';
import type { CliIo, Command } from './main.ts';
import { readCrlFile, readTrustDir } from './trust.ts';

interface Options { file: string; json: boolean; trustDirs: string[]; crlFiles: string[]; lang: 'vi' | 'en' }

const usage = 'hopso verify FILE.pdf [--json] [--trust DIR]... [--crl FILE]... [--lang vi|en]';

function parse(args: string[]): Options | string {
  const options: Options = { file: '', json: false, trustDirs: [], crlFiles: [], lang: (process.env.LANG ?? '').startsWith('vi') ? 'vi' : 'en' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = (): string | undefined => args[++i];
    if (arg === '--json') options.json = true;
    else if (arg === '--trust') { const v = value(); if (!v) return '--trust needs a directory'; options.trustDirs.push(v); }
    else if (arg === '--crl') { const v = value(); if (!v) return '--crl needs a file'; options.crlFiles.push(v); }
    else if (arg === '--lang') { const v = value(); if (v !== 'vi' && v !== 'en') return '--lang is vi or en'; options.lang = v; }
    else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else if (options.file) return 'only one FILE.pdf';
    else options.file = arg;
  }
  return options.file ? options : 'FILE.pdf is missing';
}

const labels = {
  en: { signature: 'Signature', timestamp: 'Document timestamp', valid: 'VALID', invalid: 'NOT VALID', untrusted: 'NOT TRUSTED', signer: 'signer', issuer: 'issued by', time: 'signing time', ts: 'timestamp', covers: 'covers the whole file', partly: 'covers the file up to a later revision (a later signature or security data follows)', changes: 'changes after signing', problems: 'problems', none: 'The document has no digital signature.', ok: 'Result: every signature is valid and trusted.', bad: 'Result: NOT valid — see the reasons above.', noTrust: 'note: no --trust directory given, so no certificate can be trusted.' },
  vi: { signature: 'Chữ ký', timestamp: 'Dấu thời gian tài liệu', valid: 'HỢP LỆ', invalid: 'KHÔNG HỢP LỆ', untrusted: 'KHÔNG TIN CẬY', signer: 'người ký', issuer: 'cấp bởi', time: 'thời gian ký', ts: 'dấu thời gian', covers: 'bao phủ toàn bộ tệp', partly: 'bao phủ tệp đến một phiên bản trước (sau đó có chữ ký hoặc dữ liệu xác thực khác)', changes: 'thay đổi sau khi ký', problems: 'lý do', none: 'Tài liệu không có chữ ký số nào.', ok: 'Kết quả: mọi chữ ký đều hợp lệ và tin cậy.', bad: 'Kết quả: KHÔNG hợp lệ — xem lý do ở trên.', noTrust: 'lưu ý: chưa chỉ định thư mục --trust nên không chứng thư nào được tin cậy.' },
} as const;

function printSignature(io: CliIo, s: SignatureReport, n: number, lang: 'vi' | 'en'): void {
  const l = labels[lang];
  const verdict = s.valid ? l.valid : s.integrity && !s.trusted && s.modifications.length === 0 ? l.untrusted : l.invalid;
  io.out(`${s.kind === 'documentTimestamp' ? l.timestamp : l.signature} ${n} "${s.fieldName}" — ${verdict}`);
  if (s.signer) io.out(`  ${l.signer}: ${[s.signer.commonName, s.signer.organisation].filter(Boolean).join(' — ')} (${l.issuer} ${s.signer.issuer})`);
  if (s.signingTime) io.out(`  ${l.time}: ${s.signingTime}`);
  if (s.timestamp) io.out(`  ${l.ts}: ${s.timestamp.time} (${s.timestamp.authority ?? '?'})`);
  io.out(`  ${s.coversWholeDocument ? l.covers : l.partly}`);
  const list = (title: string, items: SignatureProblem[]): void => {
    if (!items.length) return;
    io.out(`  ${title}:`);
    for (const p of items) io.out(`    - [${p.code}] ${p[lang]}`);
  };
  list(l.changes, s.modifications);
  list(l.problems, s.problems);
}

function print(io: CliIo, file: string, report: VerificationReport, lang: 'vi' | 'en', trustGiven: boolean): void {
  const l = labels[lang];
  io.out(`${file}\n  SHA-256 ${report.sha256}`);
  if (report.error) { io.out(`[${report.error.code}] ${report.error[lang]}`); return; }
  if (!report.signatures.length) io.out(l.none);
  report.signatures.forEach((s, i) => printSignature(io, s, i + 1, lang));
  if (!trustGiven) io.out(l.noTrust);
  io.out(report.ok ? l.ok : l.bad);
}

export const verifyCommand: Command = {
  summary: 'verify the digital signatures of a PDF (exit 0 valid and trusted, 1 not, 2 unreadable)',
  usage,
  async run(args, io) {
    const options = parse(args);
    if (typeof options === 'string') { io.err(`hopso verify: ${options}\nusage: ${usage}`); return 2; }
    let pdf: Uint8Array;
    let anchors: Uint8Array[] = [];
    let crls: Uint8Array[] = [];
    try {
      pdf = new Uint8Array(readFileSync(options.file));
      for (const dir of options.trustDirs) { const m = readTrustDir(dir); anchors = anchors.concat(m.anchors); crls = crls.concat(m.crls); }
      for (const file of options.crlFiles) crls = crls.concat(readCrlFile(file));
    } catch (error) {
      io.err(`hopso verify: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    }
    const report = await verifyPdf(pdf, { trustAnchors: anchors, crls });
    if (options.json) io.out(JSON.stringify(report, null, 2));
    else print(io, options.file, report, options.lang, options.trustDirs.length > 0);
    return report.error ? 2 : report.ok ? 0 : 1;
  },
};
