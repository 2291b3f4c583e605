/**
 * Makes a production set of caller-token keys: one Ed25519 key pair per component, and for each
 * component the public keys of the signers `CALLER_POLICY` lets call it. Prints one env block per
 * component; put each block in that component's secret store only.
 *
 *   pnpm caller-keys > keys.env   (then split per component; never commit it)
 */
import { CALLER_POLICY, domainNames, mayCall } from '@zhanye/contracts';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

const services = domainNames();
const components = [...new Set([...Object.keys(CALLER_POLICY), ...services])];
const keys = new Map<string, { priv: JWK; pub: JWK }>();
for (const kid of components) {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
  keys.set(kid, {
    priv: { ...(await exportJWK(privateKey)), kid },
    pub: { ...(await exportJWK(publicKey)), kid },
  });
}
for (const kid of components) {
  const trusted = components.filter((signer) => mayCall(signer, kid)).map((s) => keys.get(s)?.pub);
  console.log(`# ${kid}`);
  console.log(`ZY_SIGNING_KEY='${JSON.stringify(keys.get(kid)?.priv)}'`);
  console.log(`ZY_TRUSTED_KEYS='${JSON.stringify(trusted)}'\n`);
}
