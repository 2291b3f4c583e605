import { createHash, randomUUID } from 'node:crypto';
import { type Attachment, creditApi, type Principal } from '@zhanye/contracts';
import { InputError, NotFoundError, type Route, route, transactionBefore } from '@zhanye/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { Files, PartDeps, PartSchema } from '../ports.ts';
import { CreditFiles1766300000000 } from './1766300000000-files.ts';
import { AttachmentEntity, type AttachmentRow, type OwnerKind } from './attachment.entity.ts';

export type { OwnerKind } from './attachment.entity.ts';

/** The files' tables whose rows carry org paths (for `followOrgMoves` in app.ts). */
export const filesScopedTables = ['credit_attachment'];

/** Files kept with applications and authorisations (`credit_attachment`, the bytes in a MEDIUMBLOB). */
export const filesSchema: PartSchema = {
  entities: [AttachmentEntity],
  migrations: [CreditFiles1766300000000],
};

/** The largest file kept (decoded bytes); the contract's base64 limit is about the same. */
export const MAX_FILE_BYTES = 512 * 1024;

/** What a file of each accepted type starts with: the declared type must match the bytes. */
const MAGIC: Record<string, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

/**
 * The bytes of an upload, or a 400 naming the field: not base64, empty, over `MAX_FILE_BYTES`, a
 * type other than PDF, JPEG or PNG, or bytes that are not what the declared type says.
 */
export function decodeUpload(upload: { mime: string; base64: string }, field = 'base64'): Buffer {
  const magic = MAGIC[upload.mime];
  if (!magic) throw new InputError('unsupported file type', { mime: ['only PDF, JPEG or PNG'] });
  const text = upload.base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new InputError('not a file', { [field]: ['not base64'] });
  }
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length === 0) throw new InputError('empty file', { [field]: ['the file is empty'] });
  if (bytes.length > MAX_FILE_BYTES) {
    throw new InputError('file too large', { [field]: [`at most ${MAX_FILE_BYTES / 1024} KB`] });
  }
  if (!magic.every((b, i) => bytes[i] === b)) {
    throw new InputError('file type does not match', { mime: [`the file is not a ${upload.mime} file`] });
  }
  return bytes;
}

/** The record a file belongs to, resolved in the caller's scope. */
export interface FileOwner {
  id: string;
  bankId: string;
  orgId: string;
  orgPath: string;
  /** The owner's state (an application's status), for the resolver's own checks. */
  status?: string;
}

/**
 * Finds a file's owner in the caller's data scope (`write`: about to change it) or throws: 404
 * outside the scope, and (for `write`) 409 when the owner's state allows no new file.
 */
export type ResolveOwner = (caller: Principal, id: string, mode: 'read' | 'write') => Promise<FileOwner>;

const toAttachment = (r: AttachmentRow): Attachment => ({
  id: r.id,
  kind: r.kind as Attachment['kind'],
  filename: r.filename,
  mime: r.mime,
  size: r.size,
  sha256: r.sha256,
  uploadedBy: r.uploadedBy,
  uploadedByName: r.uploadedByName,
  uploadedAt: r.uploadedAt.toISOString(),
});

/** The `Files` port, plus downloads checked against the owner's scope. */
export class CreditFiles implements Files {
  private readonly owners = new Map<OwnerKind, ResolveOwner>();
  constructor(readonly ds: DataSource) {}

  /** How the scope of an owner kind is checked (the bureau registers `authorization`). */
  resolveOwnersWith(kind: OwnerKind, resolve: ResolveOwner) {
    this.owners.set(kind, resolve);
  }

  async add(
    m: EntityManager,
    caller: Principal,
    owner: { kind: OwnerKind; id: string; bankId: string; orgId: string; orgPath: string },
    upload: { kind: Attachment['kind']; filename: string; mime: string; base64: string },
  ): Promise<Attachment> {
    const bytes = decodeUpload(upload);
    const row: AttachmentRow = {
      id: randomUUID(),
      bankId: owner.bankId,
      orgId: owner.orgId,
      orgPath: owner.orgPath,
      ownerKind: owner.kind,
      ownerRef: owner.id,
      kind: upload.kind,
      // a name for a download only: no path, no control characters
      filename: upload.filename.replace(/[\\/\p{Cc}]/gu, '_').slice(0, 128),
      mime: upload.mime,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      content: bytes,
      uploadedBy: caller.userId,
      uploadedByName: caller.displayName,
      uploadedAt: new Date(),
    };
    await m.getRepository(AttachmentEntity).insert(row);
    return toAttachment(row);
  }

  async list(owner: { kind: OwnerKind; id: string }): Promise<Attachment[]> {
    const rows = await this.ds
      .getRepository(AttachmentEntity)
      .createQueryBuilder('a')
      .where('a.owner_kind = :k AND a.owner_ref = :id', { k: owner.kind, id: owner.id })
      .orderBy('a.uploaded_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
    return rows.map(toAttachment);
  }

  /** One file with its bytes, when its owner is in the caller's scope (404 otherwise). */
  async download(caller: Principal, id: string): Promise<{ filename: string; mime: string; base64: string }> {
    const qb = this.ds
      .getRepository(AttachmentEntity)
      .createQueryBuilder('a')
      .addSelect('a.content')
      .where('a.id = :id', { id });
    if (caller.dataScope !== 'all') qb.andWhere('a.bank_id = :bank', { bank: caller.bankId });
    const row = await qb.getOne();
    const resolve = row && this.owners.get(row.ownerKind);
    if (!row || !resolve) throw new NotFoundError('attachment not found');
    await resolve(caller, row.ownerRef, 'read'); // throws 404 outside the owner's scope
    return {
      filename: row.filename,
      mime: row.mime,
      base64: (row.content ?? Buffer.alloc(0)).toString('base64'),
    };
  }
}

/** Files kept with applications and authorisations, in the credit database. */
export function createFiles(deps: PartDeps): CreditFiles {
  return new CreditFiles(deps.ds);
}

/**
 * The application's file routes (`creditApi.listAttachments`, `addAttachment`, `getAttachment`):
 * `resolveApplication` finds the application in the caller's scope (404 outside it; for `write`,
 * 409 when its state takes no file). `getAttachment` checks the scope of the file's owner, an
 * application or an authorisation.
 */
export function filesRoutes(files: CreditFiles, resolveApplication: ResolveOwner): Route[] {
  files.resolveOwnersWith('application', resolveApplication);
  return [
    route(creditApi.listAttachments, async ({ caller, input }) => {
      const owner = await resolveApplication(caller, input.id, 'read');
      return { items: await files.list({ kind: 'application', id: owner.id }) };
    }),
    route(creditApi.addAttachment, async ({ caller, input, deadline, audit }) => {
      const owner = await resolveApplication(caller, input.id, 'write');
      const { id: _id, ...upload } = input;
      const added = await transactionBefore(files.ds, deadline, (m) =>
        files.add(m, caller, { kind: 'application', ...owner, id: owner.id }, upload),
      );
      audit.after = added;
      return added;
    }),
    route(creditApi.getAttachment, async ({ caller, input }) => files.download(caller, input.id)),
  ];
}
