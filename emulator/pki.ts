import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import { join } from "node:path";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  GeneralName,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  id_kp_serverAuth,
} from "@peculiar/asn1-x509";
import type { Pki } from "./contracts";
import { ensurePrivateDir, tightenFile, writePrivateFile } from "./store/private-files";

/*
 * Certificates are assembled with the ASN.1 schema classes and signed with node:crypto, because
 * `certificateFor` must be synchronous (the data plane calls it from a TLS SNI callback) and the
 * higher-level @peculiar/x509 generator only has an async (WebCrypto) API.
 */

const ECDSA_SHA256 = "1.2.840.10045.4.3.2";
const COMMON_NAME = "2.5.4.3";
const ORGANIZATION = "2.5.4.10";
const DAY_MS = 86_400_000;

function name(commonName: string): Name {
  const attr = (type: string, value: string) =>
    new RelativeDistinguishedName([
      new AttributeTypeAndValue({ type, value: new AttributeValue({ utf8String: value }) }),
    ]);
  return new Name([attr(ORGANIZATION, "ACR Geo Console emulator"), attr(COMMON_NAME, commonName)]);
}

function extension(extnID: string, value: unknown, critical = false): Extension {
  return new Extension({
    extnID,
    critical,
    extnValue: new OctetString(AsnConvert.serialize(value)),
  });
}

function spkiOf(key: KeyObject): SubjectPublicKeyInfo {
  const der = createPublicKey(key).export({ type: "spki", format: "der" });
  return AsnConvert.parse(der, SubjectPublicKeyInfo);
}

/** RFC 5280 method 1: SHA-1 of the subjectPublicKey bits. */
function keyIdOf(spki: SubjectPublicKeyInfo): ArrayBuffer {
  const digest = createHash("sha1").update(Buffer.from(spki.subjectPublicKey)).digest();
  return digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength);
}

function serialNumber(): ArrayBuffer {
  const bytes = randomBytes(16);
  // Positive, and a non-zero first byte: DER forbids a leading zero byte (OpenSSL rejects the
  // certificate with "illegal padding" about once in 256 otherwise).
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

function toPem(label: string, der: ArrayBuffer | Buffer): string {
  const b64 = Buffer.from(der as ArrayBuffer).toString("base64");
  return `-----BEGIN ${label}-----\n${b64.replace(/.{64}/g, "$&\n").replace(/\n$/, "")}\n-----END ${label}-----\n`;
}

function fromPem(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64");
}

interface CertificateRequest {
  subject: Name;
  subjectKey: KeyObject;
  issuer: Name;
  issuerKey: KeyObject;
  issuerKeyId: ArrayBuffer;
  days: number;
  extensions: Extension[];
}

function issue(req: CertificateRequest): string {
  const now = Date.now();
  const tbs = new TBSCertificate({
    version: 2, // v3
    serialNumber: serialNumber(),
    signature: new AlgorithmIdentifier({ algorithm: ECDSA_SHA256 }),
    issuer: req.issuer,
    validity: new Validity({
      notBefore: new Date(now - DAY_MS),
      notAfter: new Date(now + req.days * DAY_MS),
    }),
    subject: req.subject,
    subjectPublicKeyInfo: spkiOf(req.subjectKey),
    extensions: new Extensions([
      ...req.extensions,
      extension(
        id_ce_authorityKeyIdentifier,
        new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(req.issuerKeyId) }),
      ),
    ]),
  });
  const tbsDer = Buffer.from(AsnConvert.serialize(tbs));
  const signature = sign("sha256", tbsDer, req.issuerKey); // DER-encoded ECDSA signature
  const cert = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: ECDSA_SHA256 }),
    signatureValue: signature.buffer.slice(
      signature.byteOffset,
      signature.byteOffset + signature.byteLength,
    ),
  });
  return toPem("CERTIFICATE", AsnConvert.serialize(cert));
}

function newKey(): KeyObject {
  return generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey;
}

interface CaMaterial {
  key: KeyObject;
  certPem: string;
}

function loadOrCreateCa(stateDir: string): CaMaterial {
  const certPath = join(stateDir, "ca.pem");
  const keyPath = join(stateDir, "ca-key.pem");
  ensurePrivateDir(stateDir);
  if (existsSync(certPath) && existsSync(keyPath)) {
    tightenFile(keyPath);
    const certPem = readFileSync(certPath, "utf8");
    const cert = AsnConvert.parse(fromPem(certPem), Certificate);
    if (cert.tbsCertificate.validity.notAfter.getTime().getTime() > Date.now() + 30 * DAY_MS) {
      return { key: createPrivateKey(readFileSync(keyPath, "utf8")), certPem };
    }
  }
  const key = newKey();
  const subject = name("ACR Geo Console emulator local CA");
  const spki = spkiOf(key);
  const certPem = issue({
    subject,
    subjectKey: key,
    issuer: subject,
    issuerKey: key,
    issuerKeyId: keyIdOf(spki),
    days: 3650,
    extensions: [
      extension(
        id_ce_basicConstraints,
        new BasicConstraints({ cA: true, pathLenConstraint: 0 }),
        true,
      ),
      extension(
        id_ce_keyUsage,
        new KeyUsage(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign),
        true,
      ),
      extension(id_ce_subjectKeyIdentifier, new SubjectKeyIdentifier(keyIdOf(spki))),
    ],
  });
  writePrivateFile(keyPath, key.export({ type: "pkcs8", format: "pem" }) as string);
  writeFileSync(certPath, certPem);
  return { key, certPem };
}

/**
 * The emulator's local CA: created on first start under the state dir and reused afterwards, so
 * a browser or NODE_EXTRA_CA_CERTS that trusts it keeps trusting it across restarts.
 */
export function createPki(stateDir: string): Pki {
  const ca = loadOrCreateCa(stateDir);
  const caCert = AsnConvert.parse(fromPem(ca.certPem), Certificate);
  const caKeyId = keyIdOf(caCert.tbsCertificate.subjectPublicKeyInfo);
  const leafKey = newKey();
  const leafKeyPem = leafKey.export({ type: "pkcs8", format: "pem" }) as string;
  const cache = new Map<string, { keyPem: string; certPem: string }>();

  return {
    caCertPem: ca.certPem,
    caFile: join(stateDir, "ca.pem"),
    certificateFor(hostnames) {
      const names = [...new Set(hostnames.map((h) => h.toLowerCase()))].sort();
      const cacheKey = names.join(",");
      const cached = cache.get(cacheKey);
      if (cached) return cached;
      const san = new SubjectAlternativeName(
        names.map((h) =>
          isIP(h) ? new GeneralName({ iPAddress: h }) : new GeneralName({ dNSName: h }),
        ),
      );
      const certPem = issue({
        subject: name(names[0] ?? "localhost"),
        subjectKey: leafKey,
        issuer: caCert.tbsCertificate.subject,
        issuerKey: ca.key,
        issuerKeyId: caKeyId,
        days: 397,
        extensions: [
          extension(id_ce_basicConstraints, new BasicConstraints({ cA: false }), true),
          extension(id_ce_keyUsage, new KeyUsage(KeyUsageFlags.digitalSignature), true),
          extension(id_ce_extKeyUsage, new ExtendedKeyUsage([id_kp_serverAuth])),
          extension(id_ce_subjectAltName, san),
          extension(id_ce_subjectKeyIdentifier, new SubjectKeyIdentifier(keyIdOf(spkiOf(leafKey)))),
        ],
      });
      const material = { keyPem: leafKeyPem, certPem };
      cache.set(cacheKey, material);
      return material;
    },
  };
}
