import { Organisation } from './organisation';
import {
  LEGAL_AREAS,
  type Board,
  type ExclusionAnalysis,
  type Forvaltning,
  type LegalArea,
  type OrgUnit,
  type OrganisationUser,
} from './organisation-model';
import { ROLES, isRole } from './roles';

/** One fault of an organisation file: where (`units[3].parentId`) and what, in Swedish. */
export interface OrganisationFault {
  readonly path: string;
  readonly message: string;
}

export type ParsedOrganisation =
  | { readonly ok: true; readonly organisation: Organisation }
  | { readonly ok: false; readonly faults: readonly OrganisationFault[] };

const SLUG = /^[a-z0-9][a-z0-9.-]{0,63}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

function isDate(v: unknown): v is string {
  if (typeof v !== 'string' || !DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/**
 * Reads an organisation file's content (SC-2, SC-3, PR-11, AUD-7; ADR 0030): boards with their legal
 * areas, förvaltningar, units, users. Every fault is reported with its path, so that whoever edits
 * the file can find it; an organisation with a fault is never used.
 */
export function parseOrganisation(raw: unknown): ParsedOrganisation {
  const faults: OrganisationFault[] = [];
  const fault = (path: string, message: string) => faults.push({ path, message });
  if (!isObj(raw)) {
    fault('', 'filen ska innehålla ett objekt med municipality, boards, forvaltningar, units och users');
    return { ok: false, faults };
  }

  const list = (key: string): unknown[] => {
    const value = raw[key];
    if (Array.isArray(value) && value.length > 0) return value;
    fault(key, 'saknas eller är tom (en lista behövs)');
    return [];
  };
  const ids = (path: string, id: unknown, seen: Set<string>, what: string): string | null => {
    if (typeof id !== 'string' || !SLUG.test(id)) {
      fault(`${path}.id`, `ogiltigt id (små bokstäver, siffror, punkt och bindestreck) för ${what}`);
      return null;
    }
    if (seen.has(id)) fault(`${path}.id`, `${what} ${id} förekommer två gånger`);
    seen.add(id);
    return id;
  };
  const legalAreas = (path: string, value: unknown, allowed: readonly LegalArea[]): LegalArea[] => {
    if (!Array.isArray(value) || value.length === 0) {
      fault(path, `saknas (minst ett av ${LEGAL_AREAS.join(', ')})`);
      return [];
    }
    const result: LegalArea[] = [];
    value.forEach((area, i) => {
      if (!(LEGAL_AREAS as readonly unknown[]).includes(area))
        fault(`${path}[${i}]`, `okänt lagområde ${String(area)} (${LEGAL_AREAS.join(', ')})`);
      else if (!allowed.includes(area as LegalArea))
        fault(`${path}[${i}]`, `lagområdet ${String(area)} hör inte till nämndens lagområden`);
      else if (result.includes(area as LegalArea)) fault(`${path}[${i}]`, `${String(area)} står två gånger`);
      else result.push(area as LegalArea);
    });
    return result;
  };

  if (!isText(raw['municipality'])) fault('municipality', 'saknas (kommunens namn)');

  const boardIds = new Set<string>();
  const boards: Board[] = [];
  list('boards').forEach((b, i) => {
    const path = `boards[${i}]`;
    if (!isObj(b)) return fault(path, 'ska vara ett objekt');
    const id = ids(path, b['id'], boardIds, 'nämnden');
    if (!isText(b['name'])) fault(`${path}.name`, 'saknas (nämndens namn)');
    const areas = legalAreas(`${path}.legalAreas`, b['legalAreas'], LEGAL_AREAS);
    if (id) boards.push({ id, name: String(b['name'] ?? ''), legalAreas: areas });
  });

  const forvaltningIds = new Set<string>();
  const forvaltningar: Forvaltning[] = [];
  list('forvaltningar').forEach((f, i) => {
    const path = `forvaltningar[${i}]`;
    if (!isObj(f)) return fault(path, 'ska vara ett objekt');
    const id = ids(path, f['id'], forvaltningIds, 'förvaltningen');
    if (!isText(f['name'])) fault(`${path}.name`, 'saknas (förvaltningens namn)');
    const boardId = f['boardId'];
    if (typeof boardId !== 'string' || !boardIds.has(boardId))
      fault(`${path}.boardId`, `okänd nämnd ${String(boardId)}`);
    if (id && typeof boardId === 'string') forvaltningar.push({ id, name: String(f['name'] ?? ''), boardId });
  });

  const rawUnits = list('units');
  const unitIds = new Set<string>();
  rawUnits.forEach((u, i) => {
    if (isObj(u)) ids(`units[${i}]`, u['id'], unitIds, 'enheten');
  });
  const units: OrgUnit[] = [];
  const parentOf = new Map<string, string | null>();
  rawUnits.forEach((u, i) => {
    const path = `units[${i}]`;
    if (!isObj(u)) return fault(path, 'ska vara ett objekt');
    if (!isText(u['name'])) fault(`${path}.name`, 'saknas (enhetens namn)');
    const parentId = u['parentId'] ?? null;
    if (parentId !== null && (typeof parentId !== 'string' || !unitIds.has(parentId)))
      fault(`${path}.parentId`, `okänd enhet ${String(parentId)}`);
    else if (parentId === u['id']) fault(`${path}.parentId`, 'en enhet kan inte ligga under sig själv');
    const forvaltning = forvaltningar.find((f) => f.id === u['forvaltningId']);
    if (!forvaltning) fault(`${path}.forvaltningId`, `okänd förvaltning ${String(u['forvaltningId'])}`);
    const board = boards.find((b) => b.id === forvaltning?.boardId);
    const areas = legalAreas(`${path}.legalAreas`, u['legalAreas'], board?.legalAreas ?? LEGAL_AREAS);
    const inLedningssystem = u['inLedningssystem'];
    let exclusionAnalysis: ExclusionAnalysis | null = null;
    if (typeof inLedningssystem !== 'boolean') {
      fault(`${path}.inLedningssystem`, 'saknas (true eller false)');
    } else if (!inLedningssystem) {
      exclusionAnalysis = exclusion(`${path}.exclusionAnalysis`, u['exclusionAnalysis'], fault);
    } else if (u['exclusionAnalysis'] !== undefined && u['exclusionAnalysis'] !== null) {
      fault(`${path}.exclusionAnalysis`, 'bara en enhet utanför ledningssystemet har en analys');
    }
    if (typeof u['id'] !== 'string' || !forvaltning) return;
    parentOf.set(u['id'], typeof parentId === 'string' ? parentId : null);
    units.push({
      id: u['id'],
      name: String(u['name'] ?? ''),
      parentId: typeof parentId === 'string' ? parentId : null,
      forvaltningId: forvaltning.id,
      boardId: forvaltning.boardId,
      legalAreas: areas,
      inLedningssystem: inLedningssystem === true,
      exclusionAnalysis,
    });
  });
  units.forEach((unit) => {
    const i = rawUnits.findIndex((u) => isObj(u) && u['id'] === unit.id);
    const parent = units.find((p) => p.id === unit.parentId);
    if (parent && parent.boardId !== unit.boardId)
      fault(`units[${i}].parentId`, `överordnad enhet ${parent.id} hör till en annan nämnd`);
    const seen = new Set<string>([unit.id]);
    for (let at = parentOf.get(unit.id) ?? null; at !== null; at = parentOf.get(at) ?? null) {
      if (seen.has(at)) {
        fault(`units[${i}].parentId`, `enhetsträdet har en cykel vid ${unit.id}`);
        break;
      }
      seen.add(at);
    }
  });

  const usernames = new Set<string>();
  const users: OrganisationUser[] = [];
  list('users').forEach((u, i) => {
    const path = `users[${i}]`;
    if (!isObj(u)) return fault(path, 'ska vara ett objekt');
    const username = u['username'];
    if (typeof username !== 'string' || !SLUG.test(username))
      fault(`${path}.username`, 'ogiltigt användarnamn (små bokstäver, siffror, punkt och bindestreck)');
    else if (usernames.has(username))
      fault(`${path}.username`, `användaren ${username} förekommer två gånger`);
    else usernames.add(username);
    if (!isText(u['name'])) fault(`${path}.name`, 'saknas (användarens namn)');
    const roles = Array.isArray(u['roles']) ? u['roles'] : [];
    if (roles.length === 0) fault(`${path}.roles`, 'saknas (minst en roll)');
    roles.forEach((role, r) => {
      if (!isRole(role)) fault(`${path}.roles[${r}]`, `okänd roll ${String(role)} (${ROLES.join(', ')})`);
    });
    const userUnits = Array.isArray(u['unitIds']) ? u['unitIds'] : [];
    const userBoards = Array.isArray(u['boardIds']) ? u['boardIds'] : [];
    if (userUnits.length === 0) fault(`${path}.unitIds`, 'saknas (minst en enhet)');
    if (userBoards.length === 0) fault(`${path}.boardIds`, 'saknas (minst en nämnd)');
    userBoards.forEach((id, b) => {
      if (typeof id !== 'string' || !boardIds.has(id))
        fault(`${path}.boardIds[${b}]`, `okänd nämnd ${String(id)}`);
    });
    userUnits.forEach((id, n) => {
      const unit = units.find((x) => x.id === id);
      if (!unit) fault(`${path}.unitIds[${n}]`, `okänd enhet ${String(id)}`);
      else if (!userBoards.includes(unit.boardId))
        fault(
          `${path}.unitIds[${n}]`,
          `enheten ${unit.id} hör till nämnden ${unit.boardId}, som inte står i boardIds`,
        );
    });
    if (typeof username === 'string')
      users.push({
        username,
        name: String(u['name'] ?? ''),
        roles: roles.filter(isRole),
        unitIds: userUnits.filter((x): x is string => typeof x === 'string'),
        boardIds: userBoards.filter((x): x is string => typeof x === 'string'),
      });
  });

  if (faults.length > 0) return { ok: false, faults };
  return {
    ok: true,
    organisation: new Organisation(units, {
      municipality: String(raw['municipality']),
      boards,
      forvaltningar,
      users,
    }),
  };
}

function exclusion(
  path: string,
  value: unknown,
  fault: (path: string, message: string) => void,
): ExclusionAnalysis | null {
  if (!isObj(value)) {
    fault(path, 'saknas: en enhet utanför ledningssystemet kräver en dokumenterad analys (PR-11)');
    return null;
  }
  if (!isDate(value['decidedAt'])) fault(`${path}.decidedAt`, 'saknas eller är inget datum (ÅÅÅÅ-MM-DD)');
  if (!isText(value['decidedBy'])) fault(`${path}.decidedBy`, 'saknas (vem som beslutade)');
  if (!isText(value['rationale'])) fault(`${path}.rationale`, 'saknas (analysens motivering)');
  return {
    decidedAt: String(value['decidedAt'] ?? ''),
    decidedBy: String(value['decidedBy'] ?? ''),
    rationale: String(value['rationale'] ?? ''),
  };
}

/** All faults as one Swedish message, one line per fault. */
export function describeOrganisationFaults(faults: readonly OrganisationFault[]): string {
  return faults.map((f) => (f.path ? `${f.path} ${f.message}` : f.message)).join('\n');
}
