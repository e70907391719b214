import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'access_log' })
export class AccessLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column('text')
  username!: string;

  @Column('text', { array: true })
  roles!: string[];

  /** The case read; null for a search of the case list (`kind = 'search'`). */
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ type: 'text', default: 'read' })
  kind!: 'read' | 'search';

  /** A search's query as the caller wrote it. */
  @Column({ type: 'text', nullable: true })
  query!: string | null;

  /** A search's number of hits. */
  @Column({ type: 'integer', nullable: true })
  hits!: number | null;

  @Column('text')
  action!: string;

  @Column('text')
  route!: string;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;
}
