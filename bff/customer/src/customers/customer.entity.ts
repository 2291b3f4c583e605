import { scopedColumns } from '@zhanye/kit';
import { EntitySchema } from 'typeorm';

export interface CustomerRow {
  id: string;
  bankId: string;
  orgId: string;
  orgPath: string;
  ownerId: string;
  ownerName: string;
  name: string;
  idNumber: string;
  phone: string;
  /** Keyed hashes for exact search (`LookupHasher`); null only in rows a previous release wrote. */
  idNumberHash: Buffer | null;
  phoneHash: Buffer | null;
  segment: 'prospect' | 'listed' | 'existing' | 'merchant';
  birthDate: string | null;
  gender: 'M' | 'F' | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const CustomerEntity = new EntitySchema<CustomerRow>({
  name: 'customer',
  tableName: 'customer',
  columns: {
    id: { type: 'char', length: 36, primary: true },
    ...scopedColumns,
    ownerName: { name: 'owner_name', type: 'varchar', length: 64 },
    name: { type: 'varchar', length: 64 },
    idNumber: { name: 'id_number', type: 'char', length: 18 },
    phone: { type: 'char', length: 11 },
    idNumberHash: { name: 'id_number_hash', type: 'binary', length: 32, nullable: true },
    phoneHash: { name: 'phone_hash', type: 'binary', length: 32, nullable: true },
    segment: { type: 'varchar', length: 16 },
    birthDate: { name: 'birth_date', type: 'date', nullable: true },
    gender: { type: 'char', length: 1, nullable: true },
    createdBy: { name: 'created_by', type: 'varchar', length: 64 },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3 },
    updatedAt: { name: 'updated_at', type: 'datetime', precision: 3 },
  },
});
