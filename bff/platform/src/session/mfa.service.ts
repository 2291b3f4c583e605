import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import type { MfaSetup } from '@zhanye/contracts';
import { InputError } from '@zhanye/kit';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { DataSource } from 'typeorm';

/** Recovery code alphabet: no 0/o, 1/l/i, so a code read aloud or from paper is unambiguous. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const RECOVERY_CODES = 10;

interface MfaRow {
  user_id: string;
  secret: string | null;
  pending_secret: string | null;
  enabled_at: Date | null;
  last_step: string | number | null;
}

const normalise = (code: string) => code.trim().toLowerCase().replace(/-/g, '');

/**
 * TOTP (RFC 6238, 30 s, 6 digits, ±1 step) and recovery codes. Secrets are AES-256-GCM encrypted
 * with a key derived (HKDF) from `ZY_MFA_KEY`, bound to the user id, so a copied database alone
 * yields nothing and a ciphertext moved to another user does not decrypt. A code's time step is
 * kept so the same code cannot be used twice. Recovery codes are stored as keyed hashes, single use.
 */
export class MfaService {
  private readonly encKey: Buffer;
  private readonly codeKey: Buffer;

  constructor(
    private readonly ds: DataSource,
    keyMaterial: string,
    private readonly issuer: string,
  ) {
    this.encKey = Buffer.from(hkdfSync('sha256', keyMaterial, 'zhanye-mfa', 'totp-secret-v1', 32));
    this.codeKey = Buffer.from(hkdfSync('sha256', keyMaterial, 'zhanye-mfa', 'recovery-code-v1', 32));
  }

