import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { equalBytes, sha256 } from './bytes.ts';
import { createCms, parseSignedData, signedAttributesDer } from './cms.ts';
import { OID } from './oids.ts';
import { signerFor, testPki } from './testing.ts';

describe('createCms (PAdES B-B)', () => {
  it('is a detached SignedData with content-type, message-digest and signing-certificate-v2, and no signing-time', async () => {
    const pki = await testPki();
    const digest = await sha256(new TextEncoder().encode('nội dung nghị quyết'));
    const signedData = parseSignedData(await createCms(signerFor(pki, pki.chair), digest));
    expect(signedData.encapContentInfo.eContent).toBeUndefined();
    const info = signedData.signerInfos[0]!;
    const types = info.signedAttrs!.attributes.map((a) => a.type);
    expect(types.sort()).toEqual([OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort());
    expect(types).not.toContain(OID.signingTime);
    expect(info.digestAlgorithm.algorithmId).toBe(OID.sha256);
    const md = info.signedAttrs!.attributes.find((a) => a.type === OID.messageDigest)!.values[0] as asn1js.OctetString;
    expect(equalBytes(new Uint8Array(md.valueBlock.valueHexView), digest)).toBe(true);
  });

  it('names the signer certificate by its SHA-256 in signing-certificate-v2', async () => {
    const pki = await testPki();
    const signedData = parseSignedData(await createCms(signerFor(pki, pki.chair), await sha256(new Uint8Array([1]))));
    const attr = signedData.signerInfos[0]!.signedAttrs!.attributes.find((a) => a.type === OID.signingCertificateV2)!;
    const certId = ((attr.values[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const hash = new Uint8Array((certId.valueBlock.value[0] as asn1js.OctetString).valueBlock.valueHexView);
    expect(equalBytes(hash, await sha256(pki.chair.certificate))).toBe(true);
    expect(equalBytes(hash, await sha256(pki.seal.certificate))).toBe(false);
  });

  it('signs the DER of the signed attributes (sorted SET OF) with the signer key', async () => {
    const pki = await testPki();
    const signedData = parseSignedData(await createCms(signerFor(pki, pki.chair), await sha256(new Uint8Array([2]))));
    const info = signedData.signerInfos[0]!;
    const der = signedAttributesDer(info.signedAttrs!);
    expect(der[0]).toBe(0x31);
    const encoded = info.signedAttrs!.attributes.map((a) => Array.from(new Uint8Array(a.toSchema().toBER())).join(','));
    expect([...encoded].sort((a, b) => compare(a, b))).toEqual(encoded);
    const cert = pkijs.Certificate.fromBER(pki.chair.certificate.buffer);
    const ok = await pkijs.getCrypto(true).verifyWithPublicKey(der, info.signature, cert.subjectPublicKeyInfo, info.signatureAlgorithm, 'SHA-256');
    expect(ok).toBe(true);
    der[der.length - 1]! ^= 1;
    expect(await pkijs.getCrypto(true).verifyWithPublicKey(der, info.signature, cert.subjectPublicKeyInfo, info.signatureAlgorithm, 'SHA-256')).toBe(false);
  });

  it('refuses a digest that is not SHA-256 sized', async () => {
    const pki = await testPki();
    await expect(createCms(signerFor(pki, pki.chair), new Uint8Array(20))).rejects.toThrow(/SHA-256/);
  });
});

function compare(a: string, b: string): number {
  const x = a.split(',').map(Number); const y = b.split(',').map(Number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
