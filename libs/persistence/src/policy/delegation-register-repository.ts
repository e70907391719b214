import type { DataSource } from 'typeorm';
import {
  DEFAULT_DELEGATION_ITEMS,
  fallbackDelegationId,
  oneAppointmentRegister,
  withDelegationIds,
  type AppointmentState,
  type AppointmentView,
  type DelegationItem,
  type DelegationRegister,
} from '@kvalitet/domain';
import type { EventEnvelope } from '@kvalitet/contracts';
import { EventStore } from '../event-store/event-store';
import { changeStampOf, SettingRepository } from './setting-repository';

/**
 * The delegation register (AUD-6, LC-6 S5, LC-8; ADR 0023): a stream of its own under the `policy`
 * aggregate type (the organisation's settings), like the classification lists.
 */
export const DELEGATION_REGISTER_ID = '00000000-0000-4000-8000-00000000de1e';

export const DELEGATION_REGISTER_CHANGED = 'DelegationRegisterChanged';

export interface DelegationRegisterChangedData {
  /** The version this change creates. */
  registerVersion: number;
  items: DelegationItem[];
}

export interface SavedDelegationRegister extends DelegationRegister {
  /** 1 = the demo register (nothing saved yet); each save adds one, like the classification lists. */
  readonly version: number;
  readonly changedAt?: string;
  readonly changedBy?: string;
}

/** Versioned like the deadline policy: every save is an event carrying the whole register. */
export class DelegationRegisterRepository extends SettingRepository<
  SavedDelegationRegister,
  readonly DelegationItem[],
  DelegationRegisterChangedData
> {
  constructor(store: EventStore, registerId: string = DELEGATION_REGISTER_ID) {
    super(store, registerId, DELEGATION_REGISTER_CHANGED, 'delegations');
  }

  protected settingAfter(changes: readonly EventEnvelope[]): SavedDelegationRegister {
    const last = changes[changes.length - 1];
    if (!last) return { version: 1, items: DEFAULT_DELEGATION_ITEMS };
    const data = last.data as unknown as DelegationRegisterChangedData;
    // Rows saved before they had ids (ADR 0034) get one by their place, kept by the next save.
    const items = withDelegationIds(data.items, [], fallbackDelegationId);
    return { version: changes.length + 1, items, ...changeStampOf(last) };
  }

  protected dataOf(items: readonly DelegationItem[], registerVersion: number): DelegationRegisterChangedData {
    return { registerVersion, items: items.map((item) => ({ ...item })) };
  }
}

/**
 * The one list of förordnanden (ADR 0034) for a reader that has the stored appointments (a read
 * model) and a DataSource: those appointments with the delegation register's rows in force now.
 */
export async function appointmentsWithDelegations(
  dataSource: DataSource,
  stored: readonly AppointmentState[],
): Promise<AppointmentView[]> {
  const register = await new DelegationRegisterRepository(new EventStore(dataSource)).current();
  return oneAppointmentRegister(stored, register.items);
}
