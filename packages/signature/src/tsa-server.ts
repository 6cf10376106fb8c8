// A local RFC 3161 timestamp authority for tests (Node only): POST application/timestamp-query on 127.0.0.1,
// answered with a granted token signed by a TSA certificate (extended key usage timeStamping, critical).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sha256, toArrayBuffer } from './bytes.ts';
import { encodeSignedData, signerInfoFor } from './cms.ts';
import { OID } from './oids.ts';
import { issueCertificate, type Issued } from './pki.ts';
import { cryptoKeySigner } from './signer.ts';

export interface TestTsa {
  url: string;
  /** The TSA's certificate (DER), issued by `issuer` or self-signed. */
  certificate: Uint8Array<ArrayBuffer>;
  /** How many tokens it has issued. */
  issued: () => number;
  close: () => Promise<void>;
}

export async function startTestTsa(opts: { issuer?: Issued; now?: () => Date } = {}): Promise<TestTsa> {
  const tsa = await issueCertificate({ commonName: 'Họp Số Test TSA', organisation: 'Họp Số', issuer: opts.issuer, keyUsage: ['digitalSignature'], extKeyUsage: [OID.timeStamping] });
  const chain = opts.issuer ? [tsa.certificate, opts.issuer.certificate] : [tsa.certificate];
  const signer = cryptoKeySigner(tsa.privateKey, chain);
  let count = 0;

  async function answer(body: Uint8Array): Promise<Uint8Array> {
    const request = pkijs.TimeStampReq.fromBER(toArrayBuffer(body));
    const info = new pkijs.TSTInfo({
      version: 1,
      policy: '1.3.6.1.4.1.99999.1',
      messageImprint: request.messageImprint,
      serialNumber: new asn1js.Integer({ value: ++count }),
      genTime: opts.now?.() ?? new Date(),
      ordering: false,
      ...(request.nonce ? { nonce: request.nonce } : {}),
    });
    const tstInfo = new Uint8Array(info.toSchema().toBER());
    const { signerInfo, chain: certs } = await signerInfoFor(signer, await sha256(tstInfo), OID.tstInfo);
    const token = pkijs.ContentInfo.fromBER(toArrayBuffer(encodeSignedData(signerInfo, certs, OID.tstInfo, tstInfo)));
    const response = new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: 0 }), timeStampToken: token });
    return new Uint8Array(response.toSchema().toBER());
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') { res.writeHead(400).end(); return; }
      answer(Buffer.concat(chunks)).then(
        (der) => res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(der),
        () => res.writeHead(400).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    certificate: tsa.certificate,
    issued: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
