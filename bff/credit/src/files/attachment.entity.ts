import { EntitySchema } from 'typeorm';

/** Who a file belongs to: an application or a bureau authorisation. */
export type OwnerKind = 'application' | 'authorization';

export interface AttachmentRow {
  id: string;
  bankId: string;
  orgId: string;
  orgPath: string;
  ownerKind: OwnerKind;
  ownerRef: string;
  kind: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  /** Not selected unless asked for (`addSelect('a.content')`): lists never load the bytes. */
  content?: Buffer;
  uploadedBy: string;
  uploadedByName: string;
  uploadedAt: Date;
}

export const AttachmentEntity = new EntitySchema<AttachmentRow>({
  name: 'credit_attachment',
  tableName: 'credit_attachment',
  columns: {
    id: { type: 'char', length: 36, primary: true },
    bankId: { name: 'bank_id', type: 'varchar', length: 64 },
    orgId: { name: 'org_id', type: 'varchar', length: 64 },
    orgPath: { name: 'org_path', type: 'varchar', length: 255 },
    ownerKind: { name: 'owner_kind', type: 'varchar', length: 16 },
    ownerRef: { name: 'owner_ref', type: 'char', length: 36 },
    kind: { type: 'varchar', length: 32 },
    filename: { type: 'varchar', length: 128 },
    mime: { type: 'varchar', length: 64 },
    size: { type: 'int' },
    sha256: { type: 'char', length: 64 },
    content: { type: 'mediumblob', select: false },
    uploadedBy: { name: 'uploaded_by', type: 'varchar', length: 64 },
    uploadedByName: { name: 'uploaded_by_name', type: 'varchar', length: 64 },
    uploadedAt: { name: 'uploaded_at', type: 'datetime', precision: 3 },
  },
});
