// The verification report of a signed PDF (@hopso/signature/verify → the server's verify routes → the public
// verify page and `hopso verify --json`), and the bilingual catalogue of reasons a signature is refused.
import { z } from 'zod';

/** One specific reason, in both languages (messages may name a page or an object). */
export const signatureProblemSchema = z.object({ code: z.string(), vi: z.string(), en: z.string() });
export type SignatureProblem = z.infer<typeof signatureProblemSchema>;

export const signatureSignerSchema = z.object({
  commonName: z.string().nullable(),
  organisation: z.string().nullable(),
  /** Subject serialNumber attribute, else the certificate serial in hex. */
  serialNumber: z.string(),
  issuer: z.string(),
});
export type SignatureSigner = z.infer<typeof signatureSignerSchema>;

export const signatureReportSchema = z.object({
  fieldName: z.string(),
  kind: z.enum(['signature', 'documentTimestamp']),
  subFilter: z.string().nullable(),
  signer: signatureSignerSchema.nullable(),
  /** /M of the signature dictionary, ISO 8601 in Vietnam time (+07:00). */
  signingTime: z.string().nullable(),
  /** RFC 3161 timestamp (signature timestamp, or the document timestamp itself). */
  timestamp: z.object({ time: z.string(), authority: z.string().nullable() }).nullable(),
  reason: z.string().nullable(),
  location: z.string().nullable(),
  /** The signature covers the whole file (false for all but the last of several signatures: expected). */
  coversWholeDocument: z.boolean(),
  /** Changes made after this signature that are NOT allowed (new page content, swapped catalog…). */
  modifications: z.array(signatureProblemSchema),
  /** Allowed later changes, for information (a later signature, DSS, …). */
  laterRevisions: z.number().int(),
  /** Digest over the ByteRange and the signature over the signed attributes both check out. */
  integrity: z.boolean(),
  /** Chains to a trust anchor, key usage allows signing, valid at signing time, not revoked. */
  trusted: z.boolean(),
  /** integrity && trusted && no modifications && every structural check passed. */
  valid: z.boolean(),
  problems: z.array(signatureProblemSchema),
});
export type SignatureReport = z.infer<typeof signatureReportSchema>;

export const verificationReportSchema = z.object({
  /** At least one signature, and every one valid and trusted. */
  ok: z.boolean(),
  /** SHA-256 of the whole file, hex. */
  sha256: z.string(),
  signatures: z.array(signatureReportSchema),
  /** Set when the file cannot be read at all (not a PDF, damaged): then ok is false and signatures empty. */
  error: signatureProblemSchema.optional(),
});
export type VerificationReport = z.infer<typeof verificationReportSchema>;

