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

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column('text')
  action!: string;

  @Column('text')
  route!: string;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;
}
