import {
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from "node:crypto";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  GeneralName,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectAlternativeName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_kp_serverAuth,
} from "@peculiar/asn1-x509";

/*
 * Built from the ASN.1 classes and signed with node:crypto: the @peculiar/x509 generator needs a
 * reflect-metadata polyfill that the project does not install.
 */

export interface TestPki {
  /** PEM of the CA that signed `certPem`: what a client must trust. */
  caPem: string;
  keyPem: string;
  certPem: string;
}

const ECDSA_SHA256 = "1.2.840.10045.4.3.2";
const COMMON_NAME = "2.5.4.3";

function toArrayBuffer(buf: Buffer): ArrayBuffer {
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

function nameOf(cn: string): Name {
  return new Name([
    new RelativeDistinguishedName([
      new AttributeTypeAndValue({
        type: COMMON_NAME,
        value: new AttributeValue({ utf8String: cn }),
      }),
    ]),
  ]);
}

function ext(extnID: string, value: unknown, critical = false): Extension {
  return new Extension({
    extnID,
    critical,
    extnValue: new OctetString(AsnConvert.serialize(value)),
  });
}

function issue(
  subject: Name,
  subjectKey: KeyObject,
  issuer: Name,
  issuerKey: KeyObject,
  extensions: Extension[],
) {
  const serial = randomBytes(16);
  // Positive and minimal in DER: a leading 0x00 before a byte < 0x80 is "illegal padding".
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  const now = Date.now();
  const tbs = new TBSCertificate({
    version: 2,
    serialNumber: toArrayBuffer(serial),
    signature: new AlgorithmIdentifier({ algorithm: ECDSA_SHA256 }),
    issuer,
    validity: new Validity({
      notBefore: new Date(now - 60_000),
      notAfter: new Date(now + 86_400_000),
    }),
    subject,
    subjectPublicKeyInfo: AsnConvert.parse(
      createPublicKey(subjectKey).export({ type: "spki", format: "der" }),
      SubjectPublicKeyInfo,
    ),
    extensions: new Extensions(extensions),
  });
  const signature = sign("sha256", Buffer.from(AsnConvert.serialize(tbs)), issuerKey);
  const cert = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: ECDSA_SHA256 }),
    signatureValue: toArrayBuffer(signature),
  });
  const b64 = Buffer.from(AsnConvert.serialize(cert)).toString("base64").replace(/.{64}/g, "$&\n");
  return `-----BEGIN CERTIFICATE-----\n${b64.replace(/\n$/, "")}\n-----END CERTIFICATE-----\n`;
}

/**
 * A throwaway CA and a server certificate for `dnsNames` (wildcards allowed), for local HTTPS
 * servers in probe tests and benchmarks.
 */
export function makeTestPki(dnsNames: string[]): TestPki {
  const newKey = () => generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey;
  const caKey = newKey();
  const caName = nameOf("probe test CA");
  const caPem = issue(caName, caKey, caName, caKey, [
    ext(id_ce_basicConstraints, new BasicConstraints({ cA: true, pathLenConstraint: 0 }), true),
    ext(id_ce_keyUsage, new KeyUsage(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign), true),
  ]);
  const leafKey = newKey();
  const certPem = issue(nameOf(dnsNames[0] ?? "localhost"), leafKey, caName, caKey, [
    ext(id_ce_basicConstraints, new BasicConstraints({ cA: false }), true),
    ext(id_ce_keyUsage, new KeyUsage(KeyUsageFlags.digitalSignature), true),
    ext(id_ce_extKeyUsage, new ExtendedKeyUsage([id_kp_serverAuth])),
    ext(
      id_ce_subjectAltName,
      new SubjectAlternativeName(dnsNames.map((d) => new GeneralName({ dNSName: d }))),
    ),
  ]);
  return { caPem, certPem, keyPem: leafKey.export({ type: "pkcs8", format: "pem" }) as string };
}