  private encrypt(userId: string, secret: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.encKey, iv);
    c.setAAD(Buffer.from(userId));
    const body = Buffer.concat([c.update(secret, 'utf8'), c.final()]);
    return `v1.${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url')}`;
  }

  private decrypt(userId: string, stored: string): string {
    const raw = Buffer.from(stored.replace(/^v1\./, ''), 'base64url');
    const d = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, 12));
    d.setAAD(Buffer.from(userId));
    d.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
  }

  private codeHash(userId: string, code: string): string {
    return createHmac('sha256', this.codeKey)
      .update(`${userId}:${normalise(code)}`)
      .digest('hex');
  }

  private async row(userId: string): Promise<MfaRow | undefined> {
    const rows: MfaRow[] = await this.ds.query('SELECT * FROM user_mfa WHERE user_id = ?', [userId]);
    return rows[0];
  }

  async enabled(userId: string): Promise<boolean> {
    return Boolean((await this.row(userId))?.enabled_at);
  }

  /** Whether any role the user holds requires MFA (`role.mfa_required`, from the access model). */
  async required(userId: string): Promise<boolean> {
    try {
      const rows: { req: number | string | null }[] = await this.ds.query(
        `SELECT MAX(r.mfa_required) AS req FROM user_role ur JOIN role r ON r.id = ur.role_id
          WHERE ur.user_id = ?`,
        [userId],
      );
      return Number(rows[0]?.req ?? 0) > 0;
    } catch (e) {
      // a database without the access model's column yet: no role can require it
      if (
        (e as { code?: string; driverError?: { code?: string } }).driverError?.code === 'ER_BAD_FIELD_ERROR'
      )
        return false;
      throw e;
    }
  }

  async status(userId: string) {
    const [row, required, left] = await Promise.all([
      this.row(userId),
      this.required(userId),
      this.ds.query('SELECT COUNT(*) AS n FROM user_recovery_code WHERE user_id = ? AND used_at IS NULL', [
        userId,
      ]) as Promise<{ n: string | number }[]>,
    ]);
    return { enabled: Boolean(row?.enabled_at), required, recoveryCodesLeft: Number(left[0]?.n ?? 0) };
  }

  /** A new secret, pending until a code from it is confirmed; the active one (if any) stays active. */
  async setup(userId: string, label: string): Promise<MfaSetup> {
    const secret = generateSecret();
    const enc = this.encrypt(userId, secret);
    await this.ds.query(
      `INSERT INTO user_mfa (user_id, pending_secret, updated_at) VALUES (?, ?, ?)
       ON DUPLICATE KEY UPDATE pending_secret = VALUES(pending_secret), updated_at = VALUES(updated_at)`,
      [userId, enc, new Date()],
    );
    const otpauthUrl = generateURI({ secret, label, issuer: this.issuer });
    const svg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return {
      secret,
      otpauthUrl,
      qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    };
  }

  /** Confirms the pending secret with a code from it: MFA is on; returns fresh recovery codes. */
  async confirm(userId: string, code: string): Promise<string[] | null> {
    return this.ds.transaction(async (m) => {
      const rows: MfaRow[] = await m.query('SELECT * FROM user_mfa WHERE user_id = ? FOR UPDATE', [userId]);
      const row = rows[0];
      if (!row?.pending_secret)
        throw new InputError('start the MFA setup first', { code: ['start the setup first'] });
      const step = await this.check(this.decrypt(userId, row.pending_secret), code, null);
      if (step === null) return null;
      await m.query(
        `UPDATE user_mfa SET secret = pending_secret, pending_secret = NULL, enabled_at = ?, last_step = ?,
                updated_at = ? WHERE user_id = ?`,
        [new Date(), step, new Date(), userId],
      );
      return this.replaceCodes(m, userId);
    });
  }

  /** Checks a TOTP code against the active secret; a code (time step) used before is refused. */
  async verifyCode(userId: string, code: string): Promise<boolean> {
    return this.ds.transaction(async (m) => {
      const rows: MfaRow[] = await m.query('SELECT * FROM user_mfa WHERE user_id = ? FOR UPDATE', [userId]);
      const row = rows[0];
      if (!row?.secret || !row.enabled_at) return false;
      const step = await this.check(this.decrypt(userId, row.secret), code, row.last_step);
      if (step === null) return false;
      await m.query('UPDATE user_mfa SET last_step = ?, updated_at = ? WHERE user_id = ?', [
        step,
        new Date(),
        userId,
      ]);
      return true;
    });
  }

  /** Uses up one recovery code; false if it is not one of the user's unused codes. */
  async useRecoveryCode(userId: string, code: string): Promise<boolean> {
    const res = await this.ds.query(
      'UPDATE user_recovery_code SET used_at = ? WHERE user_id = ? AND hash = ? AND used_at IS NULL',
      [new Date(), userId, this.codeHash(userId, code)],
    );
    return Number((res as { affectedRows?: number }).affectedRows ?? 0) === 1;
  }

  /** New recovery codes (the old ones stop working); needs a current code. */
  async regenerate(userId: string, code: string): Promise<string[] | null> {
    if (!(await this.verifyCode(userId, code))) return null;
    return this.ds.transaction((m) => this.replaceCodes(m, userId));
  }

  private async replaceCodes(
    m: { query: (sql: string, params?: unknown[]) => Promise<unknown> },
    userId: string,
  ): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODES }, () => {
      const c = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
      return `${c.slice(0, 5)}-${c.slice(5)}`;
    });
    await m.query('DELETE FROM user_recovery_code WHERE user_id = ?', [userId]);
    for (const c of codes)
      await m.query('INSERT INTO user_recovery_code (user_id, hash) VALUES (?, ?)', [
        userId,
        this.codeHash(userId, c),
      ]);
    return codes;
  }

  /** The time step the code matched (one step of clock drift either way), or null. */
  private async check(
    secret: string,
    code: string,
    lastStep: string | number | null,
  ): Promise<number | null> {
    const r = await verify({
      secret,
      token: code,
      epochTolerance: 30,
      ...(lastStep !== null ? { afterTimeStep: Number(lastStep) } : {}),
    }).catch(() => ({ valid: false as const }));
    return r.valid && 'timeStep' in r ? Number(r.timeStep) : null;
  }
}
