import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A row written by the readiness smoke test to prove the database accepts writes through TypeORM. */
@Entity({ name: 'service_probe' })
export class ServiceProbeEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  note!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
