import { Column, Entity, PrimaryColumn } from 'typeorm';

export const PROVIDER_KINDS = ['nengmao-brand', 'nengmao-tmall-global', 'nomad-envoy', 'nomad-pilot', 'wms'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** One provider account. Credentials are stored only in encrypted form (see CredentialCipher). */
@Entity('connection')
export class ConnectionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') provider!: ProviderKind;
  @Column('text', { name: 'base_url' }) baseUrl!: string;
  @Column('jsonb') options!: Record<string, unknown>;
  @Column('text', { name: 'credentials' }) encryptedCredentials!: string;
  @Column('boolean') enabled!: boolean;
  @Column('integer') version!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