/** Every reason with its messages; `{x}` placeholders are filled by signatureProblem(code, { x }). */
export const signatureProblemCatalog = {
  unreadable_pdf: { vi: 'Không đọc được tệp PDF: {detail}.', en: 'The PDF cannot be read: {detail}.' },
  no_signatures: { vi: 'Tài liệu không có chữ ký số nào.', en: 'The document has no digital signature.' },
  not_a_signature: { vi: 'Trường chữ ký không trỏ tới một từ điển chữ ký (/Type /Sig).', en: 'The signature field does not point to a signature dictionary (/Type /Sig).' },
  unsupported_subfilter: { vi: 'Định dạng chữ ký {subFilter} không được hỗ trợ.', en: 'Signature format {subFilter} is not supported.' },
  byterange_malformed: { vi: 'ByteRange không hợp lệ: {detail}.', en: 'The ByteRange is malformed: {detail}.' },
  byterange_gap: { vi: 'Phần không được ký không đúng là nội dung chữ ký (/Contents) — dấu hiệu tấn công bọc chữ ký.', en: 'The unsigned gap is not exactly the signature value (/Contents) — a signature wrapping attack.' },
  contents_mismatch: { vi: 'Giá trị /Contents của chữ ký không phải phần nằm trong khoảng trống của ByteRange (có /Contents thứ hai).', en: 'The signature dictionary’s /Contents is not the value in the ByteRange gap (a second /Contents).' },
  byterange_not_revision: { vi: 'Phần được ký không kết thúc ở cuối một phiên bản của tệp (%%EOF).', en: 'The signed part does not end at the end of a revision of the file (%%EOF).' },
  byterange_not_covering: { vi: 'ByteRange không bao phủ tệp: {detail}.', en: 'The ByteRange does not cover the file: {detail}.' },
  signature_unreadable: { vi: 'Không đọc được dữ liệu chữ ký (CMS): {detail}.', en: 'The signature data (CMS) cannot be read: {detail}.' },
  digest_mismatch: { vi: 'Nội dung đã bị thay đổi sau khi ký: giá trị băm không khớp.', en: 'The content was changed after signing: the digest does not match.' },
  signature_invalid: { vi: 'Chữ ký không khớp với khóa của chứng thư ký.', en: 'The signature does not verify with the signer’s certificate key.' },
  signer_certificate_missing: { vi: 'Chữ ký không kèm chứng thư của người ký.', en: 'The signature does not include the signer’s certificate.' },
  signing_certificate_mismatch: { vi: 'Thuộc tính signing-certificate-v2 không khớp với chứng thư ký.', en: 'The signing-certificate-v2 attribute does not match the signer’s certificate.' },
  missing_attribute: { vi: 'Thiếu thuộc tính bắt buộc {attribute}.', en: 'The required attribute {attribute} is missing.' },
  certificate_untrusted: { vi: 'Chứng thư của người ký không thuộc chuỗi tin cậy: {detail}.', en: 'The signer’s certificate does not chain to a trusted root: {detail}.' },
  certificate_expired: { vi: 'Chứng thư đã hết hạn ({notAfter}) trước thời điểm ký.', en: 'The certificate had expired ({notAfter}) before the signing time.' },
  certificate_not_yet_valid: { vi: 'Chứng thư chưa có hiệu lực (từ {notBefore}) tại thời điểm ký.', en: 'The certificate was not yet valid (from {notBefore}) at the signing time.' },
  certificate_revoked: { vi: 'Chứng thư đã bị thu hồi từ {date}.', en: 'The certificate was revoked on {date}.' },
  key_usage: { vi: 'Mục đích sử dụng khóa của chứng thư không cho phép ký số ({detail}).', en: 'The certificate’s key usage does not allow signing ({detail}).' },
  timestamp_invalid: { vi: 'Dấu thời gian không hợp lệ: {detail}.', en: 'The timestamp is not valid: {detail}.' },
  // Changes after signing (modifications).
  page_content_changed: { vi: 'Nội dung trang {page} đã bị thay đổi sau khi ký.', en: 'The content of page {page} was changed after signing.' },
  page_changed: { vi: 'Trang {page} đã bị sửa sau khi ký ({detail}).', en: 'Page {page} was changed after signing ({detail}).' },
  pages_changed: { vi: 'Danh sách trang đã bị thay đổi sau khi ký ({detail}).', en: 'The page list was changed after signing ({detail}).' },
  catalog_changed: { vi: 'Danh mục gốc của tài liệu (Catalog) đã bị thay đổi sau khi ký ({detail}).', en: 'The document catalog was changed after signing ({detail}).' },
  annotation_added: { vi: 'Có chú thích hoặc trường mới không phải chữ ký được thêm trên trang {page} sau khi ký.', en: 'A non-signature annotation or field was added on page {page} after signing.' },
  form_changed: { vi: 'Biểu mẫu (AcroForm) đã bị thay đổi sau khi ký ({detail}).', en: 'The form (AcroForm) was changed after signing ({detail}).' },
  signature_changed: { vi: 'Chữ ký {field} đã bị thay đổi sau khi ký.', en: 'Signature {field} was changed after signing.' },
  object_changed: { vi: 'Đối tượng {object} đã bị thay đổi sau khi ký ({detail}).', en: 'Object {object} was changed after signing ({detail}).' },
  object_freed: { vi: 'Đối tượng {object} đã bị xóa sau khi ký.', en: 'Object {object} was deleted after signing.' },
  unsigned_data: { vi: 'Cuối tệp có dữ liệu không thuộc phiên bản nào và không được ký.', en: 'The end of the file holds data outside any revision that nobody signed.' },
  xref_mismatch: { vi: 'Phần thêm sau khi ký định nghĩa đối tượng {object} không khớp với bảng tham chiếu ({detail}) — trình xem sẽ hiển thị khác với nội dung được kiểm tra.', en: 'The part added after signing defines object {object} inconsistently with its cross-reference table ({detail}) — viewers would show something other than what was checked.' },
  unreadable_revision: { vi: 'Không đọc được phần được thêm sau khi ký.', en: 'The part added after signing cannot be read.' },
  docmdp_violation: { vi: 'Tài liệu đã chứng nhận không cho phép thay đổi này (DocMDP P={level}).', en: 'The certified document does not allow this change (DocMDP P={level}).' },
} as const satisfies Record<string, { vi: string; en: string }>;
export type SignatureProblemCode = keyof typeof signatureProblemCatalog;

export function signatureProblem(code: SignatureProblemCode, params: Record<string, string | number> = {}): SignatureProblem {
  const fill = (s: string): string => s.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '?'));
  const entry = signatureProblemCatalog[code];
  return { code, vi: fill(entry.vi), en: fill(entry.en) };
}
